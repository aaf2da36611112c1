package org.billrun.report.runpdf;

import static org.billrun.report.runpdf.Wording.count;
import static org.billrun.report.runpdf.Wording.kindLabel;

import java.util.List;
import org.billrun.report.RunReport;
import org.billrun.report.pdf.PdfTable;

/** Section 3: what became of the period records, per kind and state. */
final class RecordsSection implements RunReportSection {

    @Override
    public void write(RunReportPage page, RunReport report) throws Exception {
        List<RunReport.RecordStates> records = report.records();
        page.heading("3. What became of the records");
        PdfTable table = page.table(new float[] {28, 12, 12, 12, 18, 18}, "records", "valid", "held", "non-billable", "rejected at ingest",
                "total (= rows read)").numeric(1, 2, 3, 4, 5);
        for (RunReport.RecordStates r : records) {
            table.row(kindLabel(r.kind()), count(r.valid()), count(r.held()), count(r.nonBillable()), count(r.rejected()), count(r.total()));
        }
        page.add(table);
        page.note("Every period record is in exactly one state (conservation): valid records are on exactly one line of one "
                + "draft; held records have an open blocking exception; non-billable records (internal time, firm costs) are a state, "
                + "not an exception; rejected rows never reached validation.");
        page.chart(() -> RunReportCharts.recordStates(records), RunReportPage.barsHeight(records.size()));
    }
}
