package org.billrun.erp.tryton;

import java.io.IOException;
import org.billrun.masterdata.InvoicingParties;
import org.billrun.posting.port.ErpAdapter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Tryton adapter, when {@code billrun.erp.adapter=tryton}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "billrun.erp.adapter", havingValue = "tryton")
@EnableConfigurationProperties(TrytonErpProperties.class)
class TrytonErpConfiguration {

    @Bean
    TrytonSetup trytonSetup(TrytonErpProperties properties) {
        if (properties.setupFile() == null) {
            throw new IllegalStateException("the Tryton adapter needs billrun.erp.tryton.setup-file (the billrun-tryton.json"
                    + " scripts/tryton-setup wrote)");
        }
        try {
            return TrytonSetup.read(properties.setupFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the Tryton setup " + properties.setupFile() + ": " + e.getMessage(), e);
        }
    }

    @Bean(destroyMethod = "close")
    TrytonJsonRpc trytonJsonRpc(TrytonSetup setup, TrytonErpProperties properties) {
        return new TrytonJsonRpc(setup.settings(properties.connectTimeout(), properties.requestTimeout()));
    }

    @Bean
    ErpAdapter trytonErpAdapter(TrytonSetup setup, TrytonJsonRpc rpc, TrytonErpProperties properties) {
        return new TrytonErpAdapter(setup, rpc, properties.pastDueDates());
    }

    @Bean
    TrytonCustomerSync trytonCustomerSync(InvoicingParties clients, TrytonSetup setup, TrytonJsonRpc rpc) {
        return new TrytonCustomerSync(clients, setup, rpc);
    }
}
