package org.billrun.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.billrun.run.RunQueries;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Metrics of billing runs. Spring Boot sets up Micrometer with a Prometheus registry and hands Spring
 * Batch the observation registry, so every job and step is timed (spring.batch.job, spring.batch.step);
 * {@link RunMetrics}, registered here on every job and step bean, adds billrun's own and exports them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MetricsProperties.class)
class MetricsConfiguration {

    /**
     * Only billrun's and Spring Batch's metrics: a batch command's JVM, pool and logging figures are noise
     * on a dashboard, and process_* would clash with node-exporter's own in the textfile.
     */
    @Bean
    MeterFilter billrunAndBatchMetricsOnly() {
        return MeterFilter.denyUnless(id -> id.getName().startsWith("billrun.") || id.getName().startsWith("spring.batch."));
    }

    @Bean
    static BeanPostProcessor runMetricsRegistrar(ObjectProvider<PrometheusMeterRegistry> registry, ObjectProvider<RunQueries> runs,
            ObjectProvider<MetricsProperties> properties) {
        return new BeanPostProcessor() {
            private RunMetrics metrics;

            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof AbstractJob job) {
                    job.registerJobExecutionListener(metrics());
                }
                if (bean instanceof AbstractStep step) {
                    step.registerStepExecutionListener(metrics());
                }
                return bean;
            }

            private RunMetrics metrics() {
                if (metrics == null) {
                    PrometheusMeterRegistry prometheus = registry.getObject();
                    metrics = new RunMetrics(new Gauges(prometheus), runs.getObject(),
                            new RunMetricsExport(prometheus, properties.getObject()));
                }
                return metrics;
            }
        };
    }
}
