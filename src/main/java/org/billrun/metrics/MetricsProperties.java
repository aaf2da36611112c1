package org.billrun.metrics;

import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a billing run's metrics go when it ends; both off by default. Set as Spring properties,
 * usually through the environment: BILLRUN_METRICS_PUSHGATEWAY_URL, BILLRUN_METRICS_PUSHGATEWAY_JOB,
 * BILLRUN_METRICS_TEXTFILE_PATH (or -Dbillrun.metrics.pushgateway.url=... in BILLRUN_JAVA_OPTS).
 *
 * @param pushgateway a Prometheus Pushgateway the run pushes to at its end
 * @param textfile a file in node-exporter's textfile collector folder, written at the end of the run
 */
@ConfigurationProperties("billrun.metrics")
public record MetricsProperties(@DefaultValue Pushgateway pushgateway, @DefaultValue Textfile textfile) {

    /**
     * @param url e.g. http://pushgateway.monitoring:9091 (a path after the port is kept as a prefix;
     *            user:password@ in the URL is sent as basic authentication and never logged); null: no push
     * @param job the Pushgateway's job label
     */
    public record Pushgateway(URI url, @DefaultValue("billrun") String job) {}

    /** @param path e.g. /var/lib/node_exporter/textfile/billrun.prom; null: no file */
    public record Textfile(Path path) {}
}
