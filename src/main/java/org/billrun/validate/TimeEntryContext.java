package org.billrun.validate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import org.billrun.billing.MasterData;
import org.billrun.policy.RecordPolicies;
import org.billrun.policy.ValidationPolicy;

/**
 * What the time entry rules check against: the period and its cutoff, the firm's policy, the master
 * data, and each consultant's recorded hours per day (all of the period's entries of that day, because
 * the daily maximum concerns several entries at once). A validation partition reads each entry with
 * its day's total ({@link #onDay}); a test gives the totals as a map.
 */
public record TimeEntryContext(YearMonth period, Instant cutoff, ValidationPolicy policy, MasterData master,
        DailyHours dailyHours, RecordPolicies<ValidationPolicy> policies) implements RuleContext {

    /** For a context whose entries each come with their day's total: asked for a day, it fails rather than answer wrongly. */
    public static final DailyHours READ_WITH_EACH_ENTRY = (consultantId, date) -> {
        throw new IllegalStateException("the hours of " + consultantId + " on " + date
                + " come with each entry here: validate the entry with its day (TimeEntryValidator.validate(entry, day))");
    };

    /** One policy for every record: a firm without scoped settings, or a test. */
    public TimeEntryContext(YearMonth period, Instant cutoff, ValidationPolicy policy, MasterData master,
            Map<ConsultantDay, DayTotal> dailyHours) {
        this(period, cutoff, policy, master, DailyHours.of(dailyHours), RecordPolicies.everywhere(policy));
    }

    /**
     * This context for one entry whose consultant-day total was read with it: the rules of an entry ask only for that
     * entry's own day, so the total answers for it.
     */
    public TimeEntryContext onDay(DayTotal day) {
        return new TimeEntryContext(period, cutoff, policy, master, (consultantId, date) -> day, policies);
    }

    /** The policy as it applies to a record on this project (its scope: project, contract, client, model, country). */
    public ValidationPolicy policyFor(String projectId) {
        return policies.ofProject(projectId);
    }

    public record ConsultantDay(String consultantId, LocalDate date) {}

    public record DayTotal(BigDecimal hours, int entries) {}

    /** The hours a consultant recorded on a day of the period, summed over that day's entries; null for a day without any. */
    @FunctionalInterface
    public interface DailyHours {

        DayTotal of(String consultantId, LocalDate date);

        static DailyHours of(Map<ConsultantDay, DayTotal> days) {
            return (consultantId, date) -> days.get(new ConsultantDay(consultantId, date));
        }
    }

    public DayTotal dayTotal(String consultantId, LocalDate date) {
        return dailyHours.of(consultantId, date);
    }
}
