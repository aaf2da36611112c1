package org.billrun.report.port;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.billrun.draft.DraftInvoiceQueries.Invoice;
import org.billrun.report.InvoicePdf;

/**
 * The client's final invoice as PDF: the draft invoice's layout (report's {@code InvoicePdf}) without the
 * DRAFT marks, under its final number, with its issue and due date, the payment instructions and, where
 * the client asks for it, the time annex. The report stage's contract for the posting stage, which
 * hands in the invoice as the approved version states it.
 *
 * <p>Reproducible: the same invoice and particulars give the same bytes. OpenPDF stamps every document
 * with the time of writing and a random file id; both are replaced, in place and at the same length, by
 * the issue date and a digest of the document.
 */
public final class FinalInvoicePdf {

    /**
     * What makes the draft a final invoice.
     *
     * @param payment where to pay; null when master data has no bank account for the entity
     * @param adjustments per line number, the approved version's change to the draft's net (a write-down
     *     negative, a write-up positive), printed beside the line
     * @param writtenOff line numbers written off: they bill nothing
     */
    public record Particulars(String number, LocalDate issueDate, String paymentTerms, PaymentInstructions payment,
            Map<Integer, BigDecimal> adjustments, java.util.Set<Integer> writtenOff) {

        public Particulars {
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(issueDate, "issueDate");
            adjustments = adjustments == null ? Map.of() : Map.copyOf(adjustments);
            writtenOff = writtenOff == null ? java.util.Set.of() : java.util.Set.copyOf(writtenOff);
        }
    }

    /** The entity's bank account, from master data (entities.csv). */
    public record PaymentInstructions(String accountHolder, String account, String bic, String bank, String reference) {}

    private FinalInvoicePdf() {}

    /** @param invoice the invoice as the approved version states it: its lines, taxes and totals, its date the issue date */
    public static byte[] render(Invoice invoice, Particulars particulars) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        InvoicePdf.writeFinal(invoice, particulars, out);
        return reproducible(out.toByteArray(), particulars.issueDate());
    }

    private static final Pattern CREATION_DATE = Pattern.compile("/CreationDate\\(D:(\\d{14})([^)]*)\\)");
    private static final Pattern SUBSET = Pattern.compile("/([A-Z]{6})\\+");
    private static final Pattern STREAM = Pattern.compile(">>\\s*stream\r?\n");
    private static final Pattern FILE_ID = Pattern.compile("/ID ?\\[<([0-9a-fA-F]{32})><([0-9a-fA-F]{32})>\\]");

    /**
     * The creation date set to the issue date (UTC), the font subset tags numbered, the file id set to a
     * digest of the rest. Every change keeps its length, so the cross-reference offsets hold, and only the
     * document's dictionaries are touched, never the bytes of a (compressed) stream.
     */
    static byte[] reproducible(byte[] pdf, LocalDate issueDate) {
        // ISO-8859-1 maps every byte to one char and back: a binary-safe way to edit the few ASCII parts
        StringBuilder text = new StringBuilder(new String(pdf, StandardCharsets.ISO_8859_1));
        List<int[]> outside = outsideStreams(text);
        String day = issueDate.toString().replace("-", "") + "000000";
        Map<String, String> tags = new HashMap<>();
        for (int[] region : outside) {
            Matcher date = CREATION_DATE.matcher(text).region(region[0], region[1]);
            while (date.find()) {
                // "Z", or an offset "+01'00'" written as the same-length "Z00'00'"; any other form is kept
                text.replace(date.start(1), date.end(1), day);
                if (date.group(2).length() == 7) {
                    text.replace(date.start(2), date.end(2), "Z00'00'");
                }
            }
            // embedded font subsets are named with a random six-letter tag ("/QWERTY+DejaVuSans"): number them instead
            Matcher subset = SUBSET.matcher(text).region(region[0], region[1]);
            while (subset.find()) {
                String tag = tags.computeIfAbsent(subset.group(1), t -> tag(tags.size()));
                text.replace(subset.start(1), subset.end(1), tag);
            }
        }
        for (int[] region : outside) {
            Matcher id = FILE_ID.matcher(text).region(region[0], region[1]);
            if (id.find()) {
                String zero = "0".repeat(32);
                text.replace(id.start(1), id.end(1), zero);
                text.replace(id.start(2), id.end(2), zero);
                String digest = md5(text.toString().getBytes(StandardCharsets.ISO_8859_1));
                text.replace(id.start(1), id.end(1), digest);
                text.replace(id.start(2), id.end(2), digest);
            }
        }
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The stretches of {@code pdf} between its streams' data: [start, end) pairs. */
    private static List<int[]> outsideStreams(CharSequence chars) {
        String pdf = chars.toString();
        List<int[]> regions = new ArrayList<>();
        Matcher stream = STREAM.matcher(pdf);
        int from = 0;
        while (stream.find(from)) {
            regions.add(new int[] {from, stream.end()});
            int end = pdf.indexOf("endstream", stream.end());
            if (end < 0) {
                return regions;
            }
            from = end;
        }
        regions.add(new int[] {from, pdf.length()});
        return regions;
    }

    /** AAAAAA, AAAAAB, ...: the n-th subset tag. */
    private static String tag(int n) {
        char[] letters = new char[6];
        for (int i = 5; i >= 0; i--) {
            letters[i] = (char) ('A' + n % 26);
            n /= 26;
        }
        return new String(letters);
    }

    private static String md5(byte[] bytes) {
        try {
            // the PDF specification's own choice for file ids; no security rests on it
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
