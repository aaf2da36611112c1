package org.billrun.validate;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.billrun.billing.ExceptionStatus;
import org.billrun.infra.CopyRows;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
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
        CopyRows copy = new CopyRows(records.size());
        int f = 0;
        for (ValidatedRecord r : records) {
            boolean held = false;
            for (Finding finding : r.findings()) {
                held |= finding.blocks() && ExceptionStatus.OPEN.label().equals(stored.get(f++).status());
            }
            copy.add(run.runId()).add(r.record().kind().label()).add(r.record().rowId()).add(r.record().key()).add(r.record().line())
                    .add(held ? "held" : r.billable() ? "valid" : "non_billable").add(r.contractId()).add(r.consultantId())
                    .add(r.date()).add(r.hours()).add(r.amount()).add(r.currency()).endRow();
        }
        copy.copyIn(connection, COPY_STATES);
    }
}
