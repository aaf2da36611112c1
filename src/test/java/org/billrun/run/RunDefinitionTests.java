package org.billrun.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.billrun.infra.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDefinitionTests {

    private static final Clock NOV_2026 = Clock.fixed(Instant.parse("2026-11-26T23:00:00Z"), ZoneOffset.UTC);

    @Test
    void readsTheDefinitionsShippedInJobs() {
        RunDefinition monthEnd = RunDefinition.load(Path.of("jobs/month-end.properties"));

        assertThat(monthEnd.name()).isEqualTo("month-end");
        assertThat(monthEnd.period()).isEqualTo("previous");
        assertThat(monthEnd.scope()).isEqualTo("all");
        assertThat(Stage.parse(monthEnd.until())).isEqualTo(Stage.REPORT);
        RunDefinition nightly = RunDefinition.load(Path.of("jobs/nightly-validation.properties"));
        assertThat(nightly.period()).isEqualTo("current");
        assertThat(Stage.parse(nightly.until())).isEqualTo(Stage.VALIDATE);
    }

    @Test
    void refusesAnUnknownKeySoATypoIsNotSilentlyIgnored(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("odd.properties"), "period=previous\nimput=exports\n");

        assertThatThrownBy(() -> RunDefinition.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown key 'imput'");
    }

    @Test
    void resolvesRelativePeriodsAgainstTheClock() {
        assertThat(RunDefinition.resolvePeriod("current", NOV_2026)).isEqualTo(YearMonth.of(2026, 11));
        assertThat(RunDefinition.resolvePeriod("previous", NOV_2026)).isEqualTo(YearMonth.of(2026, 10));
        assertThat(RunDefinition.resolvePeriod("2026-01", NOV_2026)).isEqualTo(YearMonth.of(2026, 1));
        assertThatThrownBy(() -> RunDefinition.resolvePeriod("Oct 2026", NOV_2026)).hasMessageContaining("yyyy-MM, current or previous");
    }

    @Test
    void keepsTheDatabaseSourceKeysAndResolvesThePolicyAgainstTheDefinitionsFolder(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("psa.properties"), """
                period=previous
                policy=policies/firm.properties
                source.url=jdbc:postgresql://psa-db:5432/psa
                source.query.time_entries=SELECT * FROM time_entries
                """);

        RunDefinition definition = RunDefinition.load(file);

        assertThat(definition.readsDatabase()).isTrue();
        assertThat(definition.source()).containsEntry("url", "jdbc:postgresql://psa-db:5432/psa")
                .containsEntry("query.time_entries", "SELECT * FROM time_entries").hasSize(2);
        assertThat(definition.policy()).isEqualTo(dir.resolve("policies/firm.properties").toAbsolutePath().toString());
        assertThat(RunDefinition.load(Path.of("jobs/month-end.properties")).readsDatabase()).isFalse();
    }

    @Test
    void resolvesARelativeInputFolderAgainstTheDefinitionsFolderAndKeepsAnAbsoluteOne(@TempDir Path dir) throws Exception {
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Path relative = Files.writeString(jobs.resolve("month-end.properties"), "input=../exports/2026-10\n");
        Path absolute = Files.writeString(jobs.resolve("nightly.properties"), "input=" + dir.resolve("srv/exports") + "\n");

        assertThat(RunDefinition.load(relative).input()).isEqualTo(dir.resolve("exports/2026-10").toAbsolutePath().toString());
        assertThat(RunDefinition.load(absolute).input()).isEqualTo(dir.resolve("srv/exports").toAbsolutePath().toString());
    }

    @Test
    void theShippedDefinitionsNameTheSampleFirmFromTheirOwnFolder() {
        for (String definition : List.of("jobs/month-end.properties", "jobs/nightly-validation.properties")) {
            String input = RunDefinition.load(Path.of(definition)).input();
            assertThat(Path.of(input)).as(definition).isDirectory().isEqualTo(Path.of("sample-data/northwind").toAbsolutePath());
        }
    }

    @Test
    void refusesADefinitionThatNamesBothAFolderAndADatabase(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("both.properties"), "input=exports\nsource.url=jdbc:postgresql://psa-db/psa\n");

        assertThatThrownBy(() -> RunDefinition.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names both an input folder (input=) and a database source (source.*)");
    }
}
