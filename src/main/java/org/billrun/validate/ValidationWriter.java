package org.billrun.validate;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Writes a chunk of validated records in the chunk's transaction: first their findings into the
 * exception queue, then each record's state. A record is held when one of its blocking findings
 * has an open exception (a waived one lets it through), non-billable when it does not bill at all,
 * and valid otherwise. Both writes are upserts, so replaying a chunk after a crash changes nothing.
 */
public class ValidationWriter implements ItemWriter<ValidatedRecord> {

    private static final String STATES = """
            INSERT INTO validated_record (run_id, record_kind, record_row_id, record_key, line_no, state, contract_id, consultant_id,
                                          record_date, hours, amount, currency)
            SELECT ?, * FROM unnest(?::text[], ?::bigint[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::date[],
                                    ?::numeric[], ?::numeric[], ?::text[])
            ON CONFLICT (run_id, record_kind, record_row_id) DO UPDATE SET state = EXCLUDED.state, amount = EXCLUDED.amount""";

    private final ValidationRun run;
    private final ExceptionStore exceptions;
    private final DataSource dataSource;

    public ValidationWriter(ValidationRun run, ExceptionStore exceptions, DataSource dataSource) {
        this.run = run;
        this.exceptions = exceptions;
        this.dataSource = dataSource;
    }

    @Override
    public void write(Chunk<? extends ValidatedRecord> chunk) throws SQLException {
        write(chunk.getItems());
    }

    public void write(List<? extends ValidatedRecord> records) throws SQLException {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (var st = connection.createStatement()) {
            // As in ingest: these rows and the step's restart position commit together, so a commit lost
            // in a database crash loses both and the restart validates those records again.
            st.execute("SET LOCAL synchronous_commit = off");
        }
        List<Finding> findings = new ArrayList<>();
        records.forEach(r -> findings.addAll(r.findings()));
        List<ExceptionStore.Stored> stored = exceptions.upsert(findings, run.period().toString(), run.scope(), run.runId());
        int n = records.size();
        String[] kind = new String[n], key = new String[n], state = new String[n], contract = new String[n], consultant = new String[n];
        String[] currency = new String[n];
        Long[] rowId = new Long[n];
        Integer[] line = new Integer[n];
        Date[] date = new Date[n];
        BigDecimal[] hours = new BigDecimal[n], amount = new BigDecimal[n];
        int f = 0;
        for (int i = 0; i < n; i++) {
            ValidatedRecord r = records.get(i);
            boolean held = false;
            for (Finding finding : r.findings()) {
                held |= finding.blocks() && "open".equals(stored.get(f++).status());
            }
            kind[i] = r.record().kind().label();
            rowId[i] = r.record().rowId();
            key[i] = r.record().key();
            line[i] = r.record().line();
            state[i] = held ? "held" : r.billable() ? "valid" : "non_billable";
            contract[i] = r.contractId();
            consultant[i] = r.consultantId();
            date[i] = r.date() == null ? null : Date.valueOf(r.date());
            hours[i] = r.hours();
            amount[i] = r.amount();
            currency[i] = r.currency();
        }
        try (PreparedStatement st = connection.prepareStatement(STATES)) {
            st.setLong(1, run.runId());
            int p = 2;
            st.setArray(p++, connection.createArrayOf("text", kind));
            st.setArray(p++, connection.createArrayOf("bigint", rowId));
            st.setArray(p++, connection.createArrayOf("text", key));
            st.setArray(p++, connection.createArrayOf("int4", line));
            st.setArray(p++, connection.createArrayOf("text", state));
            st.setArray(p++, connection.createArrayOf("text", contract));
            st.setArray(p++, connection.createArrayOf("text", consultant));
            st.setArray(p++, connection.createArrayOf("date", date));
            st.setArray(p++, connection.createArrayOf("numeric", hours));
            st.setArray(p++, connection.createArrayOf("numeric", amount));
            st.setArray(p, connection.createArrayOf("text", currency));
            st.executeUpdate();
        }
    }
}
