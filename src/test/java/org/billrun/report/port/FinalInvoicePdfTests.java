package org.billrun.report.port;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.Document;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.billrun.report.pdf.PdfFonts;
import org.junit.jupiter.api.Test;

/** What makes a final invoice's PDF reproducible: OpenPDF's time stamp, file id and font subset tags made stable. */
class FinalInvoicePdfTests {

    private static byte[] pdf(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document();
        PdfWriter.getInstance(document, out);
        document.open();
        document.add(new Paragraph(PdfFonts.text(text, 10)));
        document.add(new Paragraph(PdfFonts.bold(text, 12)));
        document.close();
        return out.toByteArray();
    }

    @Test
    void twoRendersOfOneDocumentASecondApartBecomeTheSameBytesAndStillRead() throws Exception {
        byte[] first = pdf("Invoice NW-2026-000001 · Zoë Ångström");
        Thread.sleep(1100);
        byte[] second = pdf("Invoice NW-2026-000001 · Zoë Ångström");
        assertThat(second).as("OpenPDF's own output differs").isNotEqualTo(first);

        byte[] a = FinalInvoicePdf.reproducible(first, LocalDate.of(2026, 11, 2));
        byte[] b = FinalInvoicePdf.reproducible(second, LocalDate.of(2026, 11, 2));

        assertThat(a).isEqualTo(b).hasSameSizeAs(first);
        String raw = new String(a, StandardCharsets.ISO_8859_1);
        assertThat(raw).contains("/CreationDate(D:20261102000000").contains("/AAAAAA+").contains("/AAAAAB+");
        assertThat(text(a)).contains("Invoice NW-2026-000001 · Zoë Ångström");
    }

    @Test
    void anotherDocumentGetsAnotherFileId() {
        byte[] a = FinalInvoicePdf.reproducible(pdf("Invoice NW-2026-000001"), LocalDate.of(2026, 11, 2));
        byte[] b = FinalInvoicePdf.reproducible(pdf("Invoice NW-2026-000002"), LocalDate.of(2026, 11, 2));

        assertThat(fileId(a)).isNotEqualTo(fileId(b)).doesNotContain("00000000000000000000000000000000");
    }

    private static String fileId(byte[] pdf) {
        String raw = new String(pdf, StandardCharsets.ISO_8859_1);
        int at = raw.indexOf("/ID [<");
        return raw.substring(at, at + 40);
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
