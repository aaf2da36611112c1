package org.billrun.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.billrun.billing.RuleCode;
import org.billrun.billing.Severity;

/**
 * The firm's validation thresholds and switches, read from its policy file (README, section
 * Policy, lists every key with its default). Nothing here is a constant of the code.
 */
public record ValidationPolicy(
        int cutoffDayOfNextMonth,
        LocalTime cutoffTime,
        ZoneId cutoffZone,
        BigDecimal maxHoursPerDay,
        int fxLookbackDays,
        int nearDuplicateWindowDays,
        BigDecimal nearDuplicateAmountTolerancePct,
        BigDecimal nearDuplicateMerchantSimilarity,
        int historyMonths,
        int minHistoryMonths,
        BigDecimal spikeMinRatio,
        BigDecimal spikeMinRobustZ,
        BigDecimal hoursMinRatio,
        BigDecimal hoursMinRobustZ,
        BigDecimal missingTimeToleranceHours,
        Map<String, Set<LocalDate>> holidaysByEntity,
        String financeOwner,
        Map<RuleCode, Severity> severities,
        Set<RuleCode> disabled,
        Map<String, BigDecimal> receiptRequiredAbove,
        boolean milestoneEvidenceRequired) {

    private static final Set<String> KEYS = Set.of(
            "cutoff.day-of-next-month", "cutoff.time", "cutoff.zone", "time.max-hours-per-day", "fx.lookback-days",
            "expense.near-duplicate.window-days", "expense.near-duplicate.amount-tolerance-pct",
            "expense.near-duplicate.merchant-similarity", "history.months", "history.min-months",
            "spike.min-ratio", "spike.min-robust-z", "hours-norm.min-ratio", "hours-norm.min-robust-z",
            "missing-time.tolerance-hours", "owner.finance", "milestone.evidence-required");
    private static final Set<String> PREFIXES = Set.of("holidays.", "rule.", "approval.", "expense.receipt-required-above.", "posting.",
            "retention.", "credit.");
    private static final String RECEIPT_PREFIX = "expense.receipt-required-above.";

    public static ValidationPolicy defaults() {
        return from(PolicyFile.defaults());
    }

    public static ValidationPolicy from(PolicyFile file) {
        file.requireKnownKeys(KEYS, PREFIXES);
        PostingPolicy.from(file);
        RetentionPolicy.from(file);
        CreditPolicy.from(file);
        Map<String, Set<LocalDate>> holidays = new HashMap<>();
        for (String key : file.keysStartingWith("holidays.")) {
            holidays.put(key.substring("holidays.".length()), file.dates(key));
        }
        Map<RuleCode, Severity> severities = new EnumMap<>(RuleCode.class);
        Set<RuleCode> disabled = EnumSet.noneOf(RuleCode.class);
        for (String key : file.keysStartingWith("rule.")) {
            String[] parts = key.split("\\.");
            RuleCode rule = parts.length == 3 ? ruleCode(parts[1]) : null;
            if (rule == null || !(parts[2].equals("severity") || parts[2].equals("enabled"))) {
                throw new PolicyFile.PolicyException(file.source() + ": unknown key '" + key
                        + "' (rule.CODE.severity or rule.CODE.enabled, with CODE from the rule catalog)");
            }
            if (rule.pricesTheRecord()) {
                throw new PolicyFile.PolicyException(file.source() + ": " + key + ": " + rule
                        + " cannot be downgraded or switched off; without a rate the record cannot be priced, and billrun never bills at zero");
            }
            if (parts[2].equals("severity")) {
                severities.put(rule, file.parse(key, null, Severity::parse, "block or warn"));
            } else if (!file.parse(key, null, ValidationPolicy::bool, "true or false")) {
                disabled.add(rule);
            }
        }
        Map<String, BigDecimal> receipts = new HashMap<>();
        for (String key : file.keysStartingWith(RECEIPT_PREFIX)) {
            String currency = key.substring(RECEIPT_PREFIX.length());
            BigDecimal above = file.decimal(key, null);
            if (!currency.matches("[A-Z]{3}") || above.signum() < 0) {
                throw new PolicyFile.PolicyException(file.source() + ": " + key + (currency.matches("[A-Z]{3}")
                        ? " must not be negative, not " + above.toPlainString()
                        : ": the key ends in a currency code, e.g. " + RECEIPT_PREFIX + "EUR"));
            }
            receipts.put(currency, above);
        }
        int cutoffDay = file.integer("cutoff.day-of-next-month", 3);
        if (cutoffDay < 1 || cutoffDay > 28) {
            throw new PolicyFile.PolicyException(file.source() + ": cutoff.day-of-next-month must be 1 to 28, not " + cutoffDay);
        }
        String financeOwner = file.text("owner.finance", null);
        int historyMonths = file.integer("history.months", 6, PolicyRange.between("1", "120"));
        int minHistoryMonths = file.integer("history.min-months", 3, PolicyRange.between("1", "120"));
        if (minHistoryMonths > historyMonths) {
            throw new PolicyFile.PolicyException(file.source() + ": history.min-months = " + minHistoryMonths
                    + " is out of range: it must be at most history.months (" + historyMonths + "), or the statistical checks never run");
        }
        return new ValidationPolicy(cutoffDay, file.time("cutoff.time", "18:00"), file.zone("cutoff.zone", "UTC"),
                file.decimal("time.max-hours-per-day", "12", PolicyRange.above("0").atMost("24")),
                file.integer("fx.lookback-days", 7, PolicyRange.between("0", "366")),
                file.integer("expense.near-duplicate.window-days", 3, PolicyRange.between("0", "366")),
                file.decimal("expense.near-duplicate.amount-tolerance-pct", "2", PolicyRange.between("0", "100")),
                file.decimal("expense.near-duplicate.merchant-similarity", "0.5", PolicyRange.between("0", "1")),
                historyMonths, minHistoryMonths,
                file.decimal("spike.min-ratio", "2", PolicyRange.atLeast("1")),
                file.decimal("spike.min-robust-z", "3.5", PolicyRange.atLeast("0")),
                file.decimal("hours-norm.min-ratio", "1.5", PolicyRange.atLeast("1")),
                file.decimal("hours-norm.min-robust-z", "3.5", PolicyRange.atLeast("0")),
                file.decimal("missing-time.tolerance-hours", "0", PolicyRange.between("0", "744")), Map.copyOf(holidays), financeOwner,
                Map.copyOf(severities), Set.copyOf(disabled), Map.copyOf(receipts),
                file.parse("milestone.evidence-required", "false", ValidationPolicy::bool, "true or false"));
    }

    private static RuleCode ruleCode(String code) {
        try {
            return RuleCode.valueOf(code);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(value);
        };
    }

    /** Work submitted after this instant is too late for the period's run: day N of the next month, at the cutoff time. */
    public Instant cutoff(YearMonth period) {
        return period.plusMonths(1).atDay(cutoffDayOfNextMonth).atTime(cutoffTime).atZone(cutoffZone).toInstant();
    }

    public Severity severity(RuleCode rule) {
        return severities.getOrDefault(rule, rule.defaultSeverity());
    }

    public boolean enabled(RuleCode rule) {
        return !disabled.contains(rule);
    }

    /**
     * The receipt threshold for expenses whose category's policy is in {@code currency}, when the firm's
     * policy sets one (expense.receipt-required-above.CCY); null leaves the category's own threshold.
     */
    public BigDecimal receiptRequiredAbove(String currency) {
        return receiptRequiredAbove.get(currency);
    }

    /**
     * milestone.evidence-required: whether a billable milestone needs acceptance evidence a person confirmed
     * ({@code billrun milestones evidence confirm}) besides its status accepted; false (the default) keeps the
     * export's acceptance_ref as the evidence, as before the evidence documents existed.
     */
    public boolean milestoneEvidenceRequired() {
        return milestoneEvidenceRequired;
    }

    public Set<LocalDate> holidays(String entityId) {
        return holidaysByEntity.getOrDefault(entityId, Set.of());
    }
}
