package org.billrun.run;

import org.springframework.batch.core.job.JobExecution;

/** The execution a run command ended with, and whether it resumed an unfinished run. */
public record RunOutcome(long runId, JobExecution execution, boolean resumed) {}
