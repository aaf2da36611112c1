package org.billrun.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvoiceMailTests {

    @Test
    void theMailIsInTheIssuingEntitysLanguageAndEnglishWhereItIsNotKnown() {
        assertThat(InvoiceMail.of("DE", "Northwind GmbH", "NWDE-2026-000001").subject()).isEqualTo("Rechnung NWDE-2026-000001 von Northwind GmbH");
        assertThat(InvoiceMail.of("at", "Northwind GmbH", "X-1").text()).contains("anbei erhalten Sie unsere Rechnung X-1");
        assertThat(InvoiceMail.of("FR", "Northwind SARL", "NWFR-2026-000007").subject()).isEqualTo("Facture NWFR-2026-000007 de Northwind SARL");
        assertThat(InvoiceMail.of("GB", "Northwind Ltd", "NWUK-2026-000002").subject()).isEqualTo("Invoice NWUK-2026-000002 from Northwind Ltd");
        assertThat(InvoiceMail.of(null, "Northwind Ltd", "N-1").text()).contains("please find attached our invoice N-1").endsWith("Northwind Ltd\n");
    }
}
