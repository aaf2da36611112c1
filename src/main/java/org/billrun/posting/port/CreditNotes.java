package org.billrun.posting.port;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The credit memos the post job sends as credit notes (docs/credits.md, "Posting"). The posting stage owns
 * this contract and calls it; the credit stage implements it, so posting does not depend on credit.
 */
public interface CreditNotes {

    /** The approved credit memo {@code creditId} as its credit note states it. */
    CreditNote creditNote(long creditId);

    /**
     * An approved credit memo: its number and issue date, the invoice it credits (number, issue date, run,
     * draft and version), the parties' ids, its lines, tax breakdown and totals, all positive amounts given back.
     */
    record CreditNote(long creditId, String number, LocalDate issueDate, String invoiceNumber, LocalDate invoiceIssueDate, long runId,
            String draftId, int versionNo, String entityId, String clientId, String currency, String contractId, String poNumber,
            LocalDate serviceFrom, LocalDate serviceTo, String reason, String comment, List<Line> lines, List<Tax> taxes, BigDecimal net,
            BigDecimal tax, BigDecimal gross) {

        public CreditNote {
            Objects.requireNonNull(number, "number");
            lines = List.copyOf(lines);
            taxes = List.copyOf(taxes);
        }
    }

    /**
     * One line given back: the original line's number, type and description, the quantity credited (null for
     * an amount or a lump sum), the original unit price, net and tax, and the tax category and rate.
     */
    record Line(int lineNo, String type, String description, BigDecimal quantity, BigDecimal unitPrice, BigDecimal net, BigDecimal tax,
            String taxCategory, BigDecimal taxRate) {}

    /** The net and tax of one category and rate, with the tax rule's exemption note. */
    record Tax(String category, BigDecimal rate, String exemptionNote, BigDecimal net, BigDecimal tax) {}
}
