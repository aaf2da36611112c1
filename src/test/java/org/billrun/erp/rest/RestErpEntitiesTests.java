package org.billrun.erp.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.billrun.erp.rest.RestErpFixtures.invoiceOf;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.billrun.posting.port.ErpAdapter;
import org.billrun.posting.port.ErpAnswer;
import org.billrun.posting.port.ErpAnswer.Outcome;
import org.billrun.posting.port.ErpDocument;
import org.billrun.posting.port.ErpUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * REST settings per legal entity: two entities post to two ERPs (two WireMock servers), each with its own
 * credentials, and the default ERP takes the rest; no credential ever reaches another entity's ERP.
 */
class RestErpEntitiesTests {

    private static final String DEFAULT_TOKEN = "default-erp-token-91c2";
    private static final String DE_TOKEN = "de01-erp-token-5a77";
    private static final String GB_TOKEN = "gb01-file-token-0e3d";

    @RegisterExtension
    static final WireMockExtension germanErp = RestErpFixtures.wireMockErp();

    @RegisterExtension
    static final WireMockExtension britishErp = RestErpFixtures.wireMockErp();

    @RegisterExtension
    static final WireMockExtension defaultErp = RestErpFixtures.wireMockErp();

    @TempDir
    Path dir;

    @Test
    void eachEntityPostsToItsOwnErpWithItsOwnCredentialAndTheOthersToTheDefault() throws Exception {
        for (WireMockExtension erp : List.of(germanErp, britishErp, defaultErp)) {
            erp.stubFor(post("/v1/invoices").willReturn(aResponse().withStatus(201)
                    .withBody("{\"documentId\": \"" + erp.getPort() + "-1\"}")));
        }
        Path gbTokenFile = ownerOnly("gb01-token", GB_TOKEN);
        RestErpProperties properties = properties(defaultErp.baseUrl() + "/v1/", Map.of(
                "DE01", entity(germanErp.baseUrl() + "/v1/", null),
                "gb01", entity(britishErp.baseUrl() + "/v1/", gbTokenFile)));
        RestErpAdapter adapter = new RestErpAdapter(properties, Map.of(RestErpSecret.TOKEN_VARIABLE, DEFAULT_TOKEN,
                "BILLRUN_ERP_TOKEN_DE01", DE_TOKEN), Clock.systemUTC());

        ErpAnswer german = adapter.send(invoiceOf("DE01", "NWDE-2026-000001"));
        ErpAnswer british = adapter.send(invoiceOf("GB01", "NWGB-2026-000001"));
        ErpAnswer american = adapter.send(invoiceOf("US01", "NWUS-2026-000001"));

        assertThat(german.documentId()).isEqualTo(germanErp.getPort() + "-1");
        assertThat(british.documentId()).isEqualTo(britishErp.getPort() + "-1");
        assertThat(american.documentId()).isEqualTo(defaultErp.getPort() + "-1");
        assertThat(onlyPost(germanErp).getHeader("Idempotency-Key")).isEqualTo("DE01/NWDE-2026-000001/1");
        assertThat(onlyPost(germanErp).getHeader("Authorization")).isEqualTo("Bearer " + DE_TOKEN);
        assertThat(onlyPost(britishErp).getHeader("Authorization")).isEqualTo("Bearer " + GB_TOKEN);
        assertThat(onlyPost(defaultErp).getHeader("Authorization")).isEqualTo("Bearer " + DEFAULT_TOKEN);
    }

    @Test
    void lookupAndListingAskTheEntitysOwnErp() {
        germanErp.stubFor(get(urlPathEqualTo("/v1/invoices")).willReturn(aResponse().withStatus(200).withBody("""
                {"documents": [{"documentId": "DE-9", "reference": "NWDE-2026-000001", "gross": "10.00"}]}""")));
        britishErp.stubFor(get(urlPathEqualTo("/v1/invoices")).willReturn(aResponse().withStatus(200).withBody("""
                {"documents": []}""")));
        RestErpAdapter adapter = new RestErpAdapter(properties(null, Map.of(
                "DE01", entity(germanErp.baseUrl() + "/v1/", null), "GB01", entity(britishErp.baseUrl() + "/v1/", null))),
                Map.of("BILLRUN_ERP_TOKEN_DE01", DE_TOKEN, "BILLRUN_ERP_TOKEN_GB01", GB_TOKEN), Clock.systemUTC());

        assertThat(adapter.lookup("DE01", "NWDE-2026-000001")).extracting(ErpDocument::documentId).containsExactly("DE-9");
        assertThat(adapter.documents("GB01")).isEmpty();
        assertThat(germanErp.getAllServeEvents()).hasSize(1);
        assertThat(britishErp.getAllServeEvents()).hasSize(1);
    }

