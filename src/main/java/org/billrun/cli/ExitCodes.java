package org.billrun.cli;

import java.util.List;

/** billrun's exit codes. They are part of the interface schedulers rely on: never renumber. */
public final class ExitCodes {
    /** The command did what was asked; for run, every stage up to --until completed. */
    public static final int OK = 0;
    /** An unexpected internal error (a bug); the message says what, --debug shows the stack trace. */
    public static final int INTERNAL_ERROR = 1;
    /** Bad usage: an unknown option, a malformed value, a run that cannot be resumed as asked. */
    public static final int USAGE = 2;
    /** Bad input that stops a run: a missing file or required column, a source query refused, input changed under a restart. */
    public static final int INPUT = 3;
    /** The database is unreachable, refuses the login, its schema cannot be migrated, or its password file is unusable. */
    public static final int DATABASE = 4;
    /** The run failed part way; it is restartable: run the same command again to resume it. */
    public static final int RUN_FAILED = 5;
    /** The run was stopped on request; run the same command again to resume it. */
    public static final int RUN_STOPPED = 6;
    /** Another billrun process is running the same period (whatever the scope). */
    public static final int BUSY = 7;
    /** billrun audit verify found a row whose hash does not match: the audit log was tampered with. */
    public static final int AUDIT_BROKEN = 8;
    /** An approval action the controls refuse: self-approval, over the limit, outside the entities, not the latest version. */
    public static final int REFUSED = 9;
    /**
     * billrun post: a posting of this call failed (refused by the ERP, given up, duplicated, or waiting for a retry); billrun
     * deliver: a delivery of this call failed; billrun deliveries bounces: a notification matched no delivery or was unreadable.
     */
    public static final int POSTING_FAILED = 10;
    /** billrun reconcile: the ledger and the ERP differ (missing, duplicated or different documents). */
    public static final int RECONCILE_DIFFERENCES = 11;
    /** billrun events import: the file was imported, but some of its rows became new exceptions for finance. */
    public static final int IMPORTED_WITH_EXCEPTIONS = 12;

    /** What each code means, in one line for --help (README.md's table says what to do about each). */
    private record Meaning(int code, String text) {}

    private static final List<Meaning> MEANINGS = List.of(
            new Meaning(OK, "done"),
            new Meaning(INTERNAL_ERROR, "internal error (a bug; --debug shows the stack trace)"),
            new Meaning(USAGE, "bad usage"),
            new Meaning(INPUT, "bad input stopped the run (missing file or column, a source query refused, input changed under a restart)"),
            new Meaning(DATABASE, "database unreachable, login refused, migration failed, or an unusable password file"),
            new Meaning(RUN_FAILED, "run failed; run the same command again to resume it"),
            new Meaning(RUN_STOPPED, "run stopped; run the same command again to resume it"),
            new Meaning(BUSY, "another billrun process is running the same period"),
            new Meaning(AUDIT_BROKEN, "audit verify found the audit log changed"),
            new Meaning(REFUSED, "an approval action refused by a control (approve, reject, adjust; the message names it)"),
            new Meaning(POSTING_FAILED, "post: a posting failed or waits for a retry (billrun postings --status ... lists it);"
                    + " deliver: a delivery failed; deliveries bounces: a notification matched no delivery or could not be read"),
            new Meaning(RECONCILE_DIFFERENCES, "reconcile: the ledger and the ERP differ"),
            new Meaning(IMPORTED_WITH_EXCEPTIONS, "events import: imported, but rows became exceptions for finance (billrun exceptions)"));

    private ExitCodes() {}

    /** The exit codes section of billrun --help, one line per code. */
    static String[] help() {
        return MEANINGS.stream().map(m -> String.format("  %d  %s", m.code(), m.text())).toArray(String[]::new);
    }
}
