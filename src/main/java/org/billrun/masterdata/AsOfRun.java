package org.billrun.masterdata;

/**
 * Master data as a run saw it. Every load keeps the earlier versions of a record (superseded, with the
 * run that replaced it), so the version in force for run R is the one loaded by R or an earlier run
 * and not replaced by a run up to R. Reports and review of run R read names, addresses and tax ids
 * through this, not through the current_* views: re-reporting last month's run after this month's
 * clients.csv renamed a client shows the name the run drafted with.
 */
public final class AsOfRun {

    /**
     * Of a version row {@code asof}: in force for the run bound to {@code :run}, in a file that was merged. The alias is
     * one no caller's query uses, as {@link #versionOf} nests in the caller's query.
     */
    private static final String IN_FORCE = """
            asof.run_id <= :run AND (asof.ended_by_run_id IS NULL OR asof.ended_by_run_id > :run)
              AND asof.source_file_id IN (SELECT source_file_id FROM source_file WHERE merged_at IS NOT NULL)""";

    private AsOfRun() {}

    /**
     * A derived table (for FROM or JOIN) of {@code table}'s rows in force for the run bound to the named
     * parameter {@code :run}, one per {@code key}. Both names are the caller's constants, never input.
     */
    public static String versions(String table, String key) {
        return """
                (SELECT DISTINCT ON (asof.%2$s) asof.* FROM %1$s asof
                 WHERE %3$s
                 ORDER BY asof.%2$s, asof.id DESC)""".formatted(table, key, IN_FORCE);
    }

    /**
     * The one row of {@code table} in force for the run bound to {@code :run} whose {@code key} equals {@code outer}, an
     * expression of the enclosing query: a LATERAL derived table for {@code LEFT JOIN ... ON true}, the same row
     * {@link #versions} gives for that key. {@link #versions} sorts every row of the table each time a query runs; this
     * looks each key up in the table's version index (V43), which is what a query that needs a few keys and runs
     * many times wants (the invoice PDFs read 32 drafts at a time: at 45,000 consultants that sort was 62 ms of a
     * batch's 73 ms annex query, and a 10M-entry firm has 150,000 consultants).
     */
    public static String versionOf(String table, String key, String outer) {
        return """
                LATERAL (SELECT asof.* FROM %1$s asof
                 WHERE asof.%2$s = %3$s AND %4$s
                 ORDER BY asof.id DESC LIMIT 1)""".formatted(table, key, outer, IN_FORCE);
    }
}
