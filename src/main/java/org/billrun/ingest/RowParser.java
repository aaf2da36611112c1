package org.billrun.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.billrun.infra.InputFileException;

/**
 * Turns the records of one input file into {@link ParsedRow}s, using the file's header to find each
 * column. Plain Java: the ingest step feeds it records, the unit tests feed it strings.
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
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            String name = ColumnSpec.normalise(i == 0 ? stripBom(header[i]) : header[i]);
            if (!name.isEmpty() && byName.putIfAbsent(name, i) != null) {
                throw new InputFileException(kind.fileName() + ": column '" + name + "' appears twice in the header");
            }
        }
        List<ColumnSpec> columns = kind.columns();
        int[] positions = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            ColumnSpec spec = columns.get(c);
            Integer position = byName.get(spec.name());
            if (position == null && spec.required()) {
                throw new InputFileException(kind.fileName() + ": required column '" + spec.name()
                        + "' is missing from the header (found: " + String.join(", ", byName.keySet().stream().sorted().toList())
                        + "); see docs/input-formats.md");
            }
            positions[c] = position == null ? -1 : position;
        }
        return new RowParser(kind, header.length, positions);
    }

    public ParsedRow parse(CsvRecord record) {
        if (record.isMalformed()) {
            return new ParsedRow.Rejected(record.lineNo(), null, null, record.malformedReason());
        }
        String[] fields = record.fields();
        if (fields.length != headerWidth) {
            return new ParsedRow.Rejected(record.lineNo(), null, FieldParser.excerpt(String.join(",", fields)),
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
                return new ParsedRow.Rejected(record.lineNo(), columns.get(c).name(), FieldParser.excerpt(raw), e.getMessage());
            }
        }
        return new ParsedRow.Accepted(record.lineNo(), recordKey(values), values);
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
