package org.billrun.report;

import java.util.List;

/**
 * The run report for auditors: what went into a run, what came out, what is held and why, and that it
 * reconciles. A plain tree of values built once from the database ({@link RunReportQueries}) and written
 * as JSON, CSV and PDF. Amounts are exact decimal strings (never binary floats); lists are in a fixed
 * order, so the same run gives the same report apart from {@link #generatedAt}. docs/run-report.md
 * describes every field.
 */
public record RunReport(
        String report,
        int formatVersion,
        String generatedAt,
        String generatedBy,
        Run run,
        Configuration configuration,
        List<Source> sources,
        List<RecordStates> records,
        List<ControlTotal> controlTotals,
        List<HeldRecord> heldWithoutValue,
        List<InvoiceTotals> invoiceTotals,
        List<Invoice> invoices,
        Exceptions exceptions,
        List<Kpi> kpis,
        List<StepTiming> steps,
        AuditHead audit) {

    public static final String NAME = "billrun run report";
    public static final int FORMAT_VERSION = 1;

    /**
     * The run: its identity, its parameters, the billrun version that started it and the last stage it
     * completed ({@code none}, {@code ingest}, {@code validate}, {@code draft} or {@code report}; a
     * report the report stage writes counts that stage as completed).
     */
    public record Run(long runId, String period, String scope, long runNumber, String until, String definition, String inputDir,
            String policyFile, String asOf, String cutoff, String started, int attempts, String softwareVersion,
            String completedThrough) {}

    /**
     * The configuration hash: SHA-256 of {@code canonical}, a text naming the parameters that decide the
     * outcome, the SHA-256 of the policy content and of every source file (ConfigurationHash).
     */
    public record Configuration(String sha256, String canonical, String policySource, String policySha256) {}

    /**
     * One input file: rows read = accepted + rejected. A file identical to one an earlier run loaded is
     * not read again; its figures are that run's ({@code sameAsRun}).
     */
    public record Source(String file, boolean present, String sha256, Long sizeBytes, Long rowsRead, Long rowsAccepted,
            Long rowsRejected, boolean balanced, Long sameAsRun) {}

    /** Per kind of period record: every record in exactly one state; total = rows read for the period files. */
    public record RecordStates(String kind, long valid, long held, long nonBillable, long rejected, long total) {}

    /**
     * Conservation per currency: input billable value (valid + held records with a value) = drafted
     * (value of the records on the run's drafts, less write-downs) + held + written off (write-downs).
     * {@code difference} is input - (drafted + held + written off) and must be 0; {@code reconciles}
     * also needs as many records on the drafts as are valid ({@link Conservation}).
     */
    public record ControlTotal(String currency, String inputBillable, String valid, String drafted, String held, String writtenOff,
            String difference, boolean reconciles, long validRecords, long draftedRecords, long heldRecords) {}

    /** A held record that has no value (no rate, unknown project or consultant): counted, not in any amount. */
    public record HeldRecord(String kind, String key, String file, Integer line, String contract, String currency, String hours,
            List<String> rules) {}

    /**
     * From the value of the drafted records to the invoices' totals, per currency: value + markup +
     * line rounding + retainer fees + retainer overage + cap write-downs (negative) + time covered by a
     * retainer or a fixed fee (negative: on the invoice at 0.00) = net; net + tax = gross.
     */
    public record InvoiceTotals(String currency, long drafts, long straightThrough, long review, String recordValue, String markup,
            String lineRounding, String retainerFees, String retainerOverage, String capWriteDowns, String coveredByFees, String net,
            String tax, String gross, boolean reconciles) {}

    /**
     * A draft of the run. {@code disputeRisk}: the dispute risk score (0 to 1, 4 decimals) of a live draft against its
     * contract's history as it stood when the report was written, with its three largest factors in words
     * ({@code riskFactors}, "the latest invoice (2026-09) was disputed (+0.44)"); null and empty for a superseded draft.
     */
    public record Invoice(String draftId, String status, String clientId, String clientName, String entityId, String contractId,
            String billingModel, String currency, String net, String tax, String gross, String writeDown, String route,
            List<RouteReason> reasons, String disputeRisk, List<String> riskFactors) {}

    public record RouteReason(String code, String reviewerRole, String reviewerId, String reason) {}

    /**
     * The exceptions this run raised or confirmed (status as at generation), counted by severity, rule,
     * owner, legal entity and client; {@code closedByRun} exceptions were closed because the run no
     * longer found them.
     */
    public record Exceptions(long total, long open, long waived, long resolved, long closedByRun, List<Count> bySeverity,
            List<RuleCount> byRule, List<Count> byOwner, List<Count> byEntity, List<Count> byClient) {}

    /** Exceptions of one rule; {@code atStake}: the amounts the exceptions name, per currency. */
    public record RuleCount(String rule, String severity, String ownerRole, String description, long count, long open, long waived,
            long resolved, List<Amount> atStake) {}

    /** Exceptions of one owner, entity or client ({@code key}; {@code name} where there is one). */
    public record Count(String key, String name, long count, long block, long warn, long open) {}

    public record Amount(String currency, String amount) {}

    /**
     * A key figure with its definition. {@code value} is a ratio (0.4615) or an amount; {@code numerator}
     * and {@code denominator} are what it was computed from; {@code currency} is set for amounts and for
     * ratios of amounts.
     */
    public record Kpi(String code, String name, String currency, String unit, String value, String numerator, String denominator,
            String definition) {}

    /**
     * A step of the run, up to the draft stage (the report's own step is still running when it is
     * written), as its execution that counted left it: the last one, in run attempt {@code attempt}.
     * {@code earlierAttempts}: the executions before it in earlier attempts of a resumed run (say a
     * FAILED one), oldest first. Parallel partitions are folded into one step.
     */
    public record StepTiming(String step, String status, long reads, long writes, String seconds, int attempt,
            List<StepAttempt> earlierAttempts) {}

    /**
     * The audit log's chain head when the report was written: the last entry's id ({@code entry}, the chain's sequence) and
     * hash, and with an audit key configured the head's HMAC under it; what {@code billrun audit verify --anchor} prints
     * for the same head. Kept outside the database with the report, it shows later whether the log still holds that
     * entry with that hash. Null when the log is empty.
     */
    public record AuditHead(long entry, String hash, String hmac) {}

    /** An earlier attempt of a step: the run attempt it ran in and how it ended. */
    public record StepAttempt(int attempt, String status, long reads, long writes, String seconds) {}
}
