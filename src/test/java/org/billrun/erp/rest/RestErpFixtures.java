package org.billrun.erp.rest;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.billrun.posting.port.OutgoingInvoice;
import org.billrun.posting.port.OutgoingInvoice.Customer;
import org.billrun.posting.port.OutgoingInvoice.Kind;
import org.billrun.posting.port.OutgoingInvoice.OutgoingLine;

/** Invoices built by hand and an adapter pointed at a test server, for the REST adapter's tests. */
final class RestErpFixtures {

    static final String TOKEN = "tok-7f3a9c1e-secret-bearer-value";
    static final Instant NOW = Instant.parse("2026-11-02T09:00:00Z");
    static final Duration READ_TIMEOUT = Duration.ofSeconds(4);

    private RestErpFixtures() {}

    /**
     * WireMock on 127.0.0.1 playing the ERP (and its token endpoint) for a test class: started before the class, its stubs
     * and requests forgotten before each test, stopped after the class.
     */
    static WireMockExtension wireMockErp() {
        return WireMockExtension.newInstance().options(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()).build();
    }

    static RestErpAdapter adapter(String baseUrl) {
        return adapter(baseUrl, 100);
    }

    static RestErpAdapter adapter(String baseUrl, int pageSize) {
        return new RestErpAdapter(new RestErpProperties(URI.create(baseUrl), null, Duration.ofSeconds(2), READ_TIMEOUT,
                pageSize, null, null), Map.of(RestErpSecret.TOKEN_VARIABLE, TOKEN), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** NWDE-2026-000123, version 1: a standard-rated line and a reverse-charge line, EUR. */
    static OutgoingInvoice invoice() {
        return invoice("NWDE-2026-000123");
    }

    static OutgoingInvoice invoice(String reference) {
        return new OutgoingInvoice(OutgoingInvoice.idempotencyKey("DE01", reference, 1), "DE01", reference, 41L, 1,
                "2026-10-NWDE-K-ACME-1", "PB-DE01-2026-11-02-1", Kind.INVOICE, null, LocalDate.of(2026, 10, 31),
                LocalDate.of(2026, 11, 30), "EUR",
                new Customer("C-ACME", "Acme Industrie SARL", "FR", "FR40123456789", "1 rue de la Paix, 75002 Paris, France"),
                List.of(new OutgoingLine(1, "Senior consultant, 12.5 h", new BigDecimal("12.5"), new BigDecimal("150.00"),
                                new BigDecimal("1875.00"), "S", new BigDecimal("19"), new BigDecimal("356.25")),
                        new OutgoingLine(2, "Consulting for the French branch, 3 h", new BigDecimal("3"),
                                new BigDecimal("111.11"), new BigDecimal("333.33"), "AE", BigDecimal.ZERO,
                                new BigDecimal("0.00"))),
                new BigDecimal("2208.33"), new BigDecimal("356.25"), new BigDecimal("2564.58"),
                "<Invoice>NWDE-2026-000123</Invoice>".getBytes(StandardCharsets.UTF_8), new byte[] {'%', 'P', 'D', 'F', 0, -1});
    }

    /** The same invoice as {@link #invoice(String)}, of another legal entity. */
    static OutgoingInvoice invoiceOf(String entityId, String reference) {
        OutgoingInvoice i = invoice(reference);
        return new OutgoingInvoice(OutgoingInvoice.idempotencyKey(entityId, reference, 1), entityId, reference, i.versionId(),
                i.versionNo(), i.draftId(), i.batchReference(), i.kind(), i.creditedReference(), i.issueDate(), i.dueDate(),
                i.currency(), i.customer(), i.lines(), i.net(), i.tax(), i.gross(), i.ublXml(), i.pdf());
    }

    /** A port of 127.0.0.1 nothing listens on (it was free a moment ago). */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
