package org.billrun.report.runpdf;

import org.billrun.report.RunReport;
import org.billrun.report.pdf.PdfTable;

/** Section 1: the run, what it was started with, and the configuration hash. */
final class RunSection implements RunReportSection {

    @Override
    public void write(RunReportPage page, RunReport report) {
        RunReport.Run run = report.run();
        RunReport.Configuration configuration = report.configuration();
        page.heading("1. Run and configuration");
        PdfTable table = page.table(new float[] {24, 76});
        table.row("Run", run.runId() + " (period " + run.period() + ", scope " + run.scope() + ", run #" + run.runNumber() + ")");
        table.row("Started", run.started() + " (server time), " + run.attempts() + (run.attempts() == 1 ? " attempt" : " attempts"));
        table.row("Stages", "until " + run.until() + "; completed through " + run.completedThrough());
        table.row("Run definition", run.definition() == null ? "none (command-line options)" : run.definition());
        table.row("Input folder", run.inputDir());
        table.row("Policy", (configuration.policySource() == null ? "none recorded" : configuration.policySource())
                + (configuration.policySha256() == null ? "" : " (file SHA-256 " + configuration.policySha256() + ")"));
        table.row("Billing cutoff", run.cutoff() == null ? "not recorded" : run.cutoff());
        table.row("Missing time as of", run.asOf());
        table.row("Software version", "billrun " + run.softwareVersion() + " started the run");
        table.row("Configuration hash", configuration.sha256());
        page.add(table);
        page.note("The configuration hash covers the period, scope, as-of date, the policy content and every source file's "
                + "SHA-256 (appendix); the same files and policy give the same hash on any machine.");
    }
}
