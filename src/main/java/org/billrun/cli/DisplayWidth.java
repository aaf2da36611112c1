package org.billrun.cli;

/**
 * How many terminal columns a text takes: an East Asian wide or fullwidth character (Chinese, Japanese,
 * Korean, fullwidth forms, most emoji) takes two, a combining mark or a zero-width character none, any
 * other character one. The ranges are those of Unicode's EastAsianWidth W and F, as terminals apply them.
 */
final class DisplayWidth {

    private DisplayWidth() {}

    static int of(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            width += of(codePoint);
            i += Character.charCount(codePoint);
        }
        return width;
    }

    /** {@code text} followed by spaces up to {@code width} columns. */
    static String padRight(String text, int width) {
        return text + " ".repeat(Math.max(0, width - of(text)));
    }

    /** Spaces up to {@code width} columns, then {@code text}. */
    static String padLeft(String text, int width) {
        return " ".repeat(Math.max(0, width - of(text))) + text;
    }

    static int of(int codePoint) {
        int type = Character.getType(codePoint);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
                || codePoint == 0x200B) {
            return 0;
        }
        return wide(codePoint) ? 2 : 1;
    }

    private static boolean wide(int c) {
        return (c >= 0x1100 && c <= 0x115F)          // Hangul Jamo initial consonants
                || (c >= 0x2E80 && c <= 0x303E)      // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
                || (c >= 0x3041 && c <= 0x33FF)      // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, Kanbun, CJK compatibility
                || (c >= 0x3400 && c <= 0x4DBF)      // CJK unified ideographs extension A
                || (c >= 0x4E00 && c <= 0x9FFF)      // CJK unified ideographs
                || (c >= 0xA000 && c <= 0xA4CF)      // Yi
                || (c >= 0xA960 && c <= 0xA97F)      // Hangul Jamo extended A
                || (c >= 0xAC00 && c <= 0xD7A3)      // Hangul syllables
                || (c >= 0xF900 && c <= 0xFAFF)      // CJK compatibility ideographs
                || (c >= 0xFE10 && c <= 0xFE19)      // vertical forms
                || (c >= 0xFE30 && c <= 0xFE6F)      // CJK compatibility forms, small form variants
                || (c >= 0xFF00 && c <= 0xFF60)      // fullwidth forms
                || (c >= 0xFFE0 && c <= 0xFFE6)      // fullwidth signs
                || (c >= 0x1F300 && c <= 0x1F64F)    // pictographs, emoticons
                || (c >= 0x1F900 && c <= 0x1F9FF)    // supplemental symbols and pictographs
                || (c >= 0x20000 && c <= 0x3FFFD);   // CJK extensions B and later, planes 2 and 3
    }
}
