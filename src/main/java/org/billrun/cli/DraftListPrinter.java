package org.billrun.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.billrun.assist.risk.RiskFactor;
import org.billrun.assist.risk.RiskScore;
import org.billrun.billing.MoneyFormat;
import org.billrun.draft.DraftQueries.Reason;
import org.billrun.draft.DraftQueries.Summary;

/** The review queue as `billrun review list` and `billrun run --dry-run` print it: one row per draft, totals per currency. */
final class DraftListPrinter {

    /** How long the first reason may be in the table; csv and json carry every reason in full. */
    private static final int REASON_WIDTH = 60;

    private DraftListPrinter() {}

    record CurrencyTotal(String currency, long drafts, BigDecimal net, BigDecimal tax, BigDecimal gross) {}

    static List<CurrencyTotal> totals(List<Summary> drafts) {
        Map<String, CurrencyTotal> totals = new TreeMap<>();
        for (Summary d : drafts) {
            totals.merge(d.currency(), new CurrencyTotal(d.currency(), 1, d.net(), d.tax(), d.gross()),
                    (a, b) -> new CurrencyTotal(a.currency(), a.drafts() + 1, a.net().add(b.net()), a.tax().add(b.tax()),
                            a.gross().add(b.gross())));
        }
        return List.copyOf(totals.values());
    }

    static void print(List<Summary> drafts, OutputFormat format, PrintWriter out) throws IOException {
        print(drafts, Map.of(), format, out);
    }

    /** With each draft's dispute risk ({@code risk}, by draft id; a draft without is shown blank). */
    static void print(List<Summary> drafts, Map<String, RiskScore> risk, OutputFormat format, PrintWriter out) throws IOException {
        format.print(out, drafts, new String[] {"draft_id", "run", "status", "contract_id", "client_id", "entity_id", "currency",
                "billing_model", "net", "tax", "gross", "route", "reviewers", "reason_codes", "reasons", "dispute_risk", "risk_factors"},
                d -> new String[] {d.draftId(), Long.toString(d.runId()), d.status(), d.contractId(), d.clientId(), d.entityId(),
                        d.currency(), d.billingModel(), d.net().toPlainString(), d.tax().toPlainString(), d.gross().toPlainString(),
                        d.route(), reviewers(d), d.reasons().stream().map(Reason::code).collect(Collectors.joining(";")),
                        d.reasons().stream().map(r -> r.code() + " (" + reviewer(r) + "): " + r.text()).collect(Collectors.joining(" | ")),
                        risk.containsKey(d.draftId()) ? score(risk.get(d.draftId())) : null,
                        risk.containsKey(d.draftId()) ? factors(risk.get(d.draftId())) : null},
                () -> printTable(drafts, risk, out));
    }

    /** The score with two decimals: "0.27". */
    static String score(RiskScore score) {
        return String.format(Locale.ROOT, "%.2f", score.probability());
    }

    /** The top three factors in words, with their contributions in log odds. */
    static String factors(RiskScore score) {
        return score.top(3).stream().map(RiskFactor::toString).collect(Collectors.joining("; "));
    }

    private static void printTable(List<Summary> drafts, Map<String, RiskScore> risk, PrintWriter out) {
        if (drafts.isEmpty()) {
            out.println("No drafts.");
            return;
        }
        boolean withRisk = !risk.isEmpty();
        TextTable table = withRisk
                ? new TextTable("draft", "client", "ccy", "net", "tax", "gross", "route", "risk", "reviewers", "first reason").numeric(3, 4, 5, 7)
                : new TextTable("draft", "client", "ccy", "net", "tax", "gross", "route", "reviewers", "first reason").numeric(3, 4, 5);
        for (Summary d : drafts) {
            String ccy = d.currency();
            if (withRisk) {
                table.row(d.draftId(), d.clientId(), ccy, money(d.net(), ccy), money(d.tax(), ccy), money(d.gross(), ccy), d.route(),
                        risk.containsKey(d.draftId()) ? score(risk.get(d.draftId())) : "", reviewers(d), firstReason(d));
            } else {
                table.row(d.draftId(), d.clientId(), ccy, money(d.net(), ccy), money(d.tax(), ccy), money(d.gross(), ccy), d.route(),
                        reviewers(d), firstReason(d));
            }
        }
        table.print(out);
        long review = drafts.stream().filter(d -> d.route().equals("review")).count();
        out.printf("%,d drafts: %,d straight through, %,d for review%n", drafts.size(), drafts.size() - review, review);
    }

    static void printTotals(List<CurrencyTotal> totals, PrintWriter out) {
        TextTable table = new TextTable("ccy", "drafts", "net", "tax", "gross").numeric(1, 2, 3, 4);
        totals.forEach(t -> table.row(t.currency(), t.drafts(), money(t.net(), t.currency()), money(t.tax(), t.currency()),
                money(t.gross(), t.currency())));
        table.print(out);
    }

    /** Grouped, with the currency's minor digits, or more where the amount is exact to more (a rate, an FX value): never rounded here. */
    static String money(BigDecimal amount, String currency) {
        return amount == null ? "" : MoneyFormat.number(amount, Math.max(amount.scale(), MoneyFormat.minorDigits(currency)));
    }

    /** Who has to look at the draft: each reviewer once, by id where the matrix names one, else by role. */
    private static String reviewers(Summary d) {
        Set<String> who = new LinkedHashSet<>();
        d.reasons().forEach(r -> who.add(reviewer(r)));
        return String.join(", ", who);
    }

    private static String reviewer(Reason r) {
        return r.reviewerId() != null ? r.reviewerId() : r.reviewerRole();
    }

    private static String firstReason(Summary d) {
        if (d.reasons().isEmpty()) {
            return "";
        }
        Reason first = d.reasons().get(0);
        String text = first.code() + ": " + first.text();
        if (text.length() > REASON_WIDTH) {
            text = text.substring(0, REASON_WIDTH - 3) + "...";
        }
        return d.reasons().size() == 1 ? text : text + " (+" + (d.reasons().size() - 1) + " more)";
    }
}
