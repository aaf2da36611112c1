package org.billrun.masterdata;

/**
 * Master data as a run saw it. Every load keeps the earlier versions of a record (superseded, with the
 * run that replaced it), so the version in force for run R is the one loaded by R or an earlier run
 * and not replaced by a run up to R. Reports and review of run R read names, addresses and tax ids
 * through this, not through the current_* views: re-reporting last month's run after this month's
 * clients.csv renamed a client shows the name the run drafted with.
 */
public final class AsOfRun {

    private AsOfRun() {}

    /**
     * A derived table (for FROM or JOIN) of {@code table}'s rows in force for the run bound to the named
     * parameter {@code :run}, one per {@code key}. Both names are the caller's constants, never input.
     */
    public static String versions(String table, String key) {
        return """
                (SELECT DISTINCT ON (%2$s) * FROM %1$s
                 WHERE run_id <= :run AND (ended_by_run_id IS NULL OR ended_by_run_id > :run)
                   AND source_file_id IN (SELECT source_file_id FROM source_file WHERE merged_at IS NOT NULL)
                 ORDER BY %2$s, id DESC)""".formatted(table, key);
    }
}
