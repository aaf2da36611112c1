package org.billrun.posting.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.billrun.masterdata.InvoicingParties.Buyer;
import org.billrun.masterdata.InvoicingParties.Seller;
import org.billrun.posting.einvoice.EInvoice;
import org.billrun.posting.einvoice.EInvoiceValidator;
import org.billrun.posting.einvoice.EInvoiceValidator.Result;
import org.billrun.posting.einvoice.EInvoiceValidator.RuleSet;
import org.billrun.posting.einvoice.Line;
import org.billrun.posting.einvoice.Payment;
import org.billrun.posting.einvoice.UblWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Approved versions the sample firm does not have, mapped, written and validated under Peppol BIS Billing
 * 3.0 with zero errors: a JPY invoice (zero decimals, a line whose hours x rate is not a whole yen), write-offs
 * and write-ups, time covered by a fixed fee, and the mapping's own decisions. No database: versions are built
 * here. One validator for the class: its first validation compiles the rules' XSLT.
 */
class EInvoiceMappingTests {

    private static EInvoiceValidator validator;
    private final UblWriter writer = new UblWriter();

    static final Seller DE01 = new Seller("DE01", "Northwind Consulting GmbH", "DE", "DE811111111", "Friedrichstr. 1, 10117 Berlin, Germany",
            "9930:DE811111111", "HRB 123456 B", "10117", "Berlin", "Accounts receivable", "+49 30 1234567",
            "receivables@northwind-consulting.example", "DE89 3704 0044 0532 0130 00", "COBADEFFXXX", "Commerzbank");
    static final Buyer ACME = new Buyer("C-ACME", "Acme Industrie SARL", "FR", true, "FR40123456789", "1 rue de la Paix, 75002 Paris, France",
            30, true, "9957:FR40123456789", "75002", "Paris");
    static final Buyer BAUER = new Buyer("C-BAUER", "Bauer Maschinenbau AG", "DE", true, "DE298765432",
            "Industriestraße 12, 14776 Brandenburg an der Havel, Germany", 14, true, "9930:DE298765432", "14776", "Brandenburg an der Havel");
    static final Buyer SAKURA = new Buyer("C-SAKURA", "Sakura Trading K.K.", "JP", true, "T1234567890123", "1-1 Marunouchi, Chiyoda-ku, Tokyo",
            30, false, "0088:4569951116018", "100-0005", "Tokyo");

    private static final String NON_EU =
            "Not subject to German VAT: place of supply outside the EU (Art. 44 Directive 2006/112/EC; § 3a (2) UStG)";
    private static final String REVERSE_CHARGE = "Reverse charge: VAT to be accounted for by the recipient, Art. 196 Directive 2006/112/EC";

    @BeforeAll
    static void rules() {
        validator = new EInvoiceValidator();
    }

    private static ApprovedVersion.Line line(int no, String type, String description, String quantity, String price, String draftNet, String net,
            String tax, String category, String rate, boolean writtenOff) {
        return new ApprovedVersion.Line(no, type, description, quantity == null ? null : new BigDecimal(quantity),
                price == null ? null : new BigDecimal(price), new BigDecimal(draftNet), new BigDecimal(net), new BigDecimal(tax), category,
                rate == null ? null : new BigDecimal(rate), writtenOff);
    }

