package org.billrun.events;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sinks events are published to (docs/events.md, "Sinks and settings"). With no sink configured there
 * is one: {@code file}, JSON lines in {@code dir}.
 *
 * @param dir the file sinks' folder when they name none (default ~/.billrun/events)
 * @param sinks by name: type {@code file} or {@code webhook} and their settings
 * @param retryAfter how long an invoice whose event failed waits before the next publish tries it again
 * @param retryCap the longest such wait (it doubles per failure in a row)
 */
@ConfigurationProperties("billrun.events")
public record EventsProperties(Path dir, Map<String, Sink> sinks, @DefaultValue("PT1M") Duration retryAfter,
        @DefaultValue("PT1H") Duration retryCap) {

    /**
     * @param type {@code file} (default) or {@code webhook}
     * @param dir a file sink's folder
     * @param url a webhook's URL
     * @param secretFile a webhook's signing secret, first line (else $BILLRUN_WEBHOOK_SECRET)
     * @param timeout a webhook's connect and answer time-out
     * @param maxAttempts a webhook's attempts per event in one publish
     * @param firstWait the wait before a webhook's second attempt; it doubles per attempt
     * @param maxWait the longest wait between a webhook's attempts
     */
    public record Sink(@DefaultValue("file") String type, Path dir, URI url, Path secretFile, @DefaultValue("PT10S") Duration timeout,
            @DefaultValue("5") int maxAttempts, @DefaultValue("PT1S") Duration firstWait, @DefaultValue("PT30S") Duration maxWait) {}

    /** The file sinks' folder. */
    public Path folder() {
        return dir != null ? dir : Path.of(System.getProperty("user.home"), ".billrun", "events");
    }
}
