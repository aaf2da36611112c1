package org.billrun.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import org.billrun.approval.ApprovalQueries;
import org.billrun.posting.PostingQueries;
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
 * {@link RunMetrics}, registered here on every job and step bean, adds billrun's own and exports them;
 * {@link PostMetrics} and {@link ApprovalMetrics} do the same for billrun post and billrun escalate.
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

    /** billrun post's metrics; lazy, as every command's context has this bean and only post uses it. */
    @Bean
    @org.springframework.context.annotation.Lazy
    PostMetrics postMetrics(PrometheusMeterRegistry registry, PostingQueries postings, MetricsProperties properties, Clock clock) {
        return new PostMetrics(new Gauges(registry), registry, postings, new RunMetricsExport(registry, properties), clock);
    }

    /** billrun escalate's metrics of the approvals. */
    @Bean
    @org.springframework.context.annotation.Lazy
    ApprovalMetrics approvalMetrics(PrometheusMeterRegistry registry, ApprovalQueries approvals, MetricsProperties properties) {
        return new ApprovalMetrics(new Gauges(registry), approvals, new RunMetricsExport(registry, properties));
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
