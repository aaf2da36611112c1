package org.billrun.erp.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.billrun.erp.rest.RestErpFixtures.adapter;
import static org.billrun.erp.rest.RestErpFixtures.invoice;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.billrun.posting.port.ErpAnswer;
import org.billrun.posting.port.ErpAnswer.Outcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The REST adapter's send against a real HTTP server (WireMock on 127.0.0.1): what goes out, and how each
 * answer and each fault of the ERP is classified.
 */
class RestErpAdapterTests {

    private static final String CREATED = """
            {"documentId": "INV-88412", "reference": "NWDE-2026-000123", "status": "booked"}""";

    @RegisterExtension
    static final WireMockExtension erp = RestErpFixtures.wireMockErp();

    private static RestErpAdapter adapter;

    @BeforeAll
    static void adapterForTheErp() {
        adapter = adapter(erp.baseUrl() + "/api/v1");
    }

    @Test
    void aCreatedInvoiceIsPostedWithTheErpsDocumentIdAndTheDigestsOfWhatWentOutAndCameBack() {
        erp.stubFor(post("/api/v1/invoices").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(CREATED)));

        ErpAnswer answer = adapter.send(invoice());

        LoggedRequest sent = erp.findAll(postRequestedFor(urlEqualTo("/api/v1/invoices"))).get(0);
        assertThat(answer).isEqualTo(ErpAnswer.posted("INV-88412", "booked", RestErpEndpoint.sha256(sent.getBody()),
                RestErpEndpoint.sha256(CREATED.getBytes(StandardCharsets.UTF_8))));
        assertThat(answer.requestDigest()).matches("[0-9a-f]{64}");
        assertThat(sent.getHeader("Idempotency-Key")).isEqualTo("DE01/NWDE-2026-000123/1");
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + RestErpFixtures.TOKEN);
        assertThat(sent.getHeader("Content-Type")).startsWith("application/json");
    }

    @Test
    void theBodyCarriesTheFiguresAsExactDecimalStringsTheLinesTheCustomerTheBatchAndTheDocumentsInBase64() {
        erp.stubFor(post("/api/v1/invoices").willReturn(aResponse().withStatus(201).withBody(CREATED)));

        adapter.send(invoice());

        JsonNode body = RestErpJson.MAPPER.readTree(erp.findAll(postRequestedFor(urlEqualTo("/api/v1/invoices"))).get(0)
                .getBody());
        assertThat(body.get("schema").asString()).isEqualTo("billrun.invoice/1");
        assertThat(body.get("idempotencyKey").asString()).isEqualTo("DE01/NWDE-2026-000123/1");
        assertThat(body.get("reference").asString()).isEqualTo("NWDE-2026-000123");
        assertThat(body.get("batchReference").asString()).isEqualTo("PB-DE01-2026-11-02-1");
        assertThat(body.get("kind").asString()).isEqualTo("invoice");
        assertThat(body.get("creditedReference").isNull()).isTrue();
        assertThat(body.get("issueDate").asString()).isEqualTo("2026-10-31");
        assertThat(body.get("dueDate").asString()).isEqualTo("2026-11-30");
        assertThat(body.at("/customer/clientId").asString()).isEqualTo("C-ACME");
        assertThat(body.at("/customer/vatId").asString()).isEqualTo("FR40123456789");
        assertThat(body.at("/totals/net").asString()).isEqualTo("2208.33");
        assertThat(body.at("/totals/tax").asString()).isEqualTo("356.25");
        assertThat(body.at("/totals/gross").asString()).isEqualTo("2564.58");
        assertThat(body.get("lines")).hasSize(2);
        assertThat(body.at("/lines/0/quantity").asString()).isEqualTo("12.5");
        assertThat(body.at("/lines/0/unitPrice").asString()).isEqualTo("150.00");
        assertThat(body.at("/lines/1/taxCategory").asString()).isEqualTo("AE");
        assertThat(body.at("/lines/1/tax").asString()).isEqualTo("0.00");
        assertThat(Base64.getDecoder().decode(body.at("/attachments/ublXml").asString()))
                .isEqualTo(invoice().ublXml());
        assertThat(Base64.getDecoder().decode(body.at("/attachments/pdf").asString())).isEqualTo(invoice().pdf());
    }

    @Test
    void a409WithTheDocumentAlreadyCreatedForTheKeyIsPostedWithThatDocument() {
        erp.stubFor(post("/api/v1/invoices").willReturn(aResponse().withStatus(409).withBody("""
                {"message": "already created for this key", "documentId": "INV-88412",
                 "reference": "NWDE-2026-000123", "status": "booked"}""")));

        ErpAnswer answer = adapter.send(invoice());

        assertThat(answer.outcome()).isEqualTo(Outcome.POSTED);
        assertThat(answer.documentId()).isEqualTo("INV-88412");
        assertThat(answer.erpStatus()).isEqualTo("booked");
    }

    @Test
    void a409NamingAnotherReferenceIsPermanentAndA409WithoutADocumentIsUnknown() {
        erp.stubFor(post("/api/v1/invoices").willReturn(aResponse().withStatus(409).withBody("""
                {"documentId": "INV-10001", "reference": "NWDE-2026-000001"}""")));
        ErpAnswer otherReference = adapter.send(invoice());
        erp.stubFor(post("/api/v1/invoices").willReturn(aResponse().withStatus(409).withBody("""
                {"message": "a request with this key is in progress"}""")));
        ErpAnswer noDocument = adapter.send(invoice());

        assertThat(otherReference.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(otherReference.message()).contains("INV-10001").contains("NWDE-2026-000001").contains("NWDE-2026-000123");
        assertThat(noDocument.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(noDocument.message()).contains("a request with this key is in progress");
    }

    @Test
    void a400IsPermanentWithTheErpsMessageForFinance() {
        erp.stubFor(post("/api/v1/invoices").willReturn(aResponse().withStatus(400).withBody("""
                {"message": "customer C-ACME is blocked for invoicing"}""")));

        ErpAnswer answer = adapter.send(invoice());

        assertThat(answer.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(answer.message()).isEqualTo("HTTP 400: customer C-ACME is blocked for invoicing");
        assertThat(answer.documentId()).isNull();
        assertThat(answer.responseDigest()).matches("[0-9a-f]{64}");
    }

    @Test
    void a422WithProblemDetailsIsPermanentWithTheDetail() {
        erp.stubFor(post("/api/v1/invoices").willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/problem+json").withBody("""
                        {"type": "https://erp.example/problems/period-closed", "title": "Unprocessable",
                         "detail": "posting period 2026-10 is closed", "status": 422}""")));

        ErpAnswer answer = adapter.send(invoice());

        assertThat(answer.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(answer.message()).isEqualTo("HTTP 422: posting period 2026-10 is closed");
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void requestTimeOutTooManyRequestsAndServerErrorsAreRetryable(int status) {
        erp.stubFor(post("/api/v1/invoices").willReturn(aResponse().withStatus(status).withBody("busy")));

        ErpAnswer answer = adapter.send(invoice());

        assertThat(answer.outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(answer.message()).isEqualTo("HTTP " + status + ": busy");
        assertThat(answer.retryAfter()).isNull();
    }

    @Test
    void retryAfterInSecondsOrAsAnHttpDateIsPassedOn() {
        erp.stubFor(post("/api/v1/invoices").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));
        ErpAnswer seconds = adapter.send(invoice());
        erp.stubFor(post("/api/v1/invoices").willReturn(aResponse().withStatus(503)
                .withHeader("Retry-After", "Mon, 02 Nov 2026 09:05:00 GMT")));
        ErpAnswer date = adapter.send(invoice());
        erp.stubFor(post("/api/v1/invoices").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "soon")));
        ErpAnswer unreadable = adapter.send(invoice());

        assertThat(seconds.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        assertThat(date.retryAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(unreadable.outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(unreadable.retryAfter()).isNull();
    }

    @Test
    void aServerErrorThenSuccessPostsOnTheSecondAttemptWithTheSameIdempotencyKey() {
        erp.stubFor(post("/api/v1/invoices").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("{\"message\": \"database failover\"}"))
                .willSetStateTo("recovered"));
        erp.stubFor(post("/api/v1/invoices").inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(201).withBody(CREATED)));

        ErpAnswer first = adapter.send(invoice());
        ErpAnswer second = adapter.send(invoice());

        assertThat(first.outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(first.message()).isEqualTo("HTTP 500: database failover");
        assertThat(second.outcome()).isEqualTo(Outcome.POSTED);
        assertThat(second.requestDigest()).isEqualTo(first.requestDigest());
        List<LoggedRequest> sent = erp.findAll(postRequestedFor(urlEqualTo("/api/v1/invoices")));
        assertThat(sent).extracting(r -> r.getHeader("Idempotency-Key")).containsExactly("DE01/NWDE-2026-000123/1",
                "DE01/NWDE-2026-000123/1");
    }

    @Test
    void anAnswerSlowerThanTheReadTimeOutIsUnknownBecauseTheRequestWentOut() {
        erp.stubFor(post("/api/v1/invoices").willReturn(aResponse().withStatus(201).withBody(CREATED)
                .withFixedDelay((int) RestErpFixtures.READ_TIMEOUT.toMillis() + 1000)));

        ErpAnswer answer = adapter.send(invoice());

        assertThat(answer.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(answer.message()).contains("no answer").contains("after the invoice was sent");
        assertThat(answer.responseDigest()).isNull();
        erp.verify(1, postRequestedFor(urlEqualTo("/api/v1/invoices")));
    }

    @Test
    void aConnectionResetAfterTheRequestIsUnknown() {
        erp.stubFor(post("/api/v1/invoices").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        ErpAnswer answer = adapter.send(invoice());

        assertThat(answer.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(answer.message()).contains("broke off");
    }

    @ParameterizedTest
    @ValueSource(strings = {"EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK", "RANDOM_DATA_THEN_CLOSE"})
    void aBrokenResponseIsUnknown(String fault) {
        erp.stubFor(post("/api/v1/invoices").willReturn(aResponse().withFault(Fault.valueOf(fault))));

        assertThat(adapter.send(invoice()).outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void aSuccessWithAGarbageBodyOrWithoutADocumentIdIsUnknown() {
        erp.stubFor(post("/api/v1/invoices").willReturn(aResponse().withStatus(201).withBody("<html>Created</html>")));
        ErpAnswer garbage = adapter.send(invoice());
        erp.stubFor(post("/api/v1/invoices").willReturn(aResponse().withStatus(200).withBody("{\"status\": \"ok\"}")));
        ErpAnswer noId = adapter.send(invoice());

        assertThat(garbage.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(garbage.message()).contains("HTTP 201 without a readable document");
        assertThat(garbage.responseDigest()).isEqualTo(RestErpEndpoint.sha256("<html>Created</html>".getBytes(StandardCharsets.UTF_8)));
        assertThat(noId.outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void aRefusedConnectionIsRetryableBecauseNothingWasSent() throws Exception {
        RestErpAdapter nobodyListening = adapter("http://127.0.0.1:" + RestErpFixtures.closedPort() + "/api/v1");

        ErpAnswer answer = nobodyListening.send(invoice());

        assertThat(answer.outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(answer.message()).contains("connection refused").contains("nothing was sent");
        assertThat(answer.requestDigest()).matches("[0-9a-f]{64}");
    }
}