    private static ApprovedVersion version(String currency, String po, List<ApprovedVersion.Line> lines, List<ApprovedVersion.Tax> taxes) {
        BigDecimal net = lines.stream().map(ApprovedVersion.Line::net).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal tax = lines.stream().map(ApprovedVersion.Line::tax).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new ApprovedVersion("2026-10-TEST", 2, currency, "K-TEST-1", po, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31), lines,
                taxes, net, tax, net.add(tax));
    }

    private static EInvoiceMapping.Particulars issued(Buyer buyer) {
        return new EInvoiceMapping.Particulars("NWDE-2026-000042", LocalDate.of(2026, 11, 2), DE01, buyer);
    }

    private String valid(EInvoice invoice) {
        byte[] xml = writer.write(invoice);
        Result result = validator.validate(xml, RuleSet.PEPPOL_BIS3);
        assertThat(result.errors()).as(invoice.number()).isEmpty();
        return new String(xml, StandardCharsets.UTF_8);
    }

    @Test
    void aYenInvoiceOutsideTheScopeOfVatWithAWriteDownIsValidInWholeYen() {
        // 7.3 h x 12,345 = 90,118.5, billed 90,119; line 2 written down by 5,000
        ApprovedVersion v = version("JPY", null, List.of(
                line(1, "time", "Senior consultant", "7.3", "12345", "90119", "90119", "0", "O", null, false),
                line(2, "time", "Consultant", "12.5", "9800", "122500", "117500", "0", "O", null, false),
                line(3, "expense", "Travel: Shinkansen", null, null, "28400", "28400", "0", "O", null, false)),
                List.of(new ApprovedVersion.Tax("O", null, NON_EU, new BigDecimal("236019"), BigDecimal.ZERO)));

        EInvoice invoice = EInvoiceMapping.map(v, issued(SAKURA));
        String xml = valid(invoice);

        assertThat(invoice.lines()).extracting(Line::unitCode).containsExactly(Line.HOURS, Line.HOURS, Line.ONE);
        assertThat(xml).contains("<cbc:PayableAmount currencyID=\"JPY\">236019</cbc:PayableAmount>").contains("VATEX-EU-O")
                .doesNotContain("DE811111111</cbc:CompanyID>").contains("HRB 123456 B")
                .contains("<cbc:Amount currencyID=\"JPY\">5000</cbc:Amount>");
        // a contract without PO: the contract id is the buyer's reference (Peppol R003)
        assertThat(invoice.references().buyerReference()).isEqualTo("K-TEST-1");
        assertThat(invoice.payment().means()).as("an IBAN, but not in euro").isEqualTo(Payment.Means.CREDIT_TRANSFER);
    }

    @Test
    void aReverseChargeInvoiceWithAWriteOffAndAWriteUpIsValid() {
        ApprovedVersion v = version("EUR", "PO-4471", List.of(
                line(1, "time", "Senior consultant", "40", "180.00", "7200.00", "7320.00", "0.00", "AE", "0", false),
                line(2, "time", "Analyst", "8", "95.00", "760.00", "0.00", "0.00", "AE", "0", true),
                line(3, "expense", "Hotel", null, null, "412.80", "412.80", "0.00", "AE", "0", false)),
                List.of(new ApprovedVersion.Tax("AE", BigDecimal.ZERO, REVERSE_CHARGE, new BigDecimal("7732.80"), new BigDecimal("0.00"))));

        EInvoice invoice = EInvoiceMapping.map(v, issued(ACME));
        String xml = valid(invoice);

        assertThat(invoice.lines().get(0).allowancesCharges()).singleElement().satisfies(c -> {
            assertThat(c.isCharge()).isTrue();
            assertThat(c.amount()).isEqualByComparingTo("120.00");
        });
        assertThat(invoice.lines().get(1).allowancesCharges()).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo("Written off");
            assertThat(c.amount()).isEqualByComparingTo("760.00");
        });
        assertThat(xml).contains("VATEX-EU-AE").contains("DE811111111").contains("FR40123456789").contains("<cbc:PaymentMeansCode>58</cbc:PaymentMeansCode>")
                .contains("DE89370400440532013000");
    }

    @Test
    void betweenTwoGermanPartiesTimeCoveredByAFixedFeeIsItsHoursAtPriceZero() {
        ApprovedVersion v = version("EUR", "4500166540", List.of(
                line(1, "milestone", "Milestone 2: design signed off", "1", "24000.00", "24000.00", "24000.00", "4560.00", "S", "19", false),
                line(2, "fixed_fee_time", "Consultant", "36.5", "150.00", "0.00", "0.00", "0.00", "S", "19", false)),
                List.of(new ApprovedVersion.Tax("S", new BigDecimal("19"), null, new BigDecimal("24000.00"), new BigDecimal("4560.00"))));

        EInvoice invoice = EInvoiceMapping.map(v, issued(BAUER));
        valid(invoice);

        assertThat(invoice.lines().get(1).quantity()).isEqualByComparingTo("36.5");
        assertThat(invoice.lines().get(1).unitPrice()).isEqualByComparingTo("0");
        assertThat(invoice.dueDate()).isEqualTo(LocalDate.of(2026, 11, 16));
        assertThat(invoice.seller().contact().email()).isEqualTo("receivables@northwind-consulting.example");
    }

    @Test
    void aLineNoTaxRuleTaxedCannotBeAnEInvoiceLine() {
        ApprovedVersion v = version("EUR", null, List.of(line(1, "expense", "Parking", null, null, "12.00", "12.00", "0.00", null, null, false)),
                List.of());

        assertThatThrownBy(() -> EInvoiceMapping.map(v, issued(ACME))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("line 1 (Parking) has no tax category");
    }

    @Test
    void onlyAnIdWithACountryPrefixIsAVatIdAndAnotherTaxIdIsTheCompanyId() {
        assertThat(EInvoiceMapping.isVatId("DE811111111")).isTrue();
        assertThat(EInvoiceMapping.isVatId("CHE-123.456.789 MWST")).isTrue();
        assertThat(EInvoiceMapping.isVatId("EIN 98-7654321")).isFalse();
        assertThat(EInvoiceMapping.isVatId("13-4567890")).isFalse();
        Buyer hudson = new Buyer("C-HUDSON", "Hudson River Capital LLC", "US", true, "13-4567890", "200 Park Avenue, New York, NY 10166, USA",
                30, true, "9959:134567890", "10166", "New York");
        assertThat(EInvoiceMapping.buyer(hudson).vatId()).isNull();
        assertThat(EInvoiceMapping.buyer(hudson).companyId()).isEqualTo("13-4567890");
        assertThat(EInvoiceMapping.buyer(hudson).electronicAddress().scheme()).isEqualTo("9959");
    }

    @Test
    void withoutABankAccountThePaymentStatesOnlyTheTerms() {
        Seller noBank = new Seller("DE01", "Northwind Consulting GmbH", "DE", "DE811111111", "Friedrichstr. 1", "9930:DE811111111", null,
                null, null, null, null, null, null, null, null);
        Payment payment = EInvoiceMapping.payment(new EInvoiceMapping.Particulars("N-1", LocalDate.of(2026, 11, 2), noBank, ACME), "EUR");

        assertThat(payment.means()).isNull();
        assertThat(payment.account()).isNull();
        assertThat(payment.terms()).isEqualTo("30 days net");
    }
}
