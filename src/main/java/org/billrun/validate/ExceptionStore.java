package org.billrun.validate;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.billrun.audit.AuditAction;
import org.billrun.audit.AuditLog;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * Writes findings into the exception queue. One exception exists per period, record version and rule,
 * whatever the scope of the run that finds it (its scope column says which run's scope first raised
 * it): finding it again confirms it (last_seen_run_id) rather than raising a second one; a
 * waived exception stays waived; one a person marked resolved is reopened, because the record still
 * fails. Raising and reopening are audited. Runs inside the caller's transaction (a chunk), so a
 * chunk that rolls back leaves no trace and its replay writes the same rows.
 */
@Component
public class ExceptionStore {

    /** What became of a finding: its exception and that exception's status now. */
    public record Stored(long exceptionId, String status) {}

    private static final String UPSERT = """
            WITH input AS (
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[],
                                     ?::int[], ?::text[], ?::numeric[], ?::text[], ?::int[])
                       AS t(rule_code, severity, owner_role, owner_id, record_kind, record_row_id, record_key, source_file,
                            line_no, message, amount, currency, ord)),
            upserted AS (
                INSERT INTO validation_exception (period, scope, rule_code, severity, owner_role, owner_id, record_kind, record_row_id,
                                                  record_key, source_file, line_no, message, amount, currency, raised_by_run_id, last_seen_run_id)
                SELECT ?, ?, rule_code, severity, owner_role, owner_id, record_kind, record_row_id, record_key, source_file, line_no,
                       message, amount, currency, ?, ? FROM input ORDER BY ord
                ON CONFLICT (period, record_kind, record_row_id, rule_code) DO UPDATE SET
                    last_seen_run_id = EXCLUDED.last_seen_run_id, severity = EXCLUDED.severity, owner_role = EXCLUDED.owner_role,
                    owner_id = EXCLUDED.owner_id, message = EXCLUDED.message, amount = EXCLUDED.amount, currency = EXCLUDED.currency,
                    status = CASE WHEN validation_exception.status = 'resolved' THEN 'open' ELSE validation_exception.status END,
                    status_changed_at = CASE WHEN validation_exception.status = 'resolved' THEN now() ELSE validation_exception.status_changed_at END,
                    status_changed_by = CASE WHEN validation_exception.status = 'resolved' THEN ? ELSE validation_exception.status_changed_by END,
                    status_reason = CASE WHEN validation_exception.status = 'resolved' THEN 'found again by run ' || EXCLUDED.last_seen_run_id
                                         ELSE validation_exception.status_reason END
                RETURNING exception_id, record_kind, record_row_id, rule_code, status, xmax = 0 AS inserted,
                          status_reason IS NOT DISTINCT FROM 'found again by run ' || last_seen_run_id AS reopened)
            SELECT i.ord, u.exception_id, u.status, u.inserted, u.reopened
            FROM upserted u JOIN input i ON i.record_kind = u.record_kind AND i.record_row_id = u.record_row_id AND i.rule_code = u.rule_code
            ORDER BY i.ord""";

    private final DataSource dataSource;
    private final AuditLog audit;

    public ExceptionStore(DataSource dataSource, AuditLog audit) {
        this.dataSource = dataSource;
        this.audit = audit;
    }

    /** Upserts the findings (in order) and returns, per finding, its exception and status. */
    public List<Stored> upsert(List<Finding> findings, String period, String scope, long runId) throws SQLException {
        if (findings.isEmpty()) {
            return List.of();
        }
        int n = findings.size();
        String[] rule = new String[n], severity = new String[n], ownerRole = new String[n], ownerId = new String[n];
        String[] kind = new String[n], key = new String[n], file = new String[n], message = new String[n], currency = new String[n];
        Long[] rowId = new Long[n];
        Integer[] line = new Integer[n], ord = new Integer[n];
        BigDecimal[] amount = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
            Finding f = findings.get(i);
            rule[i] = f.rule().name();
            severity[i] = f.severity().label();
            ownerRole[i] = f.ownerRole().label();
            ownerId[i] = f.ownerId();
            kind[i] = f.record().kind().label();
            rowId[i] = f.record().rowId();
            key[i] = f.record().key();
            file[i] = f.record().file();
            line[i] = f.record().file() == null ? null : f.record().line();
            message[i] = f.message();
            amount[i] = f.amount();
            currency[i] = f.currency();
            ord[i] = i;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        Map<Integer, Stored> byOrd = new HashMap<>();
        List<AuditLog.Entry> entries = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(UPSERT)) {
            int p = 1;
            for (Object[] values : new Object[][] {rule, severity, ownerRole, ownerId, kind, rowId, key, file, line, message, amount, currency, ord}) {
                st.setArray(p++, array(connection, values));
            }
            st.setString(p++, period);
            st.setString(p++, scope);
            st.setLong(p++, runId);
            st.setLong(p++, runId);
            st.setString(p, audit.actor());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int i = rs.getInt(1);
                    long id = rs.getLong(2);
                    byOrd.put(i, new Stored(id, rs.getString(3)));
                    if (rs.getBoolean(4)) {
                        entries.add(audit.entry(AuditAction.RAISED, "exception", id, runId, rule[i] + " " + severity[i] + ": " + message[i]));
                    } else if (rs.getBoolean(5)) {
                        entries.add(audit.entry(AuditAction.REOPENED, "exception", id, runId, "found again: " + message[i]));
                    }
                }
            }
        }
        audit.append(entries);
        List<Stored> stored = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Stored s = byOrd.get(i);
            if (s == null) {
                throw new IllegalStateException("finding " + rule[i] + " on " + key[i] + " was not stored");
            }
            stored.add(s);
        }
        return stored;
    }

    private static Array array(Connection connection, Object[] values) throws SQLException {
        String type = values instanceof Long[] ? "bigint" : values instanceof Integer[] ? "int4" : values instanceof BigDecimal[] ? "numeric" : "text";
        return connection.createArrayOf(type, values);
    }
}
