package org.billrun.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.billrun.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Who runs a command: resolved once, from the CLI when it knows, else from the database login. */
class ActorTests {

    private static BillrunProperties withActor(String actor) {
        return new BillrunProperties(new BillrunProperties.Ingest(40_000, 2), new BillrunProperties.Validate(2_000), null,
                new BillrunProperties.Cli(null, actor));
    }

    @Test
    void theActorIsResolvedOnceHoweverOftenItIsAskedFor() {
        AtomicInteger asked = new AtomicInteger();
        Actor actor = new Actor(() -> "user-" + asked.incrementAndGet());

        assertThat(actor.name()).isEqualTo("user-1");
        assertThat(actor.name()).isEqualTo("user-1");
        assertThat(asked).hasValue(1);
    }

    @Test
    void withAnExternalDatabaseTheActorIsTheDatabaseLogin() {
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(TestDatabase.jdbcUrl(), "postgres", ""));

        assertThat(new InfraConfiguration().actor(withActor(null), jdbc).name()).isEqualTo("postgres");
    }

    @Test
    void theActorTheCliHandsOverWins() {
        JdbcClient neverAsked = JdbcClient.create(new DriverManagerDataSource("jdbc:postgresql://localhost:1/none"));

        assertThat(new InfraConfiguration().actor(withActor(" henrike "), neverAsked).name()).isEqualTo("henrike");
    }
}
