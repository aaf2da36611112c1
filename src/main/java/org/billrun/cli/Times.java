package org.billrun.cli;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Times in tables: to the second, the same width whatever the seconds are. */
final class Times {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Times() {}

    /** yyyy-MM-dd HH:mm:ss, or "" for no time. */
    static String format(LocalDateTime time) {
        return time == null ? "" : SECONDS.format(time);
    }
}
