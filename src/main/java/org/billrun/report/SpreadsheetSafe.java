package org.billrun.report;

import java.util.regex.Pattern;

/**
 * Makes a CSV cell safe to open in a spreadsheet. Text that a spreadsheet would run as a formula
 * (it starts with =, +, -, @, a tab, CR or LF: "=HYPERLINK(...)" from a PSA description, say) gets a
 * leading apostrophe, so it shows as the text it is; a plain number, including a negative one such as
 * a credit of -12.50, stays a number. Everything billrun writes as CSV for people goes through here
 * (OWASP, "CSV Injection").
 */
public final class SpreadsheetSafe {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?");

    private SpreadsheetSafe() {}

    public static String cell(String value) {
        if (value == null || value.isEmpty() || PLAIN_NUMBER.matcher(value).matches()) {
            return value;
        }
        char first = value.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' || first == '\n';
        return formula ? "'" + value : value;
    }
}
