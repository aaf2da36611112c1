package org.billrun.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseSourceTests {

    private static final String URL = "jdbc:postgresql://psa-db:5432/psa";

    /** source.* keys (without the prefix) with a query for every input but billing_history. */
    private static Map<String, String> complete() {
        Map<String, String> keys = new HashMap<>();
        keys.put("url", URL);
        Arrays.stream(SourceKind.values()).filter(k -> !k.optionalFile())
                .forEach(k -> keys.put("query." + k.inputName(), "SELECT * FROM " + k.inputName()));
        return keys;
    }

    @Test
    void readsTheUrlAndAQueryPerInputAndLeavesTheOptionalOneOut() {
        DatabaseSource source = DatabaseSource.from(complete(), "db.properties");

        assertThat(source.url()).isEqualTo(URL);
        assertThat(source.queries()).hasSize(SourceKind.values().length - 3).doesNotContainKey(SourceKind.BILLING_HISTORY).doesNotContainKey(SourceKind.PEOPLE)
                .containsEntry(SourceKind.TIME_ENTRIES, "SELECT * FROM time_entries");
    }

    @Test
    void refusesCredentialsInTheUrl() {
        for (String url : new String[] {URL + "?user=billing", URL + "?ssl=true&password=secret", "jdbc:postgresql://u:p@psa-db/psa"}) {
            Map<String, String> keys = complete();
            keys.put("url", url);

            assertThatThrownBy(() -> DatabaseSource.from(keys, "db.properties")).as(url).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must not carry credentials").hasMessageContaining("BILLRUN_SOURCE_PASSWORD");
        }
    }

    @Test
    void refusesADatabaseOtherThanPostgresql() {
        Map<String, String> keys = complete();
        keys.put("url", "jdbc:sqlserver://psa-db;databaseName=psa");

        assertThatThrownBy(() -> DatabaseSource.from(keys, "db.properties")).hasMessageContaining("must be a PostgreSQL JDBC URL");
    }

    @Test
    void namesAQueryThatIsMissingAndAKeyThatIsUnknown() {
        Map<String, String> keys = complete();
        keys.remove("query.tasks");
        assertThatThrownBy(() -> DatabaseSource.from(keys, "db.properties"))
                .hasMessage("db.properties: no query for source.query.tasks (every input needs one, billing_history, people and approval_limits excepted;"
                        + " see docs/input-formats.md)");

        keys.put("query.tasks", "SELECT * FROM tasks");
        keys.put("query.time_entry", "SELECT * FROM time_entries");
        assertThatThrownBy(() -> DatabaseSource.from(keys, "db.properties"))
                .hasMessageStartingWith("db.properties: unknown key source.query.time_entry (known: source.url, source.query.entities,");
    }

    @Test
    void theExampleRunDefinitionInJobsIsAValidDatabaseSource() {
        DatabaseSource source = DatabaseSource.load(Path.of("jobs/month-end-database.properties"));

        assertThat(source.queries()).hasSize(SourceKind.values().length);
        assertThat(source.queries().get(SourceKind.TIME_ENTRIES)).contains(":period_start", ":period_end");
    }
}
