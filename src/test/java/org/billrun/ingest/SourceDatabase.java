package org.billrun.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.billrun.support.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A second database on the test server that plays a firm's PSA database: one table per input kind,
 * named like its file without ".csv" (time_entries, ...), with a typed column per documented column
 * (text, date, timestamptz, numeric, integer, boolean) and a surrogate row_id the queries need not
 * return. {@link #load} fills the tables from a folder of CSV files.
 */
final class SourceDatabase implements AutoCloseable {

    /** The stand-in for the process environment: the user billrun connects to the source as. */
    static final Map<String, String> ENVIRONMENT = Map.of(SourceConnections.USER_VARIABLE, "postgres");

    private final String url;
    private final Connection connection;
    private final JdbcClient jdbc;

    private SourceDatabase(String url) throws SQLException {
        this.url = url;
        this.connection = DriverManager.getConnection(url, "postgres", "");
        this.jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
    }

    /** A new, empty database (dropped first if it is there) with a table per input kind. */
    static SourceDatabase create(String name) {
        String withUser = TestDatabase.createDatabase(name);
        try {
            SourceDatabase database = new SourceDatabase(withUser.replaceFirst("\\?user=.*$", ""));
            for (SourceKind kind : SourceKind.values()) {
                database.jdbc.sql("CREATE TABLE " + kind.inputName() + " (row_id bigserial PRIMARY KEY, "
                        + kind.columns().stream().map(c -> c.name() + " " + sqlType(c.type())).collect(Collectors.joining(", ")) + ")")
                        .update();
            }
            return database;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JDBC URL a run definition names: no credentials in it. */
    String url() {
        return url;
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    static String sqlType(ColumnType type) {
        return switch (type) {
            case DATE -> "date";
            case TIMESTAMP -> "timestamptz";
            case DECIMAL, MONEY, HOURS -> "numeric";
            case INTEGER -> "integer";
            case BOOLEAN -> "boolean";
            case ID, TEXT, ENUM, COUNTRY, CURRENCY, PERIOD -> "text";
        };
    }

    /**
     * Inserts every record of every CSV file of {@code folder} into its table, empty fields as NULL.
     * A typed database cannot hold some of what a CSV file can (a comma decimal in a numeric column,
     * a date that does not exist, a record with a field too many): such records are left out and
     * returned as "file:line".
     */
    List<String> load(Path folder) {
        List<String> left = new ArrayList<>();
        for (SourceKind kind : SourceKind.values()) {
            Path file = folder.resolve(kind.fileName());
            if (Files.isRegularFile(file)) {
                left.addAll(load(kind, file));
            }
        }
        return left;
    }

    private List<String> load(SourceKind kind, Path file) {
        List<String> left = new ArrayList<>();
        try (CsvRecordReader records = new CsvRecordReader(SourceFiles.openBytes(file, 0))) {
            String[] header = records.next().fields();
            Map<String, Integer> position = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                position.put(ColumnSpec.normalise(i == 0 ? RowParser.stripBom(header[i]) : header[i]), i);
            }
            List<ColumnSpec> columns = kind.columns().stream().filter(c -> position.containsKey(c.name())).toList();
            String sql = "INSERT INTO " + kind.inputName() + " (" + columns.stream().map(ColumnSpec::name).collect(Collectors.joining(", "))
                    + ") VALUES (" + columns.stream().map(c -> "CAST(? AS " + sqlType(c.type()) + ")").collect(Collectors.joining(", ")) + ")";
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (CsvRecord record; (record = records.next()) != null; ) {
                    if (record.isMalformed() || record.fields().length != header.length) {
                        left.add(kind.fileName() + ":" + record.lineNo());
                        continue;
                    }
                    for (int c = 0; c < columns.size(); c++) {
                        String value = record.fields()[position.get(columns.get(c).name())];
                        insert.setString(c + 1, value.isEmpty() ? null : value);
                    }
                    try {
                        insert.executeUpdate();
                    } catch (SQLException cannotHold) {
                        left.add(kind.fileName() + ":" + record.lineNo());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return left;
    }

    /** A run definition file reading this database with one query per kind: {@code SELECT * FROM <table>} unless given. */
    Path definition(Path file, Map<SourceKind, String> queries) {
        StringBuilder text = new StringBuilder("source.url=" + url + "\n");
        for (SourceKind kind : SourceKind.values()) {
            text.append(DatabaseSource.queryKey(kind)).append('=')
                    .append(queries.getOrDefault(kind, "SELECT * FROM " + kind.inputName()).replace("\n", " ")).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path definition(Path file) {
        return definition(file, Map.of());
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
