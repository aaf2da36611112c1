package org.billrun.report.runpdf;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.billrun.billing.MoneyFormat;

/** How the run report's PDF words what it shows: counts, kinds of records, lists, missing values. */
final class Wording {

    private Wording() {}

    /** "1,202": grouped, no decimals. */
    static String count(long value) {
        return MoneyFormat.number(BigDecimal.valueOf(value), 0);
    }

    /** A count, or nothing when there is none (an absent file has no rows). */
    static String count(Long value) {
        return value == null ? "" : count(value.longValue());
    }

    static String kindLabel(String kind) {
        return switch (kind) {
            case "time_entry" -> "time entries";
            case "expense" -> "expenses";
            case "milestone" -> "billable milestones";
            default -> kind.replace('_', ' ');
        };
    }

    static String orDash(String value) {
        return value == null ? "–" : value;
    }

    /** The items' texts joined by " · ", or "none". */
    static <T> String join(List<T> items, Function<T, String> text) {
        return items.isEmpty() ? "none" : items.stream().map(text).collect(Collectors.joining(" · "));
    }
}
