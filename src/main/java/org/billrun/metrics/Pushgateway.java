package org.billrun.metrics;

import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A Prometheus Pushgateway, from its URL. A run's push groups by job, scope and last stage, so the nightly
 * validation and the month-end run keep their own metrics; post and escalate push to a group of their
 * command. A run's or a post's push uses POST (pushAdd): it replaces the metrics it carries and leaves the
 * others, so a failed run does not erase when the last run succeeded. It sends the text format, the same
 * as the textfile's.
 */
record Pushgateway(Scheme scheme, String address, String user, String password, String job) {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    static Pushgateway of(MetricsProperties.Pushgateway settings) {
        URI url = settings.url();
        if (url.getScheme() == null || url.getHost() == null
                || !(url.getScheme().equalsIgnoreCase("http") || url.getScheme().equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("the Pushgateway URL must be http://host:port or https://host:port");
        }
        String address = url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", ""));
        String user = null;
        String password = null;
        if (url.getRawUserInfo() != null) {
            String[] parts = url.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
        }
        return new Pushgateway(url.getScheme().equalsIgnoreCase("https") ? Scheme.HTTPS : Scheme.HTTP, address, user, password,
                settings.job());
    }

    /**
     * Pushes the registry's metrics to the group of {@code grouping} (after the job label, in its order). {@code replaceGroup}:
     * PUT, the group is replaced whole (its metrics this push does not carry are gone); else POST, which replaces only the
     * metrics the push carries.
     */
    void push(PrometheusRegistry registry, java.util.Map<String, String> grouping, boolean replaceGroup) throws IOException {
        PushGateway.Builder builder = PushGateway.builder()
                .scheme(scheme)
                .address(address)
                .job(job)
                .registry(registry)
                .format(Format.PROMETHEUS_TEXT)
                .connectionTimeout(TIMEOUT)
                .readTimeout(TIMEOUT);
        grouping.forEach(builder::groupingKey);
        if (user != null) {
            builder.basicAuth(user, password);
        }
        if (replaceGroup) {
            builder.build().push();
        } else {
            builder.build().pushAdd();
        }
    }

    /** For messages: scheme, host, port and path; never the credentials. */
    String where() {
        return scheme.toString().toLowerCase(java.util.Locale.ROOT) + "://" + address;
    }

    @Override
    public String toString() {
        return "Pushgateway[" + where() + ", job=" + job + "]";
    }
}
