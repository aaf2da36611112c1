package org.billrun.report.runpdf;

import com.lowagie.text.Paragraph;
import org.billrun.report.RunReport;
import org.billrun.report.pdf.PdfFonts;

/** The appendix: the configuration hash's canonical text, so an auditor can recompute the hash. */
final class ConfigurationAppendix implements RunReportSection {

    @Override
    public void write(RunReportPage page, RunReport report) {
        page.heading("Appendix: the configuration hash");
        page.mutedText("SHA-256 " + report.configuration().sha256() + " is the SHA-256 of this text (UTF-8, LF line ends); "
                + "recompute it to check that two runs had the same configuration (docs/run-report.md).");
        float size = RunReportPage.SMALL;
        Paragraph canonical = RunReportPage.paragraph(PdfFonts.text(report.configuration().canonical(), size), size);
        canonical.setLeading(size * 1.4f);
        canonical.setSpacingBefore(4);
        page.add(canonical);
    }
}
