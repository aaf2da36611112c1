package org.billrun.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.billrun.infra.InputFileException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;

/**
 * One input kind's query, as billrun runs it against the source database. The query may use the
 * run's period as {@code :period} (text yyyy-MM), {@code :period_start} and {@code :period_end}
 * (dates). billrun reads its rows in an order of its own: sorted by the kind's record id, then by
 * every other column of the kind, so that two readings of unchanged data return the same rows in
 * the same order (a restart skips the rows already loaded; the content digest depends on the order).
 */
final class SourceQuery {

    static final List<String> PARAMETERS = List.of("period", "period_start", "period_end");

    private final SourceKind kind;
    private final String text;
    private final String sql;
    private final Object[] arguments;

    /**
     * @throws InputFileException when the query names a parameter billrun does not know
     */
    SourceQuery(SourceKind kind, String text, YearMonth period) {
        this.kind = kind;
        this.text = text;
        ParsedSql parsed = NamedParameterUtils.parseSqlStatement(body(text));
        MapSqlParameterSource values = new MapSqlParameterSource()
                .addValue("period", period.toString())
                .addValue("period_start", period.atDay(1))
                .addValue("period_end", period.atEndOfMonth());
        try {
            this.arguments = NamedParameterUtils.buildValueArray(parsed, values, null);
        } catch (InvalidDataAccessApiUsageException e) {
            throw new InputFileException(label() + ": " + e.getMessage() + " (the parameters a query may use are "
                    + PARAMETERS.stream().map(p -> ":" + p).collect(Collectors.joining(", ")) + ")");
        }
        this.sql = NamedParameterUtils.substituteNamedParameters(parsed, values);
    }

    SourceKind kind() {
        return kind;
    }

    /** The query as the run definition has it. */
    String text() {
        return text;
    }

    /** How messages name the query, e.g. "time_entries query". */
    String label() {
        return kind.inputName() + " query";
    }

    String textSha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The query without the semicolons and blanks it may end with, so that it can be a subquery. */
    static String body(String text) {
        String body = text.strip();
        while (body.endsWith(";")) {
            body = body.substring(0, body.length() - 1).stripTrailing();
        }
        return body;
    }

    /** The SQL that returns no row, only the query's result columns. */
    String probeSql() {
        return "SELECT * FROM (\n" + sql + "\n) AS billrun_source LIMIT 0";
    }

    /** The SQL that returns the rows in billrun's read order: by the given result columns (1-based). */
    String orderedSql(List<Integer> orderBy) {
        String order = orderBy.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return "SELECT * FROM (\n" + sql + "\n) AS billrun_source" + (order.isEmpty() ? "" : " ORDER BY " + order);
    }

    /**
     * Runs the query on {@code connection} (in its open transaction) and returns its rows, fetched
     * {@code fetchSize} at a time through a server-side cursor.
     *
     * @throws InputFileException when a required column is missing or the database refuses the query
     */
    QueryRows open(Connection connection, int fetchSize) {
        try {
            RowParser parser;
            try (PreparedStatement probe = prepare(connection, probeSql()); ResultSet none = probe.executeQuery()) {
                parser = RowParser.forQueryColumns(kind, columnNames(none.getMetaData()));
            }
            PreparedStatement statement = prepare(connection, orderedSql(readOrder(parser)));
            try {
                statement.setFetchSize(fetchSize);
                return new QueryRows(this, parser, statement, statement.executeQuery());
            } catch (SQLException | RuntimeException e) {
                statement.close();
                throw e;
            }
        } catch (SQLException e) {
            throw SourceFailures.translate(e, label() + " failed");
        }
    }

    private PreparedStatement prepare(Connection connection, String statementSql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(statementSql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        for (int i = 0; i < arguments.length; i++) {
            statement.setObject(i + 1, arguments[i]);
        }
        return statement;
    }

    private static String[] columnNames(ResultSetMetaData metaData) throws SQLException {
        String[] names = new String[metaData.getColumnCount()];
        for (int i = 0; i < names.length; i++) {
            names[i] = metaData.getColumnLabel(i + 1);
        }
        return names;
    }

    /** The kind's key columns first, then its other columns, as positions of the result (1-based). */
    private List<Integer> readOrder(RowParser parser) {
        List<ColumnSpec> columns = kind.columns();
        List<Integer> order = new ArrayList<>();
        for (String key : kind.keyColumns()) {
            for (int c = 0; c < columns.size(); c++) {
                if (columns.get(c).name().equals(key) && parser.position(c) >= 0) {
                    order.add(parser.position(c) + 1);
                }
            }
        }
        for (int c = 0; c < columns.size(); c++) {
            if (!kind.keyColumns().contains(columns.get(c).name()) && parser.position(c) >= 0) {
                order.add(parser.position(c) + 1);
            }
        }
        return order;
    }
}
