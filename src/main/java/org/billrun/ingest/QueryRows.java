package org.billrun.ingest;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The rows of a running {@link SourceQuery}, each as the raw text of the kind's columns, the form a
 * CSV field of that column would have: booleans as true/false, dates as yyyy-MM-dd, timestamps in
 * ISO form (with an offset when the column has a time zone), numbers and everything else as the
 * database writes them as text. {@link RowParser} then checks them exactly as it checks a file's fields.
 */
final class QueryRows implements AutoCloseable {

    private enum Conversion { TEXT, BOOLEAN, DATE, TIMESTAMP_WITH_ZONE, TIMESTAMP }

    private final SourceQuery query;
    private final RowParser parser;
    private final PreparedStatement statement;
    private final ResultSet rows;
    /** Per column of the kind: its position in the result (1-based), 0 when the query does not return it. */
    private final int[] resultColumns;
    private final Conversion[] conversions;
    private long rowNo;

    QueryRows(SourceQuery query, RowParser parser, PreparedStatement statement, ResultSet rows) throws SQLException {
        this.query = query;
        this.parser = parser;
        this.statement = statement;
        this.rows = rows;
        List<ColumnSpec> columns = query.kind().columns();
        ResultSetMetaData metaData = rows.getMetaData();
        resultColumns = new int[columns.size()];
        conversions = new Conversion[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            resultColumns[c] = parser.position(c) + 1;
            conversions[c] = resultColumns[c] == 0 ? Conversion.TEXT
                    : conversion(metaData.getColumnType(resultColumns[c]), metaData.getColumnTypeName(resultColumns[c]));
        }
    }

    private static Conversion conversion(int sqlType, String typeName) {
        return switch (sqlType) {
            case Types.BOOLEAN -> Conversion.BOOLEAN;
            case Types.BIT -> "bool".equalsIgnoreCase(typeName) ? Conversion.BOOLEAN : Conversion.TEXT;
            case Types.DATE -> Conversion.DATE;
            case Types.TIMESTAMP_WITH_TIMEZONE -> Conversion.TIMESTAMP_WITH_ZONE;
            // PostgreSQL's driver reports timestamptz as TIMESTAMP; only the type name tells them apart
            case Types.TIMESTAMP -> "timestamptz".equalsIgnoreCase(typeName) ? Conversion.TIMESTAMP_WITH_ZONE : Conversion.TIMESTAMP;
            default -> Conversion.TEXT;
        };
    }

    RowParser parser() {
        return parser;
    }

    /** The number of the row last returned by {@link #next()}, counting from 1. */
    long rowNo() {
        return rowNo;
    }

    /** The next row's values in the kind's column order (null for SQL NULL or a column the query lacks), or null after the last. */
    String[] next() {
        try {
            if (!rows.next()) {
                return null;
            }
            rowNo++;
            String[] values = new String[resultColumns.length];
            for (int c = 0; c < values.length; c++) {
                if (resultColumns[c] > 0) {
                    values[c] = value(resultColumns[c], conversions[c]);
                }
            }
            return values;
        } catch (SQLException e) {
            throw SourceFailures.translate(e, query.label() + " failed on row " + (rowNo + 1));
        }
    }

    /** Passes over rows already loaded by an earlier attempt, without converting them. */
    void skip(long count) {
        try {
            for (long i = 0; i < count && rows.next(); i++) {
                rowNo++;
            }
        } catch (SQLException e) {
            throw SourceFailures.translate(e, query.label() + " failed on row " + (rowNo + 1));
        }
    }

    private String value(int column, Conversion conversion) throws SQLException {
        try {
            switch (conversion) {
                case BOOLEAN -> {
                    boolean value = rows.getBoolean(column);
                    return rows.wasNull() ? null : Boolean.toString(value);
                }
                case DATE -> {
                    LocalDate value = rows.getObject(column, LocalDate.class);
                    return value == null ? null : value.toString();
                }
                case TIMESTAMP_WITH_ZONE -> {
                    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
                    return value == null ? null : value.toString();
                }
                case TIMESTAMP -> {
                    LocalDateTime value = rows.getObject(column, LocalDateTime.class);
                    return value == null ? null : value.toString();
                }
                default -> {
                    return rows.getString(column);
                }
            }
        } catch (SQLException cannotConvert) {
            // a value without a Java form (an infinite date, say): its text form, which the field check rejects
            return rows.getString(column);
        }
    }

    @Override
    public void close() {
        try (statement; rows) {
            // closing the result set and the statement ends the cursor
        } catch (SQLException e) {
            throw SourceFailures.translate(e, "cannot close the " + query.label());
        }
    }
}
