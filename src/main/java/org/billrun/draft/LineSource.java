package org.billrun.draft;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.billrun.billing.RecordRef;

/**
 * One record a line bills (lineage): which record, its date, its hours (time), its value in the
 * invoice currency (hours x rate, the converted expense or the milestone amount, to 4 decimals), the
 * markup on it, and how the value was found (the rate row, or the FX quote).
 */
public record LineSource(RecordRef record, LocalDate date, BigDecimal hours, BigDecimal value, BigDecimal markup, String basis) {

    public BigDecimal billedValue() {
        return value.add(markup);
    }
}
