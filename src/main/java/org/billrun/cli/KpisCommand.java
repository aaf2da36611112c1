package org.billrun.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import org.billrun.approval.ApprovalKpiQueries;
import org.billrun.approval.ApprovalService;
import org.billrun.billing.ApprovalKpis;
import org.billrun.billing.ApprovalKpis.By;
import org.billrun.billing.ApprovalKpis.Row;
import org.billrun.billing.MoneyFormat;
import org.billrun.credit.CreditQueries;
import org.billrun.disputes.DisputeFigures;
import org.billrun.disputes.DisputeKpis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "kpis", mixinStandardHelpOptions = true,
        description = {"Show the approval KPIs of the live drafts, one row per group and currency.",
                "First-pass approval rate, cycle time (median, p90), write-down and write-off percentages, SLA breaches,"
                + " and what is pending (docs/approval.md, \"KPIs\").",
                "Exit codes: 0 done, 2 bad usage, 4 database unreachable, 1 internal error."})
class KpisCommand implements Callable<Integer> {

    @ParentCommand
    BillrunCli root;

    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--period"}, paramLabel = "YYYY-MM", description = "Only drafts of this period (default: every period).")
    String period;

    @Option(names = "--by", defaultValue = "all", paramLabel = "GROUP", description = "all, entity, client or region (the client's country).")
    String by;

    @Option(names = "--credits", description = "Instead: the credit memos per legal entity and currency (approved: count, net and gross"
            + " given back; in review; refused), of the invoices of --period (docs/credits.md, \"Figures\").")
    boolean credits;

    @Option(names = "--disputes", description = "Instead: the dispute figures per invoice period and currency (numbered invoices, disputed,"
            + " dispute frequency, open, resolved, median days to resolve, credit memos approved and the value they give back;"
            + " docs/disputes.md, \"KPIs\"), of --period.")
    boolean disputes;

    @Mixin
    FormatOption.Any output;

    /** One row as printed: amounts at the currency's minor unit, times in hours with one decimal. */
    record KpiRow(String group, String currency, int invoices, int straightThrough, int reviewed, int approved, int rejected,
            int pending, BigDecimal firstPassRatePct, BigDecimal cycleMedianHours, BigDecimal cycleP90Hours, BigDecimal drafted,
            BigDecimal writtenDown, BigDecimal writtenOff, BigDecimal writeDownPct, BigDecimal writeOffPct, int tasks, int slaBreaches) {

        static KpiRow of(Row r) {
            return new KpiRow(r.group(), r.currency(), r.invoices(), r.straightThrough(), r.reviewed(), r.approved(), r.rejected(),
                    r.pending(), r.firstPassRatePct(), hours(r.cycleMedian()), hours(r.cycleP90()), r.drafted().amount(),
                    r.writtenDown().amount(), r.writtenOff().amount(), r.writeDownPct(), r.writeOffPct(), r.tasks(), r.slaBreaches());
        }
    }

