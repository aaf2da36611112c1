package org.billrun.validate;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/** Monday to Friday, less the entity's holidays from the policy file. */
public final class WorkingDays {

    private WorkingDays() {}

    /** Working days from {@code from} to {@code to}, both inclusive; 0 when {@code to} is before {@code from}. */
    public static int between(LocalDate from, LocalDate to, Set<LocalDate> holidays) {
        int days = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY && !holidays.contains(d)) {
                days++;
            }
        }
        return days;
    }
}
