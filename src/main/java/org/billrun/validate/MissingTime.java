package org.billrun.validate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.billrun.billing.Consultant;
import org.billrun.billing.MasterData;
import org.billrun.policy.ValidationPolicy;

/**
 * The missing-time report: active consultants whose recorded hours from the first of the period up to
 * the as-of date fall short of their expected hours (standard hours per day x working days, less the
 * policy's tolerance), with their managers, largest gap first.
 */
public final class MissingTime {

    public record Row(String consultantId, String consultantName, String entityId, String managerId, String managerName,
            LocalDate asOf, int workingDays, BigDecimal expectedHours, BigDecimal recordedHours, BigDecimal missingHours) {}

    private MissingTime() {}

    /** {@code recorded}: hours per consultant dated from the first of the period to {@code asOf}, in any approval state. */
    public static List<Row> report(YearMonth period, LocalDate asOf, ValidationPolicy policy, MasterData master,
            Map<String, BigDecimal> recorded) {
        List<Row> rows = new ArrayList<>();
        if (asOf.isBefore(period.atDay(1))) {
            return rows;
        }
        for (Consultant c : master.consultants().values()) {
            if (!c.active()) {
                continue;
            }
            int days = WorkingDays.between(period.atDay(1), asOf, policy.holidays(c.homeEntityId()));
            BigDecimal expected = c.standardHoursPerDay().multiply(BigDecimal.valueOf(days));
            BigDecimal hours = recorded.getOrDefault(c.consultantId(), BigDecimal.ZERO);
            BigDecimal missing = expected.subtract(hours);
            if (missing.compareTo(policy.missingTimeToleranceHours()) > 0) {
                Consultant manager = master.consultant(c.managerId());
                rows.add(new Row(c.consultantId(), c.name(), c.homeEntityId(), c.managerId(), manager == null ? null : manager.name(),
                        asOf, days, expected, hours, missing));
            }
        }
        rows.sort(Comparator.comparing(Row::missingHours).reversed().thenComparing(Row::consultantId));
        return rows;
    }
}
