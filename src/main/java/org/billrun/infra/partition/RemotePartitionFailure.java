package org.billrun.infra.partition;

/**
 * A partition that failed on a remote worker, as the manager learns of it from the job repository: the
 * partition's name and the first line of the worker's exception (the exception itself stayed there).
 */
public final class RemotePartitionFailure extends RuntimeException {

    RemotePartitionFailure(String partition, String cause) {
        super("partition " + partition + " failed on a worker: " + cause, null, false, false);
    }
}