    @Test
    void anEntityWithoutAnErpWhenThereIsNoDefaultIsRefusedForGoodAndNothingIsSent() {
        RestErpAdapter adapter = new RestErpAdapter(properties(null, Map.of("DE01", entity(germanErp.baseUrl() + "/v1/", null))),
                Map.of("BILLRUN_ERP_TOKEN_DE01", DE_TOKEN), Clock.systemUTC());

        ErpAnswer answer = adapter.send(invoiceOf("US01", "NWUS-2026-000001"));

        assertThat(answer.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(answer.message()).contains("no REST ERP is set up for entity US01")
                .contains("billrun.erp.rest.entities.US01.base-url").contains("nothing was sent");
        assertThat(answer.requestDigest()).matches("[0-9a-f]{64}");
        assertThatThrownBy(() -> adapter.documents("US01")).isInstanceOf(ErpUnavailableException.class)
                .hasMessageContaining("no REST ERP is set up for entity US01");
        assertThat(germanErp.getAllServeEvents()).isEmpty();
    }

    @Test
    void anEntitysErpNeverGetsTheDefaultsTokenItNeedsItsOwn() {
        RestErpProperties properties = properties(defaultErp.baseUrl() + "/v1/",
                Map.of("GB01", entity(britishErp.baseUrl() + "/v1/", null)));

        assertThatThrownBy(() -> new RestErpAdapter(properties, Map.of(RestErpSecret.TOKEN_VARIABLE, DEFAULT_TOKEN),
                Clock.systemUTC())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("BILLRUN_ERP_TOKEN_GB01").hasMessageContaining("billrun.erp.rest.entities.GB01.token-file")
                .hasMessageNotContaining(DEFAULT_TOKEN);
        assertThatThrownBy(() -> new RestErpAdapter(properties(null, Map.of("GB01", entity(null, null))),
                Map.of("BILLRUN_ERP_TOKEN_GB01", GB_TOKEN), Clock.systemUTC())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("billrun.erp.rest.entities.GB01.base-url");
        assertThatThrownBy(() -> new RestErpAdapter(properties(null, Map.of()), Map.of(RestErpSecret.TOKEN_VARIABLE,
                DEFAULT_TOKEN), Clock.systemUTC())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("billrun.erp.rest.base-url");
    }

    @Test
    void anEntityTakesTheDefaultsTimeOutsAndPageSizeItDoesNotSet() {
        RestErpProperties properties = new RestErpProperties(null, null, Duration.ofSeconds(3), Duration.ofSeconds(7), 25, null,
                null, Map.of("GB01", new RestErpProperties.EntityErp(URI.create("https://gb.example/"), null, null,
                        Duration.ofSeconds(90), null, null, null)));

        RestErpProperties.Endpoint gb = properties.endpointOf(properties.entities().get("GB01"));

        assertThat(gb.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(gb.readTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(gb.pageSize()).isEqualTo(25);
        assertThat(gb.baseUrl()).isEqualTo(URI.create("https://gb.example/"));
    }

    @Test
    void entitySettingsBindFromPropertiesAndFromEnvironmentVariables() throws Exception {
        Path token = ownerOnly("spring-gb-token", GB_TOKEN);
        ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(RestErpConfiguration.class)
                .withPropertyValues("billrun.erp.adapter=rest");

        context.withPropertyValues("billrun.erp.rest.entities.GB01.base-url=https://gb.example/api/",
                "billrun.erp.rest.entities.GB01.token-file=" + token, "billrun.erp.rest.entities.GB01.read-timeout=45s")
                .run(spring -> {
                    assertThat(spring).hasSingleBean(ErpAdapter.class);
                    RestErpProperties bound = spring.getBean(RestErpProperties.class);
                    assertThat(bound.baseUrl()).isNull();
                    String key = bound.entityKey("GB01").orElseThrow();
                    assertThat(bound.entities().get(key)).isEqualTo(new RestErpProperties.EntityErp(
                            URI.create("https://gb.example/api/"), token, null, Duration.ofSeconds(45), null, null, null));
                });
        context.withInitializer(spring -> spring.getEnvironment().getPropertySources().addFirst(
                new SystemEnvironmentPropertySource("test-systemEnvironment", Map.of(
                        "BILLRUN_ERP_REST_ENTITIES_GB01_BASE_URL", "https://gb.example/api/",
                        "BILLRUN_ERP_REST_ENTITIES_GB01_TOKEN_FILE", token.toString()))))
                .run(spring -> {
                    assertThat(spring).hasSingleBean(ErpAdapter.class);
                    RestErpProperties bound = spring.getBean(RestErpProperties.class);
                    RestErpProperties.EntityErp gb = bound.entities().get(bound.entityKey("GB01").orElseThrow());
                    assertThat(gb.baseUrl()).isEqualTo(URI.create("https://gb.example/api/"));
                    assertThat(gb.tokenFile()).isEqualTo(token);
                });
    }

    private static LoggedRequest onlyPost(WireMockExtension erp) {
        List<LoggedRequest> posts = erp.findAll(postRequestedFor(urlEqualTo("/v1/invoices")));
        assertThat(posts).hasSize(1);
        return posts.get(0);
    }

    private static RestErpProperties properties(String defaultBaseUrl, Map<String, RestErpProperties.EntityErp> entities) {
        return new RestErpProperties(defaultBaseUrl == null ? null : URI.create(defaultBaseUrl), null, Duration.ofSeconds(2),
                RestErpFixtures.READ_TIMEOUT, 100, null, null, entities);
    }

    private static RestErpProperties.EntityErp entity(String baseUrl, Path tokenFile) {
        return new RestErpProperties.EntityErp(baseUrl == null ? null : URI.create(baseUrl), tokenFile, null, null, null, null,
                null);
    }

    private Path ownerOnly(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
