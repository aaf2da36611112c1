package org.billrun.ingest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * One column of an input file: its name, what it may hold and whether it must be present.
 * The bounds are checked by {@link FieldParser}; the column name is also the staging table column.
 */
public record ColumnSpec(
        String name,
        ColumnType type,
        boolean required,
        int maxLength,
        List<String> allowedValues,
        BigDecimal min,
        boolean minExclusive,
        BigDecimal max,
        int maxScale) {

    public ColumnSpec {
        allowedValues = List.copyOf(allowedValues);
    }

    static ColumnSpec of(String name, ColumnType type, boolean required) {
        int maxScale = switch (type) {
            case MONEY -> 4;
            case HOURS -> 2;
            case DECIMAL -> 8;
            default -> 0;
        };
        return new ColumnSpec(name, type, required, type == ColumnType.ID ? 64 : 0, List.of(), null, false, null, maxScale);
    }

    static ColumnSpec text(String name, int maxLength, boolean required) {
        return new ColumnSpec(name, ColumnType.TEXT, required, maxLength, List.of(), null, false, null, 0);
    }

    static ColumnSpec oneOf(String name, boolean required, String... values) {
        return new ColumnSpec(name, ColumnType.ENUM, required, 0, List.of(values), null, false, null, 0);
    }

    ColumnSpec atLeast(String min) {
        return new ColumnSpec(name, type, required, maxLength, allowedValues, new BigDecimal(min), false, max, maxScale);
    }

    ColumnSpec above(String min) {
        return new ColumnSpec(name, type, required, maxLength, allowedValues, new BigDecimal(min), true, max, maxScale);
    }

    ColumnSpec atMost(String max) {
        return new ColumnSpec(name, type, required, maxLength, allowedValues, min, minExclusive, new BigDecimal(max), maxScale);
    }

    /** Header names are matched without regard to case or surrounding blanks. */
    static String normalise(String headerName) {
        return headerName.strip().toLowerCase(Locale.ROOT);
    }
}
