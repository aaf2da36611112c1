package org.billrun.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.billrun.billing.MoneyFormat;
import org.billrun.draft.DraftQueries.Cap;
import org.billrun.draft.DraftQueries.Detail;
import org.billrun.draft.DraftQueries.Line;
import org.billrun.draft.DraftQueries.Party;
import org.billrun.draft.DraftQueries.Reason;
import org.billrun.draft.DraftQueries.Retainer;
import org.billrun.draft.DraftQueries.Source;
import org.billrun.draft.DraftQueries.Tax;

/** One draft as `billrun review show` prints it for a reviewer: every amount with where it came from. */
final class DraftPrinter {

    private DraftPrinter() {}

    static void print(Detail d, boolean annex, PrintWriter out) {
        String ccy = d.currency();
        out.printf("Draft %s, run %d (%s%s)%n", d.draftId(), d.runId(), d.status(),
                d.supersededByRunId() == null ? "" : " by run " + d.supersededByRunId());
        field(out, "Legal entity", party(d.entity(), "VAT"));
        field(out, "Bill to", party(d.client(), "tax id"));
        if (d.client().address() != null) {
            field(out, "", d.client().address());
        }
        field(out, "PO", d.poNumber() == null ? "(none)" : d.poNumber());
        field(out, "Contract", d.contractId() + ", " + d.billingModel());
        field(out, "Presentation", d.presentation() + (d.timeAnnex() ? ", with time annex" : ""));
        field(out, "Invoice date", d.invoiceDate().toString());
        field(out, "Service period", d.serviceFrom() + " to " + d.serviceTo());
        field(out, "Currency", ccy);

        out.println();
        TextTable lines = new TextTable("no", "type", "description", "quantity", "unit price", "net", "tax", "tax amount")
                .numeric(0, 3, 4, 5, 7);
        for (Line l : d.lines()) {
            lines.row(l.lineNo(), l.type(), l.description(), l.quantity() == null ? "" : l.quantity().toPlainString(),
                    amount(l.unitPrice(), ccy), amount(l.net(), ccy),
                    l.taxCategory() == null ? "none" : l.taxCategory() + " " + percent(l.taxRate()), amount(l.tax(), ccy));
            lines.note(explanation(l, ccy));
        }
        lines.print(out);

        out.printf("%nTax%n");
        TextTable taxes = new TextTable("rule", "category", "rate", "rounding", "net", "tax", "note").numeric(4, 5);
        for (Tax t : d.taxes()) {
            taxes.row(t.ruleId() == null ? "(no rule)" : t.ruleId(), t.category(), t.ratePct() == null ? "" : percent(t.ratePct()),
                    t.rounding(), amount(t.net(), ccy), amount(t.tax(), ccy), t.exemptionNote() == null ? "" : t.exemptionNote());
        }
        taxes.print(out);

        out.println();
        field(out, "Net", MoneyFormat.format(d.net(), ccy));
        field(out, "Tax", MoneyFormat.format(d.tax(), ccy));
        field(out, "Gross", MoneyFormat.format(d.gross(), ccy));
        if (d.cap() != null) {
            Cap c = d.cap();
            field(out, "Cap", (c.cap() == null ? "none set" : MoneyFormat.format(c.cap(), ccy)) + ": consumed before "
                    + amount(c.consumedBefore(), ccy) + ", time this period " + amount(c.timeValue(), ccy) + ", written down "
                    + amount(c.writeDown(), ccy) + ", consumed now " + amount(c.consumed(), ccy)
                    + (c.remaining() == null ? "" : ", remaining " + amount(c.remaining(), ccy)));
        }
        if (d.retainer() != null) {
            Retainer r = d.retainer();
            field(out, "Retainer", "carried in " + amount(r.opening(), ccy) + " + fee " + amount(r.fee(), ccy) + "; time drawn "
                    + amount(r.drawn(), ccy) + "; overage billed " + amount(r.overage(), ccy) + "; carried out " + amount(r.closing(), ccy));
        }

        out.println();
        field(out, "Route", d.route() + (d.reasons().isEmpty() ? " (nothing needs a person)" : ""));
        for (Reason r : d.reasons()) {
            out.printf("  %s -> %s%s: %s%n", r.code(), r.reviewerRole(), r.reviewerId() == null ? "" : " " + r.reviewerId(), r.text());
        }

        if (annex) {
            out.printf("%nAnnex: the records each line bills%n");
            TextTable records = new TextTable("line", "kind", "record", "where", "date", "hours", "value", "markup", "basis")
                    .numeric(0, 5, 6, 7);
            for (Line l : d.lines()) {
                for (Source s : l.sources()) {
                    records.row(s.lineNo(), s.kind(), s.key(), s.file() == null ? "" : s.file() + ":" + s.fileLine(),
                            s.date() == null ? "" : s.date(), s.hours() == null ? "" : s.hours().toPlainString(), s.value().toPlainString(),
                            s.markup().signum() == 0 ? "" : s.markup().toPlainString(), s.basis() == null ? "" : s.basis());
                }
            }
            records.print(out);
        }
    }

    /** How the line's amount was found, and the records behind it (their count and value: the line before rounding). */
    private static String explanation(Line l, String ccy) {
        List<String> parts = new ArrayList<>();
        if (l.explanation() != null) {
            parts.add(l.explanation());
        }
        if (l.sourceCount() > 0) {
            parts.add(String.format("%,d record%s worth %s", l.sourceCount(), l.sourceCount() == 1 ? "" : "s",
                    amount(l.sourceValue(), ccy)));
        }
        return String.join("; ", parts);
    }

    private static String party(Party p, String taxIdLabel) {
        StringBuilder text = new StringBuilder(p.id());
        if (p.name() != null) {
            text.append(' ').append(p.name());
        }
        if (p.country() != null) {
            text.append(", ").append(p.country());
        }
        text.append(", ").append(taxIdLabel).append(' ').append(p.taxId() == null || p.taxId().isBlank() ? "(none)" : p.taxId());
        return text.toString();
    }

    private static void field(PrintWriter out, String label, String value) {
        out.printf("%-16s%s%n", label, value);
    }

    private static String amount(BigDecimal value, String ccy) {
        return DraftListPrinter.money(value, ccy);
    }

    private static String percent(BigDecimal rate) {
        return rate == null ? "" : rate.stripTrailingZeros().toPlainString() + " %";
    }
}
