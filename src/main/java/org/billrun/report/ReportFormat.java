package org.billrun.report;

import java.util.Locale;

/** The file formats reports are written in. */
public enum ReportFormat {
    PDF, JSON, CSV;

    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReportFormat parse(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}
