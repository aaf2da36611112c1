package org.billrun.assist.risk;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Objects;

/**
 * One earlier invoice of a client, as the risk score sees it: the period it billed, its net amount,
 * how many lines it had and how many of them had no evidence (no record, receipt or acceptance behind
 * them), whether the client disputed it, what was credited on it and written down before it was
 * issued (both in the client's currency), and the days from issue to payment (null while unpaid).
 */
public record PastInvoice(YearMonth period, BigDecimal amount, int lines, int linesWithoutEvidence, boolean disputed,
        BigDecimal credited, BigDecimal writtenDown, Integer daysToPay) {

    public PastInvoice {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(credited, "credited");
        Objects.requireNonNull(writtenDown, "writtenDown");
        if (lines < 0 || linesWithoutEvidence < 0 || linesWithoutEvidence > lines) {
            throw new IllegalArgumentException("lines without evidence (" + linesWithoutEvidence + ") must be between 0 and the lines ("
                    + lines + ")");
        }
        if (daysToPay != null && daysToPay < 0) {
            throw new IllegalArgumentException("days to pay must not be negative: " + daysToPay);
        }
    }

    /** What the invoice looked like when it was a draft: the facts the score had then. */
    public DraftFacts asDraft() {
        return new DraftFacts(period, amount, lines, linesWithoutEvidence);
    }
}
