package org.billrun.infra;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The beans every stage shares: the settings, the clock time is read from, and who runs the command. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BillrunProperties.class)
class InfraConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }

    @Bean
    Actor actor(BillrunProperties properties, JdbcClient jdbc) {
        String given = properties.cli().actor();
        return given != null && !given.isBlank()
                ? Actor.named(given.strip())
                : new Actor(() -> jdbc.sql("SELECT session_user").query(String.class).single());
    }
}
