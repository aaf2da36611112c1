package org.billrun.events;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.billrun.infra.RefusedException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** Builds the configured sinks ({@link EventsProperties}); with none configured, the default file sink. */
@Component
@EnableConfigurationProperties(EventsProperties.class)
public class EventSinks {

    /** The default sink's name. */
    public static final String DEFAULT = "file";

    private final EventsProperties properties;

    EventSinks(EventsProperties properties) {
        this.properties = properties;
    }

    public EventsProperties properties() {
        return properties;
    }

    /**
     * The sinks to publish to: all, or only {@code only}; file sinks without a folder of their own write to
     * {@code dirOverride} when given, else to the configured folder.
     */
    public List<EventSink> open(String only, Path dirOverride, Map<String, String> env) {
        Map<String, EventsProperties.Sink> configured = new TreeMap<>(properties.sinks() == null ? Map.of() : properties.sinks());
        if (configured.isEmpty()) {
            configured.put(DEFAULT, new EventsProperties.Sink("file", null, null, null, null, 5, null, null));
        }
        if (only != null && !configured.containsKey(only)) {
            throw new RefusedException("no event sink named '" + only + "'; configured: " + String.join(", ", configured.keySet()));
        }
        Path folder = dirOverride != null ? dirOverride : properties.folder();
        List<EventSink> sinks = new ArrayList<>();
        configured.forEach((name, sink) -> {
            if (only == null || only.equals(name)) {
                sinks.add(open(name, sink, folder, env));
            }
        });
        return sinks;
    }

    private static EventSink open(String name, EventsProperties.Sink sink, Path folder, Map<String, String> env) {
        String type = sink.type() == null ? "file" : sink.type();
        return switch (type) {
            case "file" -> new FileSink(name, sink.dir() != null ? sink.dir() : folder);
            case "webhook" -> {
                if (sink.url() == null || !(sink.url().getScheme() + "").matches("https?")) {
                    throw new RefusedException("webhook sink " + name + " needs an http(s) url (billrun.events.sinks." + name + ".url)");
                }
                yield new WebhookSink(name, new WebhookSink.Settings(sink.url(), sink.timeout(), sink.maxAttempts(), sink.firstWait(),
                        sink.maxWait()), new WebhookSigner(WebhookSecret.resolve(name, sink.secretFile(), env)));
            }
            default -> throw new RefusedException("event sink " + name + " has type '" + type + "'; known: file, webhook");
        };
    }
}
