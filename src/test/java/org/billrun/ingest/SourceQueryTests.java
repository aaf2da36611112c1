package org.billrun.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import java.util.List;
import org.billrun.infra.InputFileException;
import org.junit.jupiter.api.Test;

class SourceQueryTests {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    @Test
    void runsTheQueryAsASubqueryInBillrunsOwnOrderWithThePeriodBoundAsParameters() {
        SourceQuery query = new SourceQuery(SourceKind.TIME_ENTRIES,
                "SELECT * FROM psa.time WHERE work_date BETWEEN :period_start AND :period_end -- October\n ;; ", OCTOBER);

        assertThat(query.orderedSql(List.of(3, 1, 2))).isEqualTo(
                "SELECT * FROM (\nSELECT * FROM psa.time WHERE work_date BETWEEN ? AND ? -- October\n) AS billrun_source ORDER BY 3, 1, 2");
        assertThat(query.probeSql()).endsWith(") AS billrun_source LIMIT 0");
        assertThat(query.label()).isEqualTo("time_entries query");
    }

    @Test
    void leavesCastsAndQuotedColonsAlone() {
        SourceQuery query = new SourceQuery(SourceKind.CLIENTS, "SELECT id::text AS client_id, 'a:b' AS name FROM c WHERE p = :period", OCTOBER);

        assertThat(query.orderedSql(List.of())).contains("SELECT id::text AS client_id, 'a:b' AS name FROM c WHERE p = ?");
    }

    @Test
    void aParameterBillrunDoesNotKnowStopsTheRunNamingTheOnesItDoes() {
        assertThatThrownBy(() -> new SourceQuery(SourceKind.EXPENSES, "SELECT * FROM expenses WHERE expense_date >= :start", OCTOBER))
                .isInstanceOf(InputFileException.class)
                .hasMessageContaining("expenses query: ")
                .hasMessageContaining("start")
                .hasMessageContaining("the parameters a query may use are :period, :period_start, :period_end");
    }

    @Test
    void theTextHashIsTheSha256OfTheQueryAsWrittenWhateverThePeriod() {
        String sha256 = "962610002ca8baab7b5d5e3e722dba23d4822aff9c9c3e528985631027b19c55"; // printf 'SELECT * FROM tasks' | sha256sum

        assertThat(new SourceQuery(SourceKind.TASKS, "SELECT * FROM tasks", OCTOBER).textSha256()).isEqualTo(sha256);
        assertThat(new SourceQuery(SourceKind.TASKS, "SELECT * FROM tasks", OCTOBER.plusMonths(1)).textSha256()).isEqualTo(sha256);
        assertThat(new SourceQuery(SourceKind.TASKS, "SELECT * FROM tasks ", OCTOBER).textSha256()).isNotEqualTo(sha256);
    }
}
