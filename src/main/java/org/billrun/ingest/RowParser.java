package org.billrun.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.billrun.infra.InputFileException;

/**
 * Turns the records of one input file, or the rows of one query, into {@link ParsedRow}s, using the
 * file's header or the query's result columns to find each column. Plain Java: the ingest step feeds
 * it records, the unit tests feed it strings.
 */
public final class RowParser {

    private final SourceKind kind;
    private final int headerWidth;
    private final int[] positions;
    /** Where each key column sits among the kind's columns, worked out once rather than per row. */
    private final int[] keyIndices;

    private RowParser(SourceKind kind, int headerWidth, int[] positions) {
        this.kind = kind;
        this.headerWidth = headerWidth;
        this.positions = positions;
        this.keyIndices = kind.keyColumns().stream().mapToInt(column -> indexOf(kind, column)).toArray();
    }

    /**
     * Binds the kind's columns to the header. A byte-order mark before the first name is ignored.
     *
     * @throws InputFileException when a required column is missing or a column is named twice
     */
    public static RowParser forHeader(SourceKind kind, String[] header) {
        String[] names = header.clone();
        if (names.length > 0) {
            names[0] = stripBom(names[0]);
        }
        return forColumns(kind, names, kind.fileName(), "the header");
    }

    /**
     * Binds the kind's columns to a query's result columns, by name as for a file's header.
     *
     * @throws InputFileException when a required column is missing or a column is named twice
     */
    public static RowParser forQueryColumns(SourceKind kind, String[] columns) {
        return forColumns(kind, columns, kind.inputName() + " query", "its result columns");
    }

    private static RowParser forColumns(SourceKind kind, String[] names, String source, String where) {
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            String name = ColumnSpec.normalise(names[i]);
            if (!name.isEmpty() && byName.putIfAbsent(name, i) != null) {
                throw new InputFileException(source + ": column '" + FieldParser.storable(name) + "' appears twice in " + where);
            }
        }
        List<ColumnSpec> columns = kind.columns();
        int[] positions = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            ColumnSpec spec = columns.get(c);
            Integer position = byName.get(spec.name());
            if (position == null && spec.required()) {
                throw new InputFileException(source + ": required column '" + spec.name()
                        + "' is missing from " + where + " (found: "
                        + String.join(", ", byName.keySet().stream().sorted().map(FieldParser::storable).toList())
                        + "); see docs/input-formats.md");
            }
            positions[c] = position == null ? -1 : position;
        }
        return new RowParser(kind, names.length, positions);
    }

    /** Where the kind's column {@code column} (its index in {@link SourceKind#columns()}) is, or -1 when absent. */
    int position(int column) {
        return positions[column];
    }

    public ParsedRow parse(CsvRecord record) {
        if (record.isMalformed()) {
            return new ParsedRow.Rejected(record.lineNo(), null, null, null, record.malformedReason());
        }
        String[] fields = record.fields();
        if (fields.length != headerWidth) {
            return new ParsedRow.Rejected(record.lineNo(), null, null, FieldParser.excerpt(String.join(",", fields)),
                    "expected " + headerWidth + " fields as in the header, found " + fields.length
                            + " (an unquoted comma, or a missing one?)");
        }
        List<ColumnSpec> columns = kind.columns();
        String[] values = new String[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            String raw = positions[c] < 0 ? null : fields[positions[c]];
            try {
                values[c] = FieldParser.parse(columns.get(c), raw);
            } catch (FieldException e) {
                return new ParsedRow.Rejected(record.lineNo(), keyOf(k -> positions[k] < 0 ? null : fields[positions[k]]),
                        columns.get(c).name(), FieldParser.excerpt(raw), e.getMessage());
            }
        }
        return new ParsedRow.Accepted(record.lineNo(), recordKey(values), values);
    }

    /**
     * A row of a query: its values already in {@link SourceKind#columns()} order (null where the
     * query has no such column or the value is NULL), checked exactly as a file's fields are.
     */
    ParsedRow parseColumns(long rowNo, String[] raw) {
        List<ColumnSpec> columns = kind.columns();
        String[] values = new String[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            try {
                values[c] = FieldParser.parse(columns.get(c), raw[c]);
            } catch (FieldException e) {
                return new ParsedRow.Rejected(rowNo, keyOf(k -> raw[k]), columns.get(c).name(), FieldParser.excerpt(raw[c]),
                        e.getMessage());
            }
        }
        return new ParsedRow.Accepted(rowNo, recordKey(values), values);
    }

    /**
     * The record id of a rejected row, from its raw key fields, or null when one of them is not a
     * valid value of its column: then only the line or row number can point at the row.
     */
    private String keyOf(IntFunction<String> rawOfColumn) {
        List<ColumnSpec> columns = kind.columns();
        String[] key = new String[columns.size()];
        for (int k : keyIndices) {
            try {
                key[k] = FieldParser.parse(columns.get(k), rawOfColumn.apply(k));
            } catch (FieldException e) {
                return null;
            }
        }
        return recordKey(key);
    }

    private String recordKey(String[] values) {
        if (keyIndices.length == 1) {
            return values[keyIndices[0]];
        }
        StringBuilder key = new StringBuilder();
        for (int k = 0; k < keyIndices.length; k++) {
            if (k > 0) {
                key.append('/');
            }
            String value = values[keyIndices[k]];
            key.append(value == null ? "" : value);
        }
        return key.toString();
    }

    private static int indexOf(SourceKind kind, String column) {
        List<ColumnSpec> columns = kind.columns();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalStateException(kind + " has no key column " + column);
    }

    static String stripBom(String first) {
        return !first.isEmpty() && first.charAt(0) == '\uFEFF' ? first.substring(1) : first;
    }
}
