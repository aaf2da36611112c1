package org.billrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.billrun.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** V37's billrun_widen_check, which later migrations use to add values to an "IN (...)" check constraint. */
class WidenCheckFunctionIntegrationTests {

    private JdbcClient jdbc;

    @BeforeEach
    void migratedDatabaseWithATableOfTwoAllowedStates() {
        String url = TestDatabase.createDatabase("widen_check");
        Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(new DriverManagerDataSource(url, "postgres", ""));
        jdbc.sql("CREATE TABLE widget (state text NOT NULL CONSTRAINT widget_state_check CHECK (state IN ('new', 'done')))").update();
    }

    private void insert(String state) {
        jdbc.sql("INSERT INTO widget (state) VALUES (?)").param(state).update();
    }

    @Test
    void addsTheNewValuesAndKeepsEveryValueAllowedBefore() {
        jdbc.sql("SELECT billrun_widen_check('widget', 'widget_state_check', 'state', ARRAY['held', 'done'])").query().singleRow();

        insert("new");
        insert("done");
        insert("held");
        assertThatThrownBy(() -> insert("lost")).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void wideningTwiceWithTheSameValueChangesNothing() {
        jdbc.sql("SELECT billrun_widen_check('widget', 'widget_state_check', 'state', ARRAY['held'])").query().singleRow();
        String once = jdbc.sql("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'widget_state_check'").query(String.class).single();
        jdbc.sql("SELECT billrun_widen_check('widget', 'widget_state_check', 'state', ARRAY['held'])").query().singleRow();
        String twice = jdbc.sql("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'widget_state_check'").query(String.class).single();

        assertThat(twice).isEqualTo(once).contains("'held'").contains("'new'").contains("'done'");
    }
}
