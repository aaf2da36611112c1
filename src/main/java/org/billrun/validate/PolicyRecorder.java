package org.billrun.validate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import org.billrun.infra.InputFileException;
import org.billrun.infra.RunParameters;
import org.billrun.ingest.IngestQueries;
import org.billrun.policy.ApprovalPolicy;
import org.billrun.policy.DraftPolicy;
import org.billrun.policy.PolicyFile;
import org.billrun.policy.ScopedPolicy;
import org.billrun.policy.ValidationPolicy;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * First step of validation: refreshes the planner's statistics of the loaded data, reads the firm's policy (the --policy file, else the input folder's
 * policy.properties, else the defaults), checks it, and records it with the run together with the
 * cutoff and as-of date it implies; a scoped setting must name a project, contract, client, billing
 * model or country of the master data. A restart keeps what the first attempt recorded, so a policy file
 * edited in between cannot change a run halfway.
 */
class PolicyRecorder implements Tasklet {

    private final JdbcClient jdbc;
    private final IngestQueries ingest;
    private final ValidationRun validationRun;

    PolicyRecorder(JdbcClient jdbc, IngestQueries ingest, ValidationRun validationRun) {
        this.jdbc = jdbc;
        this.ingest = ingest;
        this.validationRun = validationRun;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        var jobExecution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        long runId = jobExecution.getJobInstance().getInstanceId();
        RunParameters run = RunParameters.from(jobExecution.getJobParameters());
        ingest.refreshStatistics();
        boolean recorded = jdbc.sql("SELECT count(*) FROM run_policy WHERE run_id = ?").param(runId).query(Long.class).single() > 0;
        if (recorded) {
            return RepeatStatus.FINISHED;
        }
        PolicyFile file;
        ValidationPolicy policy;
        try {
            if (run.policyFile() != null) {
                if (!Files.isRegularFile(Path.of(run.policyFile()))) {
                    throw new InputFileException("policy file " + run.policyFile() + " does not exist");
                }
                file = PolicyFile.read(Path.of(run.policyFile()));
            } else {
                file = PolicyFile.forInput(Path.of(run.inputDir()));
            }
            policy = ScopedPolicy.of(file, ValidationPolicy::from).global();
            ScopedPolicy.of(file, DraftPolicy::from); // the approval matrix is read when drafting; a typo in it fails the run now, not later
            ApprovalPolicy.from(file);
        } catch (PolicyFile.PolicyException e) {
            throw new InputFileException(e.getMessage());
        }
        jdbc.sql("INSERT INTO run_policy (run_id, source, sha256, content, cutoff, as_of) VALUES (?, ?, ?, ?, ?, ?)")
                .params(runId, file.source(), file.sha256(), file.content(),
                        Timestamp.from(policy.cutoff(run.period())), run.asOf())
                .update();
        try {
            validationRun.policies(); // a scope naming no project, contract, client, model or country: the step's transaction undoes the insert
        } catch (PolicyFile.PolicyException e) {
            throw new InputFileException(e.getMessage());
        }
        return RepeatStatus.FINISHED;
    }
}
