package org.billrun.validate;

import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the missing-time report a run wrote. */
@Component
public class MissingTimeQueries {

    private final JdbcClient jdbc;

    MissingTimeQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<MissingTime.Row> report(long runId) {
        return jdbc.sql("""
                SELECT consultant_id, consultant_name, entity_id, manager_id, manager_name, as_of, working_days, expected_hours,
                       recorded_hours, missing_hours
                FROM missing_time WHERE run_id = ? ORDER BY missing_hours DESC, consultant_id""")
                .param(runId)
                .query((rs, i) -> new MissingTime.Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getObject(6, LocalDate.class), rs.getInt(7), rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getBigDecimal(10)))
                .list();
    }
}
