package org.billrun.approval;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Set;
import org.billrun.billing.PersonRole;
import org.billrun.policy.ApprovalPolicy;

/**
 * When a review task is due (docs/approval.md, "Due times"): its role's hours from the policy
 * ({@code approval.sla-hours.ROLE}) after the task was created, counted only on the business days of the
 * invoice's legal entity in the policy's zone: Monday to Friday, less the entity's {@code holidays.ENTITY}.
 * A task created on a weekend starts counting on Monday at midnight. With
 * {@code approval.sla.business-days=false} the hours are plain elapsed hours. Plain Java: the caller
 * passes the instants (from its Clock), nothing here reads the time.
 */
public final class DueTimes {

    private final ApprovalPolicy policy;

    public DueTimes(ApprovalPolicy policy) {
        this.policy = policy;
    }

    /** The due time of a task of {@code role} for an invoice of {@code entity}, created at {@code created}. */
    public Instant due(Instant created, PersonRole role, String entity) {
        return after(created, Duration.ofHours(policy.slaHours(role)), entity);
    }

    /** {@code hours} after {@code start}, counting only business time of {@code entity} when the policy says so. */
    public Instant after(Instant start, Duration hours, String entity) {
        if (!policy.businessDays()) {
            return start.plus(hours);
        }
        Set<LocalDate> holidays = policy.holidays().getOrDefault(entity, Set.of());
        ZonedDateTime at = start.atZone(policy.zone());
        Duration left = hours;
        while (true) {
            LocalDate day = at.toLocalDate();
            ZonedDateTime nextDay = day.plusDays(1).atStartOfDay(policy.zone());
            if (isBusinessDay(day, holidays)) {
                Duration available = Duration.between(at, nextDay);
                if (left.compareTo(available) <= 0) {
                    return at.plus(left).toInstant();
                }
                left = left.minus(available);
            }
            at = nextDay;
        }
    }

    /** Whether {@code day} counts for {@code entity}: a weekday that is not one of its holidays. */
    public boolean isBusinessDay(LocalDate day, String entity) {
        return isBusinessDay(day, policy.holidays().getOrDefault(entity, Set.of()));
    }

    private static boolean isBusinessDay(LocalDate day, Set<LocalDate> holidays) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY && !holidays.contains(day);
    }
}
