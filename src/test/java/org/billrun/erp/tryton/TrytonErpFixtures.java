package org.billrun.erp.tryton;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.billrun.posting.port.OutgoingInvoice;
import org.billrun.posting.port.OutgoingInvoice.Customer;
import org.billrun.posting.port.OutgoingInvoice.Kind;
import org.billrun.posting.port.OutgoingInvoice.OutgoingLine;

/** Final invoices built by hand, and a Tryton setup of the German entity, for the Tryton adapter's tests. */
final class TrytonErpFixtures {

    static final LocalDate OCTOBER_END = LocalDate.of(2026, 10, 31);

    private TrytonErpFixtures() {}

    /** A setup like scripts/tryton-setup writes for DE01, with made-up ids, for a server at {@code url}. */
    static TrytonSetup setup(URI url, Path passwordFile) {
        return new TrytonSetup(url, "billrun", "admin", passwordFile, "DE01", 1, 10, Map.of("EUR", 10L, "CHF", 11L), 100, 101,
                102, Map.of("TX-DE-DOM-2021", new TrytonSetup.Tax(5, "S", "19"),
                        "TX-DE-EU-B2B-NOID", new TrytonSetup.Tax(8, "S", "19"),
                        "TX-DE-EU-B2B-RC", new TrytonSetup.Tax(6, "AE", "0"),
                        "TX-DE-NONEU-B2B", new TrytonSetup.Tax(7, "O", "0")),
                Map.of(0, 20L, 14, 21L, 30, 22L), Map.of("DE", 1L, "FR", 2L, "CH", 3L));
    }

    static Customer acme() {
        return new Customer("C-ACME", "Acme Industrie SARL", "FR", "FR40123456789", "1 rue de la Paix, 75002 Paris, France");
    }

    static OutgoingLine line(int lineNo, String description, String quantity, String unitPrice, String net,
            String category, String rate, String tax) {
        return new OutgoingLine(lineNo, description, new BigDecimal(quantity), new BigDecimal(unitPrice), new BigDecimal(net),
                category, new BigDecimal(rate), new BigDecimal(tax));
    }

    /** An invoice of DE01, version 1, issued at the end of October 2026 and due 30 days later. */
    static OutgoingInvoice invoice(String reference, Kind kind, Customer customer, String currency, List<OutgoingLine> lines,
            String net, String tax, String gross) {
        return new OutgoingInvoice(OutgoingInvoice.idempotencyKey("DE01", reference, 1), "DE01", reference, 7L, 1,
                "2026-10-NWDE-K-1", "PB-DE01-1", kind, kind == Kind.CREDIT_NOTE ? "NWDE-2026-000001" : null, OCTOBER_END,
                OCTOBER_END.plusDays(30), currency, customer, lines, new BigDecimal(net), new BigDecimal(tax),
                new BigDecimal(gross), new byte[0], new byte[0]);
    }

    /** 12.5 h at 150.00 standard-rated and 3 h at 111.11 reverse charge: net 2208.33, tax 356.25. */
    static OutgoingInvoice acmeOctober(String reference) {
        return invoice(reference, Kind.INVOICE, acme(), "EUR", List.of(
                line(1, "Senior consultant, 12.5 h", "12.5", "150.00", "1875.00", "S", "19", "356.25"),
                line(2, "Consulting for the French branch, 3 h", "3", "111.11", "333.33", "AE", "0", "0.00")),
                "2208.33", "356.25", "2564.58");
    }
}
