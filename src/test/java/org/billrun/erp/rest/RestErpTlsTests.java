package org.billrun.erp.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.billrun.erp.rest.RestErpFixtures.invoice;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.billrun.posting.port.ErpAnswer;
import org.billrun.posting.port.ErpAnswer.Outcome;
import org.billrun.posting.port.ErpUnavailableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST adapter over TLS against WireMock serving a self-signed certificate made for the test by the
 * JDK's keytool: trusted through billrun.erp.rest.trust-certificates it posts; not trusted (the JVM's
 * trust store does not know it) nothing is sent.
 */
class RestErpTlsTests {

    private static final String STORE_PASSWORD = "changeit";

    @TempDir
    static Path dir;

    private static WireMockServer erp;
    private static Path certificate;
    private static String baseUrl;

    @BeforeAll
    static void startErpWithASelfSignedCertificate() throws Exception {
        Path keyStore = dir.resolve("erp.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "erp", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                keyStore.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD)
                .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(Files.readString(dir.resolve("keytool.log"))).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        certificate = dir.resolve("erp.pem");
        Files.writeString(certificate, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(store.getCertificate("erp").getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        erp = new WireMockServer(options().bindAddress("127.0.0.1").httpDisabled(true).dynamicHttpsPort()
                .keystorePath(keyStore.toString()).keystoreType("PKCS12").keystorePassword(STORE_PASSWORD)
                .keyManagerPassword(STORE_PASSWORD));
        erp.start();
        baseUrl = "https://localhost:" + erp.httpsPort() + "/api/v1/";
        erp.stubFor(post("/api/v1/invoices").willReturn(aResponse().withStatus(201)
                .withBody("{\"documentId\": \"INV-TLS-1\"}")));
        erp.stubFor(get(urlPathEqualTo("/api/v1/invoices")).willReturn(aResponse().withStatus(200)
                .withBody("{\"documents\": []}")));
    }

    @AfterAll
    static void stopErp() {
        if (erp != null) {
            erp.stop();
        }
    }

    @Test
    void withItsCertificateTrustedTheInvoiceIsPostedOverTls() {
        RestErpAdapter trusting = adapter(certificate);

        ErpAnswer answer = trusting.send(invoice());

        assertThat(answer.outcome()).as(answer.message()).isEqualTo(Outcome.POSTED);
        assertThat(answer.documentId()).isEqualTo("INV-TLS-1");
        assertThat(trusting.lookup("DE01", "NWDE-2026-000123")).isEmpty();
    }

    @Test
    void anUntrustedCertificateStopsTheHandshakeSoNothingIsSentAndTheAnswerIsRetryable() {
        RestErpAdapter jvmTrustStore = adapter(null);
        int before = erp.findAll(postRequestedFor(urlEqualTo("/api/v1/invoices"))).size();

        ErpAnswer answer = jvmTrustStore.send(invoice());

        assertThat(answer.outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(answer.message()).contains("TLS handshake").contains("nothing was sent")
                .contains("billrun.erp.rest.trust-certificates");
        assertThat(erp.findAll(postRequestedFor(urlEqualTo("/api/v1/invoices")))).hasSize(before);
        assertThatThrownBy(() -> jvmTrustStore.lookup("DE01", "NWDE-2026-000123"))
                .isInstanceOf(ErpUnavailableException.class).hasMessageContaining("SSLHandshakeException");
    }

    @Test
    void aTrustFileWithoutACertificateStopsTheAdapterFromStarting() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "no certificate here\n");

        assertThatThrownBy(() -> adapter(empty)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("billrun.erp.rest.trust-certificates").hasMessageContaining("empty.pem");
    }

    /** A read time-out far above the handshake's and the first answer's time on a loaded 2-core machine. */
    private static RestErpAdapter adapter(Path trustCertificates) {
        return new RestErpAdapter(new RestErpProperties(URI.create(baseUrl), null, Duration.ofSeconds(2),
                Duration.ofSeconds(15), 100, trustCertificates, null), Map.of(RestErpSecret.TOKEN_VARIABLE, RestErpFixtures.TOKEN),
                Clock.systemUTC());
    }
}
