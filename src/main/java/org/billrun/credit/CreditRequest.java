package org.billrun.credit;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A credit memo asked for (`billrun credit`, or a dispute resolved by a credit): the final invoice it
 * credits, the lines (none: every line, in full), the reason, and whether the credited records are to be
 * billed again (rebill).
 *
 * @param invoiceNumber the credited invoice's final number (NWDE-2026-000001)
 * @param lines the lines to credit; empty for a full credit of what is left of the invoice
 * @param reason why (docs/credits.md, "Reason codes")
 * @param comment kept with the credit and in the audit log; may be null
 * @param rebill the credited lines' records are billed again by the next run of their period
 * @param actor who asks (a person of the finance, finance controller or admin role)
 */
public record CreditRequest(String invoiceNumber, List<Line> lines, CreditReason reason, String comment, boolean rebill, CreditActor actor) {

    public CreditRequest {
        Objects.requireNonNull(invoiceNumber, "invoiceNumber");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(actor, "actor");
        lines = List.copyOf(lines == null ? List.of() : lines);
    }

    /**
     * One line to credit: by {@code quantity} of its units, by a net {@code amount}, or (both null) in full,
     * that is what is left of it.
     */
    public record Line(int lineNo, BigDecimal quantity, BigDecimal amount) {

        public Line {
            if (quantity != null && amount != null) {
                throw new IllegalArgumentException("line " + lineNo + ": a quantity or an amount, not both");
            }
        }

        public static Line whole(int lineNo) {
            return new Line(lineNo, null, null);
        }
    }
}
