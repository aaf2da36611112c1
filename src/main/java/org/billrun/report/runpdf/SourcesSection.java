package org.billrun.report.runpdf;

import static org.billrun.report.runpdf.Wording.count;

import org.billrun.report.RunReport;
import org.billrun.report.pdf.PdfTable;

/** Section 2: every input file with its figures and SHA-256. */
final class SourcesSection implements RunReportSection {

    @Override
    public void write(RunReportPage page, RunReport report) {
        page.heading("2. What went in: the source files");
        PdfTable table = page.table(new float[] {19, 9, 9, 9, 4, 50}, "file", "rows read", "accepted", "rejected", "ok", "SHA-256")
                .numeric(1, 2, 3).size(5, 6f);
        for (RunReport.Source s : report.sources()) {
            if (!s.present()) {
                table.row(s.file(), "absent", "", "", "✓", "");
                continue;
            }
            table.row(s.file() + (s.sameAsRun() == null ? "" : " (same as run " + s.sameAsRun() + ")"), count(s.rowsRead()),
                    count(s.rowsAccepted()), count(s.rowsRejected()), s.balanced() ? "✓" : "✗", s.sha256());
        }
        page.add(table);
        page.note("Rows read = rows accepted + rows rejected for every file: no input row is lost. A row that cannot be read "
                + "is rejected with its file, line, column and reason, never dropped, and never stops the run. A file identical to one "
                + "an earlier run loaded is not read again: its figures are that run's. Every rejected row: billrun rejections "
                + report.run().runId() + ".");
    }
}
