package org.billrun.events;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A webhook: each event is an HTTP POST of its JSON to the sink's URL, signed ({@link WebhookSigner}), with
 * the event id as {@code Idempotency-Key}. A 2xx answer delivers it. A time-out, a refused connection, 408,
 * 429 or 5xx is tried again after a wait that doubles from {@code firstWait} up to {@code maxWait}, at most
 * {@code maxAttempts} times in all; another 4xx is not retried in this publish (the receiver refuses the
 * event: a person must look). Either way the invoice's later events wait behind it.
 */
public final class WebhookSink implements EventSink {

    /** How to reach the receiver and how hard to try. */
    public record Settings(URI url, Duration timeout, int maxAttempts, Duration firstWait, Duration maxWait) {
        public Settings {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("max-attempts must be at least 1");
            }
        }
    }

    /** Waits between attempts (a test may count instead of sleeping). */
    interface Sleeper {
        void sleep(Duration wait) throws InterruptedException;
    }

    private final String name;
    private final Settings settings;
    private final WebhookSigner signer;
    private final HttpClient http;
    private final Sleeper sleeper;

    public WebhookSink(String name, Settings settings, WebhookSigner signer) {
        this(name, settings, signer, wait -> Thread.sleep(wait.toMillis()));
    }

    WebhookSink(String name, Settings settings, WebhookSigner signer, Sleeper sleeper) {
        this.name = name;
        this.settings = settings;
        this.signer = signer;
        this.sleeper = sleeper;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Attempt deliver(OutboxEvent event) {
        HttpRequest request = HttpRequest.newBuilder(settings.url())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", event.eventId())
                .header("X-Billrun-Event-Id", event.eventId())
                .header("X-Billrun-Event-Type", event.type().label())
                .header(WebhookSigner.HEADER, signer.sign(event.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(event.payload(), StandardCharsets.UTF_8))
                .build();
        Duration wait = settings.firstWait();
        String error = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            boolean retryable;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return Attempt.ok(attempt);
                }
                error = "HTTP " + status + excerpt(response.body());
                retryable = status >= 500 || status == 408 || status == 429;
            } catch (IOException e) {
                error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                retryable = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Attempt.failed(attempt, "interrupted");
            }
            if (!retryable || attempt == settings.maxAttempts()) {
                return Attempt.failed(attempt, error);
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Attempt.failed(attempt, error + "; interrupted");
            }
            wait = wait.multipliedBy(2).compareTo(settings.maxWait()) > 0 ? settings.maxWait() : wait.multipliedBy(2);
        }
        return Attempt.failed(settings.maxAttempts(), error);
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String line = body.strip().replaceAll("\\s+", " ");
        return ": " + (line.length() > 200 ? line.substring(0, 200) + "..." : line);
    }

    @Override
    public String toString() {
        return "WebhookSink[" + name + " " + settings.url() + "]";
    }
}
