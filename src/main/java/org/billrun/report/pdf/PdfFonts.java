package org.billrun.report.pdf;

import com.lowagie.text.Font;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.FontSelector;
import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fonts every billrun PDF uses, embedded (subset) so that any reader shows the same text: DejaVu
 * Sans for Latin, Greek and Cyrillic (Vietnamese and Polish included), Droid Sans Fallback for Chinese,
 * Japanese and Korean. A {@link FontSelector} picks, character by character, the first font that has
 * the glyph, so "王芳 (consultant)" mixes both in one phrase. The font files and their licences are in
 * src/main/resources/fonts (from Debian's fonts-dejavu-core and fonts-droid-fallback packages).
 */
public final class PdfFonts {

    private static final BaseFont REGULAR = load("DejaVuSans.ttf");
    private static final BaseFont BOLD = load("DejaVuSans-Bold.ttf");
    private static final BaseFont CJK = load("DroidSansFallback.ttf");

    private PdfFonts() {}

    /** Text in the regular weight at {@code size} points. */
    public static Phrase text(String text, float size) {
        return selector(size, false, Color.BLACK).process(text == null ? "" : text);
    }

    /** Text in bold at {@code size} points. */
    public static Phrase bold(String text, float size) {
        return selector(size, true, Color.BLACK).process(text == null ? "" : text);
    }

    /** Text in a colour (for notes and watermarks). */
    public static Phrase text(String text, float size, boolean bold, Color color) {
        return selector(size, bold, color).process(text == null ? "" : text);
    }

    public static BaseFont regular() {
        return REGULAR;
    }

    public static BaseFont boldFont() {
        return BOLD;
    }

    private record Style(float size, boolean bold, Color color) {}

    /**
     * One selector per style, made once: OpenPDF 2.0's FontSelector constructor reads and parses its
     * fallback font (LiberationSans, 400 KB, from the jar) every time, which made a selector per phrase
     * cost ~1.5 s per invoice with a large annex. A selector is read-only once built (process() keeps its
     * state in locals), so sharing it, across threads too, is safe.
     */
    private static final Map<Style, FontSelector> SELECTORS = new ConcurrentHashMap<>();

    private static FontSelector selector(float size, boolean bold, Color color) {
        return SELECTORS.computeIfAbsent(new Style(size, bold, color), style -> {
            FontSelector selector = new FontSelector();
            selector.addFont(new Font(bold ? BOLD : REGULAR, size, Font.NORMAL, color));
            selector.addFont(new Font(CJK, size, Font.NORMAL, color));
            return selector;
        });
    }

    private static BaseFont load(String file) {
        try (InputStream in = PdfFonts.class.getResourceAsStream("/fonts/" + file)) {
            if (in == null) {
                throw new IllegalStateException("font " + file + " is missing from the jar (src/main/resources/fonts)");
            }
            return BaseFont.createFont(file, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, BaseFont.CACHED, in.readAllBytes(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
