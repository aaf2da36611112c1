package org.billrun.run;

import java.time.LocalDateTime;
import java.util.List;

/** What a run did, for the terminal and for schedulers (--format json). */
public record RunSummary(
        long runId,
        String period,
        String scope,
        long runNumber,
        String status,
        String exitMessage,
        String inputDir,
        String until,
        LocalDateTime started,
        LocalDateTime ended,
        List<Source> sources,
        long rejectedRows,
        List<Rejection> rejections,
        List<StepTiming> steps,
        Validation validation,
        List<Drafts> drafts) {

    /**
     * What validation made of the period's records (null when the run stopped before validating):
     * per kind, valid + held + non-billable + rejected at ingest; the exceptions this run raised or
     * confirmed, by rule; and how many consultants have missing time.
     */
    public record Validation(String cutoff, String asOf, List<States> states, List<Exceptions> exceptions, long closedThisRun,
            long consultantsWithMissingTime) {}

    /**
     * The run's drafts per currency (empty when the run stopped before drafting): how many, how many go
     * straight through, their totals and what was written down to caps; live = still the period's drafts.
     */
    public record Drafts(String currency, long drafts, long straightThrough, long review, String net, String tax, String gross,
            String writtenDown, boolean live) {}

    public record States(String kind, long valid, long held, long nonBillable, long rejected) {}

    public record Exceptions(String rule, String severity, long open, long waived, long newThisRun) {}

    /**
     * Per input file: rows read = rows accepted + rows rejected once the file is merged. A file
     * identical to the last one merged of its kind is not read at all: {@code sameAsRun} names the
     * run that read it.
     */
    public record Source(String file, boolean present, String sha256, Long sizeBytes, long rowsRead, Long rowsAccepted,
            Long rowsRejected, Long rowsNew, Long rowsChanged, Long rowsUnchanged, Long rowsWithdrawn, Long sameAsRun) {

        public boolean merged() {
            return rowsAccepted != null;
        }

        public boolean balanced() {
            return !merged() || rowsRead == rowsAccepted + rowsRejected;
        }
    }

    public record Rejection(String file, long line, String column, String value, String reason) {}

    public record StepTiming(String step, String status, long readCount, long writeCount, Double seconds) {}

    public boolean balanced() {
        return sources.stream().allMatch(Source::balanced);
    }
}
