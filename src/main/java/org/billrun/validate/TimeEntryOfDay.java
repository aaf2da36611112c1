package org.billrun.validate;

import org.billrun.billing.TimeEntry;
import org.billrun.masterdata.PeriodRecords;
import org.billrun.validate.TimeEntryContext.DayTotal;
import org.springframework.jdbc.core.RowMapper;

/** A time entry as a validation partition reads it: with the hours and entries of its consultant-day. */
record TimeEntryOfDay(TimeEntry entry, DayTotal day) {

    /** A row of {@link PeriodRecords#TIME_ENTRIES_OF_CONSULTANTS}: the entry, then its day's hours and entries. */
    static final RowMapper<TimeEntryOfDay> ROW = (rs, i) -> new TimeEntryOfDay(PeriodRecords.TIME_ENTRY.mapRow(rs, i),
            new DayTotal(rs.getBigDecimal(13), rs.getInt(14)));
}
