package org.billrun.report;

import java.math.BigDecimal;

/**
 * What one currency's draft lines, and the records on them (their lineage), add up to: the parts of
 * the bridge from the drafted records' value to the invoices' net ({@link InvoiceBridge}) and the
 * drafted side of conservation ({@link Conservation}).
 */
final class LineTotals {

    /** The records one line bills: their count, value and markup, and the value and hours of its time entries. */
    record Lineage(long records, BigDecimal value, BigDecimal markup, BigDecimal timeValue, BigDecimal timeHours) {}

    BigDecimal recordValue = BigDecimal.ZERO;
    BigDecimal markup = BigDecimal.ZERO;
    BigDecimal rounding = BigDecimal.ZERO;
    BigDecimal fees = BigDecimal.ZERO;
    BigDecimal overage = BigDecimal.ZERO;
    BigDecimal writeDowns = BigDecimal.ZERO;
    BigDecimal unexplained = BigDecimal.ZERO;
    BigDecimal covered = BigDecimal.ZERO;
    BigDecimal timeValue = BigDecimal.ZERO;
    BigDecimal timeHours = BigDecimal.ZERO;
    long records;

    /**
     * One line: its type, value and net (0 for lineage without a line), and the records it bills (null
     * for a line without records: a retainer fee or overage, a write-down). A line's value less its
     * records' value and markup is its rounding to the minor unit; its net less its value is time
     * covered by a retainer or a fixed fee. Lineage without a line still counts as drafted:
     * conservation must see every record.
     */
    void add(String lineType, BigDecimal value, BigDecimal net, Lineage lineage) {
        if (lineage != null) {
            recordValue = recordValue.add(lineage.value());
            markup = markup.add(lineage.markup());
            rounding = rounding.add(value).subtract(lineage.value()).subtract(lineage.markup());
            records += lineage.records();
            timeValue = timeValue.add(lineage.timeValue());
            timeHours = timeHours.add(lineage.timeHours());
        } else {
            switch (lineType) {
                case "retainer_fee" -> fees = fees.add(value);
                case "retainer_overage" -> overage = overage.add(value);
                case "cap_write_down" -> writeDowns = writeDowns.add(value);
                default -> unexplained = unexplained.add(value);
            }
        }
        covered = covered.add(net).subtract(value);
    }

    Conservation.Drafted drafted(BigDecimal writeDownsOnDrafts) {
        return new Conservation.Drafted(records, recordValue, writeDownsOnDrafts);
    }
}
