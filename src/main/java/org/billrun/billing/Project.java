package org.billrun.billing;

/** A project under a contract (projects.csv), with the version row it was read from. */
public record Project(RecordRef ref, String projectId, String contractId, String clientId, String name, boolean open,
        String projectManagerId, boolean billable) {}
