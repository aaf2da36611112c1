package org.billrun.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.List;
import org.billrun.credit.CreditActor;
import org.billrun.credit.CreditMemo;
import org.billrun.credit.CreditTaskState;
import org.billrun.infra.Actor;

/** How the credit commands print a credit memo. */
final class CreditPrinter {

    private CreditPrinter() {}

    static CreditActor actor(ActingOption acting, AppContext app) {
        return new CreditActor(app.bean(Actor.class).name(), acting.as);
    }

    /** The credit's header line and what it waits for. */
    static void summary(CreditMemo c, PrintWriter out) {
        out.printf("%s (%s): credit of %s, %s; net %s, tax %s, gross %s %s%s%n", c.reference(), c.state().label(), c.invoiceNumber(),
                c.reason().label(), plain(c.net()), plain(c.tax()), plain(c.gross()), c.currency(), c.rebill() ? "; rebill" : "");
        CreditMemo.Task next = c.next();
        if (next != null) {
            out.printf("waits for: %s (rule %s)%n", next.role().replace('_', ' '), next.rule());
        }
    }

    /** Everything about one credit: header, lines with the records they billed, approvals. */
    static void detail(CreditMemo c, PrintWriter out) {
        summary(c, out);
        out.printf("asked by %s at %s%s%n", c.requestedBy(), c.requestedAt().toInstant(), c.comment() == null ? "" : "; comment: " + c.comment());
        if (c.finalNumber() != null) {
            out.printf("issued %s as %s%n", c.issueDate(), c.finalNumber());
        }
        if (c.decisionReason() != null) {
            out.printf("refused by %s: %s%n", c.decidedBy(), c.decisionReason());
        }
        out.println();
        TextTable lines = new TextTable("line", "description", "quantity", "net", "tax", "tax", "closes", "records").numeric(0, 2, 3, 4);
        for (CreditMemo.Line l : c.lines()) {
            lines.row(l.lineNo(), l.description(), plain(l.quantity()), plain(l.net()), plain(l.tax()),
                    (l.taxCategory() == null ? "" : l.taxCategory()) + (l.taxRate() == null ? "" : " " + l.taxRate().stripTrailingZeros().toPlainString() + " %"),
                    l.closesLine() ? "yes" : "part", records(l.recordKeys()));
        }
        lines.print(out);
        out.println();
        TextTable tasks = new TextTable("step", "role", "rule", "state", "by", "at (UTC)", "comment").numeric(0);
        for (CreditMemo.Task t : c.tasks()) {
            tasks.row(t.stepNo(), t.role(), t.rule(), t.state().label(), t.state() == CreditTaskState.DONE ? t.doneBy()
                    + (t.actingUser() != null && !t.actingUser().equals(t.doneBy()) ? " (by " + t.actingUser() + ")" : "") : "",
                    t.doneAt() == null ? "" : Times.format(t.doneAt().withOffsetSameInstant(java.time.ZoneOffset.UTC).toLocalDateTime()),
                    t.comment() == null ? "" : t.comment());
        }
        tasks.print(out);
    }

    private static String records(List<String> keys) {
        if (keys.size() <= 3) {
            return String.join(", ", keys);
        }
        return String.join(", ", keys.subList(0, 3)) + " and " + (keys.size() - 3) + " more";
    }

    static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }
}