    @Override
    public Integer call() throws Exception {
        OutputFormat format = output.format();
        By grouping = parseBy();
        if (period != null) {
            try {
                YearMonth.parse(period);
            } catch (DateTimeParseException e) {
                throw new UsageException("--period must be YYYY-MM, not '" + period + "'");
            }
        }
        if (credits && disputes) {
            throw new UsageException("--credits and --disputes each show a table of their own: give one of them");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (disputes) {
            try (AppContext app = root.open(true)) {
                printDisputes(out, format, app.bean(DisputeFigures.class).kpis(period));
            }
            out.flush();
            return ExitCodes.OK;
        }
        if (credits) {
            try (AppContext app = root.open(true)) {
                printCredits(out, format, app.bean(CreditQueries.class).byEntity(null, period));
            }
            out.flush();
            return ExitCodes.OK;
        }
        try (AppContext app = root.open(true)) {
            app.bean(ApprovalService.class).openReviews();
            List<ApprovalKpis.Invoice> invoices = app.bean(ApprovalKpiQueries.class).invoices(period);
            List<KpiRow> rows = ApprovalKpis.of(invoices, grouping, Clock.systemUTC().instant()).stream().map(KpiRow::of).toList();
            format.print(out, rows, new String[] {grouping.label(), "currency", "invoices", "straight_through", "reviewed", "approved",
                    "rejected", "pending", "first_pass_rate_pct", "cycle_median_hours", "cycle_p90_hours", "drafted_net", "written_down",
                    "written_off", "write_down_pct", "write_off_pct", "tasks", "sla_breaches"},
                    r -> new String[] {r.group(), r.currency(), num(r.invoices()), num(r.straightThrough()), num(r.reviewed()),
                            num(r.approved()), num(r.rejected()), num(r.pending()), text(r.firstPassRatePct()), text(r.cycleMedianHours()),
                            text(r.cycleP90Hours()), r.drafted().toPlainString(), r.writtenDown().toPlainString(),
                            r.writtenOff().toPlainString(), text(r.writeDownPct()), text(r.writeOffPct()), num(r.tasks()), num(r.slaBreaches())},
                    () -> {
                        TextTable table = new TextTable(grouping == By.ALL ? "" : grouping.label(), "ccy", "drafts", "straight", "approved",
                                "rejected", "pending", "1st pass %", "cycle h median", "p90", "written down", "%", "written off", "%",
                                "SLA breaches").numeric(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
                        rows.forEach(r -> table.row(r.group(), r.currency(), r.invoices(), r.straightThrough(), r.approved(), r.rejected(),
                                r.pending(), dash(r.firstPassRatePct()), dash(r.cycleMedianHours()), dash(r.cycleP90Hours()),
                                MoneyFormat.format(r.writtenDown(), r.currency()), dash(r.writeDownPct()),
                                MoneyFormat.format(r.writtenOff(), r.currency()), dash(r.writeOffPct()), r.slaBreaches() + " of " + r.tasks()));
                        if (rows.isEmpty()) {
                            out.println("No drafts with a review" + (period == null ? "" : " in " + period) + ".");
                        } else {
                            table.print(out);
                        }
                        List<DisputeKpis.Row> disputed = app.bean(DisputeFigures.class).kpis(period);
                        if (!disputed.isEmpty()) {
                            out.println();
                            out.println("Disputes (docs/disputes.md, \"KPIs\"; kpis --disputes for csv and json)");
                            disputesTable(disputed).print(out);
                        }
                    });
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void printDisputes(PrintWriter out, OutputFormat format, List<DisputeKpis.Row> rows) throws Exception {
        format.print(out, rows, new String[] {"period", "currency", "invoices", "disputed_invoices", "dispute_frequency_pct", "open", "resolved",
                "median_days_to_resolve", "credit_memos", "credited_net", "credited_gross"},
                r -> new String[] {r.period(), r.currency(), num(r.invoices()), num(r.disputedInvoices()), text(r.frequencyPct()), num(r.open()),
                        num(r.resolved()), text(r.medianDaysToResolve()), Long.toString(r.creditMemos()), r.creditedNet().toPlainString(),
                        r.creditedGross().toPlainString()},
                () -> {
                    if (rows.isEmpty()) {
                        out.println("No numbered invoices" + (period == null ? "" : " of " + period) + ".");
                    } else {
                        disputesTable(rows).print(out);
                    }
                });
    }

    private static TextTable disputesTable(List<DisputeKpis.Row> rows) {
        TextTable table = new TextTable("period", "ccy", "invoices", "disputed", "frequency %", "open", "resolved", "days to resolve, median",
                "credit memos", "credited gross").numeric(2, 3, 4, 5, 6, 7, 8, 9);
        rows.forEach(d -> table.row(d.period(), d.currency(), d.invoices(), d.disputedInvoices(), dash(d.frequencyPct()), d.open(), d.resolved(),
                dash(d.medianDaysToResolve()), d.creditMemos(), MoneyFormat.format(d.creditedGross(), d.currency())));
        return table;
    }

    private void printCredits(PrintWriter out, OutputFormat format, List<CreditQueries.Figures> rows) throws Exception {
        format.print(out, rows, new String[] {"entity_id", "currency", "credits_approved", "credited_net", "credited_gross", "credits_in_review",
                "in_review_gross", "credits_rejected"},
                r -> new String[] {r.entityId(), r.currency(), Long.toString(r.approved()), r.approvedNet().toPlainString(),
                        r.approvedGross().toPlainString(), Long.toString(r.inReview()), r.inReviewGross().toPlainString(), Long.toString(r.rejected())},
                () -> {
                    if (rows.isEmpty()) {
                        out.println("No credit memos" + (period == null ? "" : " of invoices of " + period) + ".");
                        return;
                    }
                    TextTable table = new TextTable("entity", "ccy", "approved", "net credited", "gross credited", "in review", "gross",
                            "refused").numeric(2, 3, 4, 5, 6, 7);
                    rows.forEach(r -> table.row(r.entityId(), r.currency(), r.approved(), MoneyFormat.format(r.approvedNet(), r.currency()),
                            MoneyFormat.format(r.approvedGross(), r.currency()), r.inReview(), MoneyFormat.format(r.inReviewGross(), r.currency()),
                            r.rejected()));
                    table.print(out);
                });
    }

    private By parseBy() {
        try {
            return By.parse(by);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--by must be all, entity, client or region, not '" + by + "'");
        }
    }

    static BigDecimal hours(Duration duration) {
        return duration == null ? null : BigDecimal.valueOf(duration.toSeconds()).divide(BigDecimal.valueOf(3600), 1, RoundingMode.HALF_UP);
    }

    private static String num(int value) {
        return Integer.toString(value);
    }

    private static String text(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    private static String dash(BigDecimal value) {
        return value == null ? "-" : value.toPlainString();
    }
}
