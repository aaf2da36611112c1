package org.billrun.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.billrun.BillrunApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

/**
 * One Spring context for every integration test class, on the test JVM's one embedded PostgreSQL: the
 * same configuration everywhere, so Spring's test context cache starts it once. The settings suit every
 * class: ingest cuts files into parts of 6,000 rows (the 23,000-row restart test loads four parts in
 * parallel), validation commits every 500 records (the restart test counts committed chunks), and the
 * commands' actor is "billrun", as a scheduler's account would be, and reports go to a folder of the test JVM.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = BillrunApplication.class, properties = {
        "billrun.ingest.rows-per-part=6000",
        "billrun.validate.chunk-size=500",
        "billrun.cli.actor=billrun"})
@ContextConfiguration(initializers = BillrunIntegrationTest.Database.class)
public @interface BillrunIntegrationTest {

    /** Points the context at the test JVM's embedded PostgreSQL. */
    class Database implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testDatabase", java.util.Map.of(
                    "spring.datasource.url", TestDatabase.jdbcUrl(),
                    "spring.datasource.username", "postgres",
                    "spring.datasource.password", "",
                    "billrun.reports-dir", TestDatabase.reportsRoot().toString())));
        }
    }
}
