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
 * data, and each consultant's recorded hours per day (all of the period's entries, summed before
 * the step starts, because the daily maximum concerns several entries at once).
 */
public record TimeEntryContext(YearMonth period, Instant cutoff, ValidationPolicy policy, MasterData master,
        Map<ConsultantDay, DayTotal> dailyHours, RecordPolicies<ValidationPolicy> policies) implements RuleContext {

    /** One policy for every record: a firm without scoped settings, or a test. */
    public TimeEntryContext(YearMonth period, Instant cutoff, ValidationPolicy policy, MasterData master,
            Map<ConsultantDay, DayTotal> dailyHours) {
        this(period, cutoff, policy, master, dailyHours, RecordPolicies.everywhere(policy));
    }

    /** The policy as it applies to a record on this project (its scope: project, contract, client, model, country). */
    public ValidationPolicy policyFor(String projectId) {
        return policies.ofProject(projectId);
    }

    public record ConsultantDay(String consultantId, LocalDate date) {}

    public record DayTotal(BigDecimal hours, int entries) {}

    public DayTotal dayTotal(String consultantId, LocalDate date) {
        return dailyHours.get(new ConsultantDay(consultantId, date));
    }
}
