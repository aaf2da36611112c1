package org.billrun.infra.partition;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@link PartitionSettings}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PartitionSettings.class)
class PartitionConfiguration {}
