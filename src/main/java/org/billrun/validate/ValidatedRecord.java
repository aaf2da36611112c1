package org.billrun.validate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.billrun.billing.RecordRef;

/**
 * A period record after the rules: whether it bills at all, its value where it has one (hours x the
 * rate in force, or the expense converted to the contract's currency), and what failed.
 */
public record ValidatedRecord(RecordRef record, boolean billable, String contractId, String consultantId, LocalDate date,
        BigDecimal hours, BigDecimal amount, String currency, List<Finding> findings) {}
