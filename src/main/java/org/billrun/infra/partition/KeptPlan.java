package org.billrun.infra.partition;

import java.util.function.Supplier;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * A partitioned step's plan, made once per run: the first attempt makes it ({@code plan}), keeps it in the manager
 * step's execution context ({@code kept}) and saves that at once ({@code save}), so that even a manager killed with
 * kill -9 leaves it; a restart, whose manager context Spring Batch carries over ({@code infra.RestartPosition.ofKey}
 * when the copy was lost), gets the same plan back. Spring Batch runs on restart only the partitions the partitioner
 * names: planned again from data that changed since, a plan could lose the name of a partition that failed, and its
 * work would never be done while the step completed.
 */
public final class KeptPlan {

    private KeptPlan() {}

    /** The plan kept under {@code key}, or {@code plan}'s, kept and saved first. */
    public static String of(ExecutionContext kept, String key, Runnable save, Supplier<String> plan) {
        if (!kept.containsKey(key)) {
            kept.putString(key, plan.get());
            save.run();
        }
        return kept.getString(key);
    }
}
