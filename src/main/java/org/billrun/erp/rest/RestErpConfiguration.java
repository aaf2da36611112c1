package org.billrun.erp.rest;

import java.time.Clock;
import org.billrun.posting.port.ErpAdapter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The REST ERP adapter, when {@code billrun.erp.adapter=rest}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "billrun.erp.adapter", havingValue = "rest")
@EnableConfigurationProperties(RestErpProperties.class)
class RestErpConfiguration {

    @Bean
    ErpAdapter restErpAdapter(RestErpProperties properties, ObjectProvider<Clock> clock) {
        return new RestErpAdapter(properties, System.getenv(), clock.getIfAvailable(Clock::systemUTC));
    }
}
