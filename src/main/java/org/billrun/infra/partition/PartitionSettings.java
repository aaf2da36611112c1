package org.billrun.infra.partition;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the partitions of the partitioned steps run ({@code billrun.partitions.*}; docs/scale-out.md).
 *
 * @param workers local threads of the run's own JVM (the default) or remote {@code billrun worker} processes
 * @param pollInterval how often a manager reads its partitions' states from the job repository
 * @param workerLostAfter how long a partition may be neither queued nor held by a live worker before the
 *     manager gives it up as lost (its worker died) and issues it again; bounds the detection of a kill -9
 */
@ConfigurationProperties("billrun.partitions")
public record PartitionSettings(@DefaultValue("local") Workers workers, @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("10s") Duration workerLostAfter) {

    /** Where partitions run. */
    public enum Workers {
        /** threads of the run's JVM */
        LOCAL,
        /** worker processes that take partitions from the database (billrun worker) */
        REMOTE
    }

    /** The Spring property that {@code billrun run --workers} sets. */
    public static final String WORKERS_PROPERTY = "billrun.partitions.workers";
}
