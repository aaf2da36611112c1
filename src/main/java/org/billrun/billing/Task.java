package org.billrun.billing;

/** A task of a project (tasks.csv). */
public record Task(String taskId, String projectId, String name, boolean open, boolean billable) {}
