package org.billrun.erp.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.billrun.erp.rest.RestErpFixtures.adapter;
import static org.billrun.erp.rest.RestErpFixtures.invoice;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.math.BigDecimal;
import org.billrun.posting.port.ErpAnswer;
import org.billrun.posting.port.ErpAnswer.Outcome;
import org.billrun.posting.port.ErpDocument;
import org.billrun.posting.port.ErpUnavailableException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The REST adapter's lookup by reference and its list of an entity's documents, against WireMock; and the
 * case they exist for: the ERP created the document but its answer never came.
 */
class RestErpLookupTests {

    @RegisterExtension
    static final WireMockExtension erp = RestErpFixtures.wireMockErp();

    private static RestErpAdapter adapter;

    @BeforeAll
    static void adapterForTheErp() {
        adapter = adapter(erp.baseUrl() + "/api/v1/");
    }

    @Test
    void aTimedOutPostThatTheErpAcceptedIsFoundByTheLookupThatFollows() {
        erp.stubFor(post("/api/v1/invoices").inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(201).withFixedDelay((int) RestErpFixtures.READ_TIMEOUT.toMillis() + 1000)
                        .withBody("{\"documentId\": \"INV-88412\"}"))
                .willSetStateTo("created"));
        erp.stubFor(get(urlPathEqualTo("/api/v1/invoices")).inScenario("slow").whenScenarioStateIs("created")
                .withQueryParam("entityId", equalTo("DE01")).withQueryParam("reference", equalTo("NWDE-2026-000123"))
                .willReturn(aResponse().withStatus(200).withBody("""
                        {"documents": [{"documentId": "INV-88412", "entityId": "DE01", "reference": "NWDE-2026-000123",
                          "status": "booked", "currency": "EUR", "gross": "2564.58"}], "nextCursor": null}""")));

        ErpAnswer sent = adapter.send(invoice());
        var found = adapter.lookup("DE01", "NWDE-2026-000123");

        assertThat(sent.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(found).containsExactly(new ErpDocument("DE01", "NWDE-2026-000123", "INV-88412", "booked", "EUR",
                new BigDecimal("2564.58")));
        erp.verify(1, postRequestedFor(urlEqualTo("/api/v1/invoices")));
    }

    @Test
    void aLookupOfAReferenceTheErpNeverGotIsEmptyAndTwoDocumentsAreBothReturned() {
        erp.stubFor(get(urlPathEqualTo("/api/v1/invoices")).withQueryParam("reference", equalTo("NWDE-2026-000999"))
                .willReturn(aResponse().withStatus(200).withBody("{\"documents\": []}")));
        erp.stubFor(get(urlPathEqualTo("/api/v1/invoices")).withQueryParam("reference", equalTo("NWDE-2026-000124"))
                .willReturn(aResponse().withStatus(200).withBody("""
                        {"documents": [{"documentId": "INV-1", "reference": "NWDE-2026-000124", "gross": 100.10},
                                       {"documentId": "INV-2", "reference": "NWDE-2026-000124"}]}""")));

        assertThat(adapter.lookup("DE01", "NWDE-2026-000999")).isEmpty();
        assertThat(adapter.lookup("DE01", "NWDE-2026-000124")).containsExactly(
                new ErpDocument("DE01", "NWDE-2026-000124", "INV-1", null, null, new BigDecimal("100.10")),
                new ErpDocument("DE01", "NWDE-2026-000124", "INV-2", null, null, null));
    }

    @Test
    void aReferenceIsSentUrlEncoded() {
        erp.stubFor(get(urlPathEqualTo("/api/v1/invoices")).willReturn(aResponse().withStatus(200)
                .withBody("{\"documents\": []}")));

        adapter.lookup("DE 01", "NW/DE&2026=1");

        erp.verify(getRequestedFor(urlEqualTo("/api/v1/invoices?entityId=DE+01&reference=NW%2FDE%262026%3D1")));
    }

    @Test
    void aLookupTheErpCannotAnswerIsUnavailableWithWhatTheErpSaid() throws Exception {
        erp.stubFor(get(urlPathEqualTo("/api/v1/invoices")).withQueryParam("reference", equalTo("A"))
                .willReturn(aResponse().withStatus(503).withBody("{\"message\": \"maintenance until 10:00\"}")));
        erp.stubFor(get(urlPathEqualTo("/api/v1/invoices")).withQueryParam("reference", equalTo("B"))
                .willReturn(aResponse().withStatus(200).withBody("[1, 2, 3]")));
        erp.stubFor(get(urlPathEqualTo("/api/v1/invoices")).withQueryParam("reference", equalTo("C"))
                .willReturn(aResponse().withStatus(200).withBody("{\"documents\": [{\"reference\": \"C\"}]}")));
        RestErpAdapter nobodyListening = adapter("http://127.0.0.1:" + RestErpFixtures.closedPort() + "/api/v1");

        assertThatThrownBy(() -> adapter.lookup("DE01", "A")).isInstanceOf(ErpUnavailableException.class)
                .hasMessageContaining("HTTP 503").hasMessageContaining("maintenance until 10:00");
        assertThatThrownBy(() -> adapter.lookup("DE01", "B")).isInstanceOf(ErpUnavailableException.class)
                .hasMessageContaining("not a list of documents");
        assertThatThrownBy(() -> adapter.lookup("DE01", "C")).isInstanceOf(ErpUnavailableException.class)
                .hasMessageContaining("without a documentId");
        assertThatThrownBy(() -> nobodyListening.lookup("DE01", "A")).isInstanceOf(ErpUnavailableException.class)
                .hasMessageContaining("cannot ask the ERP");
    }

    @Test
    void documentsAreReadPageByPageFollowingTheErpsCursor() {
        RestErpAdapter pagesOfTwo = adapter(erp.baseUrl() + "/api/v1", 2);
        erp.stubFor(get(urlPathEqualTo("/api/v1/invoices")).withQueryParam("entityId", equalTo("DE01"))
                .withQueryParam("limit", equalTo("2")).withQueryParam("cursor", absent())
                .willReturn(aResponse().withStatus(200).withBody("""
                        {"documents": [{"documentId": "INV-1", "reference": "NWDE-2026-000001"},
                                       {"documentId": "INV-2", "reference": "NWDE-2026-000002"}], "nextCursor": "p2"}""")));
        erp.stubFor(get(urlPathEqualTo("/api/v1/invoices")).withQueryParam("cursor", equalTo("p2"))
                .willReturn(aResponse().withStatus(200).withBody("""
                        {"documents": [{"documentId": "INV-3", "reference": "NWDE-2026-000003"}]}""")));

        assertThat(pagesOfTwo.documents("DE01")).extracting(ErpDocument::documentId).containsExactly("INV-1", "INV-2",
                "INV-3");
        erp.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/invoices")));
    }

    @Test
    void anErpThatHandsBackTheSameCursorTwiceIsNotAskedForever() {
        erp.stubFor(get(urlPathEqualTo("/api/v1/invoices")).willReturn(aResponse().withStatus(200).withBody("""
                {"documents": [{"documentId": "INV-1"}], "nextCursor": "again"}""")));

        assertThatThrownBy(() -> adapter.documents("DE01")).isInstanceOf(ErpUnavailableException.class)
                .hasMessageContaining("cursor 'again' twice");
    }
}
