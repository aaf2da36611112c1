package org.billrun.erp.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.billrun.erp.rest.RestErpFixtures.invoice;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.billrun.posting.port.ErpAnswer;
import org.billrun.posting.port.ErpAnswer.Outcome;
import org.billrun.posting.port.ErpUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The REST adapter with OAuth2 client credentials, the token endpoint and the ERP both played by WireMock. */
class RestErpOAuth2Tests {

    private static final String CLIENT_SECRET = "cs-91e0-very-secret";
    private static final String CREATED = "{\"documentId\": \"INV-1\"}";

    @RegisterExtension
    static final WireMockExtension erp = RestErpFixtures.wireMockErp();

    private final MovableClock clock = new MovableClock(RestErpFixtures.NOW);

    @Test
    void theAccessTokenIsFetchedOnceWithTheClientsCredentialsAndUsedUntilItIsAboutToExpire() {
        erp.stubFor(post("/oauth/token").willReturn(aResponse().withStatus(200).withBody("""
                {"access_token": "at-1", "token_type": "Bearer", "expires_in": 100}""")));
        erp.stubFor(post("/api/v1/invoices").willReturn(aResponse().withStatus(201).withBody(CREATED)));
        erp.stubFor(get(urlPathEqualTo("/api/v1/invoices")).willReturn(aResponse().withStatus(200)
                .withBody("{\"documents\": []}")));
        RestErpAdapter adapter = adapter();

        adapter.send(invoice());
        adapter.lookup("DE01", "NWDE-2026-000123");
        clock.advance(Duration.ofSeconds(69));
        adapter.send(invoice());
        clock.advance(Duration.ofSeconds(2)); // 29 s left: inside the 30 s margin
        adapter.send(invoice());

        erp.verify(2, postRequestedFor(urlEqualTo("/oauth/token")));
        erp.verify(postRequestedFor(urlEqualTo("/oauth/token"))
                .withHeader("Authorization", equalTo("Basic " + Base64.getEncoder().encodeToString(
                        ("billrun:" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8))))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(equalTo("grant_type=client_credentials&scope=invoices%3Awrite")));
        assertThat(erp.findAll(postRequestedFor(urlEqualTo("/api/v1/invoices")))).extracting(r -> r.getHeader("Authorization"))
                .containsOnly("Bearer at-1");
    }

    @Test
    void a401FetchesANewAccessTokenAndSendsTheInvoiceOnceMore() {
        erp.stubFor(post("/oauth/token").inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withBody("{\"access_token\": \"at-revoked\", \"expires_in\": 3600}"))
                .willSetStateTo("second"));
        erp.stubFor(post("/oauth/token").inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(200).withBody("{\"access_token\": \"at-2\", \"expires_in\": 3600}")));
        erp.stubFor(post("/api/v1/invoices").withHeader("Authorization", equalTo("Bearer at-revoked"))
                .willReturn(aResponse().withStatus(401).withBody("{\"message\": \"token revoked\"}")));
        erp.stubFor(post("/api/v1/invoices").withHeader("Authorization", equalTo("Bearer at-2"))
                .willReturn(aResponse().withStatus(201).withBody(CREATED)));

        ErpAnswer answer = adapter().send(invoice());

        assertThat(answer.outcome()).isEqualTo(Outcome.POSTED);
        erp.verify(2, postRequestedFor(urlEqualTo("/oauth/token")));
        assertThat(erp.findAll(postRequestedFor(urlEqualTo("/api/v1/invoices")))).extracting(r -> r.getHeader("Idempotency-Key"))
                .containsExactly("DE01/NWDE-2026-000123/1", "DE01/NWDE-2026-000123/1");
    }

    @Test
    void a401ForTheNewTokenTooIsPermanentAndNotRepeatedAgain() {
        erp.stubFor(post("/oauth/token").willReturn(aResponse().withStatus(200).withBody("{\"access_token\": \"at-x\"}")));
        erp.stubFor(post("/api/v1/invoices").willReturn(aResponse().withStatus(401).withBody("{\"message\": \"no access\"}")));

        ErpAnswer answer = adapter().send(invoice());

        assertThat(answer.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(answer.message()).isEqualTo("HTTP 401: no access");
        erp.verify(2, postRequestedFor(urlEqualTo("/api/v1/invoices")));
    }

    @Test
    void aRefusingTokenEndpointSendsNothingAndNoLogLineOrAnswerHoldsASecret() {
        erp.stubFor(post("/oauth/token").willReturn(aResponse().withStatus(401).withBody("{\"error\": \"invalid_client\"}")));
        Logger logger = (Logger) org.slf4j.LoggerFactory.getLogger("org.billrun.erp.rest");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        List<String> said = new ArrayList<>();
        try {
            RestErpAdapter adapter = adapter();
            ErpAnswer answer = adapter.send(invoice());
            said.add(answer.toString());
            assertThat(answer.outcome()).isEqualTo(Outcome.RETRYABLE);
            assertThat(answer.message()).contains("HTTP 401").contains("invalid_client").contains("'billrun'")
                    .contains("nothing was sent");
            assertThatThrownBy(() -> adapter.lookup("DE01", "NWDE-2026-000123")).isInstanceOf(ErpUnavailableException.class)
                    .satisfies(e -> said.add(e.getMessage()));
            erp.stubFor(post("/oauth/token").willReturn(aResponse().withStatus(200).withBody("{\"access_token\": \"at-9\"}")));
            erp.stubFor(post("/api/v1/invoices").willReturn(aResponse().withStatus(201).withBody(CREATED)));
            said.add(adapter.send(invoice()).toString());
        } finally {
            logger.detachAppender(lines);
            logger.setLevel(level);
        }

        erp.verify(1, postRequestedFor(urlEqualTo("/api/v1/invoices")));
        assertThat(lines.list).isNotEmpty();
        List<String> everything = new ArrayList<>(said);
        lines.list.forEach(line -> everything.add(line.getFormattedMessage()));
        assertThat(everything).noneMatch(text -> text.contains(CLIENT_SECRET) || text.contains("at-9") || text.contains("Basic "));
    }

    @Test
    void anErpThatQuotesTheCredentialsBackHasThemRemovedFromItsMessage() {
        erp.stubFor(post("/oauth/token").willReturn(aResponse().withStatus(200).withBody("""
                {"access_token": "at-quoted-7", "expires_in": 3600}""")));
        erp.stubFor(post("/api/v1/invoices").willReturn(aResponse().withStatus(422).withBody("{\"message\": \"token at-quoted-7"
                + " (client billrun, secret " + CLIENT_SECRET + ") may not book for C-ACME\"}")));

        ErpAnswer answer = adapter().send(invoice());

        assertThat(answer.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(answer.message()).isEqualTo("HTTP 422: token [credential removed] (client billrun, secret [credential removed])"
                + " may not book for C-ACME");
    }

    private RestErpAdapter adapter() {
        return new RestErpAdapter(new RestErpProperties(URI.create(erp.baseUrl() + "/api/v1/"), null, Duration.ofSeconds(2),
                RestErpFixtures.READ_TIMEOUT, 100, null, new RestErpProperties.OAuth2(URI.create(erp.baseUrl() + "/oauth/token"),
                        "billrun", null, "invoices:write")),
                Map.of(RestErpSecret.CLIENT_SECRET_VARIABLE, CLIENT_SECRET), clock);
    }

    /** A clock the test moves on. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
