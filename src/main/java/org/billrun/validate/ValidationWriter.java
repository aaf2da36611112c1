package org.billrun.validate;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Writes a chunk of validated records in the chunk's transaction: first their findings into the
 * exception queue, then each record's state. A record is held when one of its blocking findings
 * has an open exception (a waived one lets it through), non-billable when it does not bill at all,
 * and valid otherwise. Replaying a chunk after a crash changes nothing: the exceptions are upserts,
 * and the states of a chunk that rolled back were never there.
 */
public class ValidationWriter implements ItemWriter<ValidatedRecord> {

    private static final String COPY_STATES = """
            COPY validated_record (run_id, record_kind, record_row_id, record_key, line_no, state, contract_id, consultant_id,
                                   record_date, hours, amount, currency) FROM STDIN""";

    private final ValidationRun run;
    private final ExceptionStore exceptions;
    private final DataSource dataSource;

    public ValidationWriter(ValidationRun run, ExceptionStore exceptions, DataSource dataSource) {
        this.run = run;
        this.exceptions = exceptions;
        this.dataSource = dataSource;
    }

    @Override
    public void write(Chunk<? extends ValidatedRecord> chunk) throws SQLException, IOException {
        write(chunk.getItems());
    }

    public void write(List<? extends ValidatedRecord> records) throws SQLException, IOException {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (var st = connection.createStatement()) {
            // As in ingest: these rows and the step's restart position commit together, so a commit lost
            // in a database crash loses both and the restart validates those records again.
            st.execute("SET LOCAL synchronous_commit = off");
        }
        List<Finding> findings = new ArrayList<>();
        records.forEach(r -> findings.addAll(r.findings()));
        List<ExceptionStore.Stored> stored = exceptions.upsert(findings, run.period().toString(), run.scope(), run.runId());
        // COPY, not INSERT ... ON CONFLICT: the rows of a chunk that rolled back are gone, so its replay
        // inserts them afresh, and a row that somehow existed twice fails loudly on the primary key
        StringBuilder copy = new StringBuilder(records.size() * 96);
        int f = 0;
        for (ValidatedRecord r : records) {
            boolean held = false;
            for (Finding finding : r.findings()) {
                held |= finding.blocks() && "open".equals(stored.get(f++).status());
            }
            copy.append(run.runId()).append('\t').append(r.record().kind().label()).append('\t').append(r.record().rowId()).append('\t');
            text(copy, r.record().key()).append('\t').append(r.record().line()).append('\t')
                    .append(held ? "held" : r.billable() ? "valid" : "non_billable").append('\t');
            text(copy, r.contractId()).append('\t');
            text(copy, r.consultantId()).append('\t');
            text(copy, r.date() == null ? null : r.date().toString()).append('\t');
            text(copy, r.hours() == null ? null : r.hours().toPlainString()).append('\t');
            text(copy, r.amount() == null ? null : r.amount().toPlainString()).append('\t');
            text(copy, r.currency()).append('\n');
        }
        new CopyManager(connection.unwrap(BaseConnection.class)).copyIn(COPY_STATES, new StringReader(copy.toString()));
    }

    /** A value in COPY's text format: \N for null; backslash, tab and line breaks escaped. */
    private static StringBuilder text(StringBuilder out, String value) {
        if (value == null) {
            return out.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out;
    }
}
