package org.billrun.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.billrun.infra.RefusedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook's signature, where its secret comes from, the publisher's backoff and the sinks' settings, without a database. */
class WebhookPartsTests {

    @TempDir
    Path temp;

    @Test
    void theSignatureIsHmacSha256OfTheBodyInLowerCaseHex() {
        // RFC 4231, test case 2
        assertThat(new WebhookSigner("Jefe".getBytes(StandardCharsets.UTF_8)).sign("what do ya want for nothing?"))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertThat(new WebhookSigner("topsecret".getBytes(StandardCharsets.UTF_8)).toString()).doesNotContain("topsecret");
    }

    @Test
    void theSecretComesFromAnOwnerOnlyFileOrTheEnvironmentAndNeverShowsInAMessage() throws Exception {
        Path file = temp.resolve("secret");
        Files.writeString(file, "from-the-file\nignored\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(new String(WebhookSecret.resolve("crm", file, Map.of(WebhookSecret.ENV, "from-env")), StandardCharsets.UTF_8))
                .isEqualTo("from-the-file");
        assertThat(new String(WebhookSecret.resolve("crm", null, Map.of(WebhookSecret.ENV, "from-env")), StandardCharsets.UTF_8))
                .isEqualTo("from-env");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> WebhookSecret.resolve("crm", file, Map.of())).isInstanceOf(RefusedException.class)
                .hasMessageContaining("readable by others").hasMessageNotContaining("from-the-file");
        assertThatThrownBy(() -> WebhookSecret.resolve("crm", null, Map.of())).isInstanceOf(RefusedException.class)
                .hasMessageContaining(WebhookSecret.ENV);
    }

    @Test
    void anInvoiceThatFailsAgainWaitsTwiceAsLongUpToTheCap() {
        Duration first = Duration.ofMinutes(1);
        Duration cap = Duration.ofMinutes(5);
        assertThat(EventPublisher.backoff(first, cap, 0)).isEqualTo(Duration.ofMinutes(1));
        assertThat(EventPublisher.backoff(first, cap, 1)).isEqualTo(Duration.ofMinutes(2));
        assertThat(EventPublisher.backoff(first, cap, 2)).isEqualTo(Duration.ofMinutes(4));
        assertThat(EventPublisher.backoff(first, cap, 3)).isEqualTo(cap);
        assertThat(EventPublisher.backoff(first, cap, 1_000)).isEqualTo(cap);
    }

    private static EventsProperties.Sink sink(String type, String url) {
        return new EventsProperties.Sink(type, null, url == null ? null : java.net.URI.create(url), null, Duration.ofSeconds(1), 3,
                Duration.ofMillis(10), Duration.ofMillis(20));
    }

    @Test
    void withNoSinkConfiguredThereIsTheFileSinkAndBadSettingsAreRefusedByName() {
        EventSinks none = new EventSinks(new EventsProperties(temp, null, Duration.ofMinutes(1), Duration.ofHours(1)));
        assertThat(none.open(null, null, Map.of())).singleElement().isInstanceOfSatisfying(FileSink.class, f -> {
            assertThat(f.name()).isEqualTo("file");
            assertThat(f.dir()).isEqualTo(temp);
        });
        assertThat(none.open(null, temp.resolve("other"), Map.of())).singleElement()
                .isInstanceOfSatisfying(FileSink.class, f -> assertThat(f.dir()).isEqualTo(temp.resolve("other")));
        assertThatThrownBy(() -> none.open("crm", null, Map.of())).isInstanceOf(RefusedException.class)
                .hasMessageContaining("no event sink named 'crm'; configured: file");

        EventSinks configured = new EventSinks(new EventsProperties(temp, Map.of("crm", sink("webhook", "https://crm.example/hook"),
                "bad", sink("webhook", "ftp://x"), "odd", sink("kafka", null)), Duration.ofMinutes(1), Duration.ofHours(1)));
        assertThat(configured.open("crm", null, Map.of(WebhookSecret.ENV, "s"))).singleElement().isInstanceOf(WebhookSink.class);
        assertThatThrownBy(() -> configured.open("crm", null, Map.of())).hasMessageContaining(WebhookSecret.ENV);
        assertThatThrownBy(() -> configured.open("bad", null, Map.of(WebhookSecret.ENV, "s"))).hasMessageContaining("http(s) url");
        assertThatThrownBy(() -> configured.open("odd", null, Map.of())).hasMessageContaining("type 'kafka'; known: file, webhook");
    }
}
