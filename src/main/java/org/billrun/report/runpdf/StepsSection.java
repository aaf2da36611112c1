package org.billrun.report.runpdf;

import static org.billrun.report.runpdf.Wording.count;

import java.util.stream.Collectors;
import org.billrun.report.RunReport;
import org.billrun.report.pdf.PdfTable;

/**
 * Section 8: the run's steps, each as the execution that counted left it (status, the run attempt it
 * ran in, items read and written, seconds), with the earlier attempts of a resumed run under it.
 */
final class StepsSection implements RunReportSection {

    @Override
    public void write(RunReportPage page, RunReport report) {
        page.heading("8. Step timings");
        PdfTable table = page.table(new float[] {28, 16, 10, 15, 15, 16}, "step", "status", "attempt", "read", "written", "seconds")
                .numeric(2, 3, 4, 5);
        for (RunReport.StepTiming s : report.steps()) {
            String[] cells = {s.step(), s.status(), Integer.toString(s.attempt()), count(s.reads()), count(s.writes()), seconds(s.seconds())};
            if (s.earlierAttempts().isEmpty()) {
                table.row(cells);
            } else {
                table.rowWithNote(s.earlierAttempts().stream()
                        .map(a -> "attempt " + a.attempt() + ": " + a.status() + ", read " + count(a.reads()) + ", written "
                                + count(a.writes()) + (a.seconds() == null ? "" : ", " + a.seconds() + " s"))
                        .collect(Collectors.joining("\n")), cells);
            }
        }
        page.add(table);
        page.note("Each step as the execution that counted left it: the last one, in the attempt of the run shown. The attempts "
                + "before it, when the run was resumed after a failure or a kill, are listed under it. Parallel partitions of "
                + "loadSources are folded into loadSourceFile. The report stage itself is not listed: it is still running when it "
                + "writes this report.");
    }

    private static String seconds(String seconds) {
        return seconds == null ? "" : seconds;
    }
}
