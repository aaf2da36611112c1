package org.billrun.posting.einvoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billrun.posting.einvoice.Northwind.expense;
import static org.billrun.posting.einvoice.Northwind.time;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.billrun.posting.einvoice.EInvoiceValidator.Result;
import org.billrun.posting.einvoice.EInvoiceValidator.RuleSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The e-invoices of the sample firm's kinds of invoice, each written and validated with the official rule
 * sets: zero errors under EN 16931 (CEN 1.3.16) and under Peppol BIS Billing 3.0 (OpenPeppol 2026.05). The
 * nested class breaks valid documents to show the rules really run. One validator for the class: its first
 * validation compiles the rules' XSLT.
 */
class UblWriterValidationTests {

    private static EInvoiceValidator validator;
    private static final List<Long> FIRST = new ArrayList<>();
    private static final List<Long> LATER = new ArrayList<>();
    private static final Set<String> SEEN = new HashSet<>();
    private final UblWriter writer = new UblWriter();

    @BeforeAll
    static void rules() {
        validator = new EInvoiceValidator();
    }

    @AfterAll
    static void timings() {
        List<Long> later = LATER.stream().sorted().toList();
        System.out.println("validation ms: first of each rule set and document type " + FIRST + "; later median "
                + later.get(later.size() / 2) + ", max "
                + later.get(later.size() - 1) + " over " + later.size() + "; heap in use after GC with both rule sets compiled "
                + usedHeapAfterGc() / (1024 * 1024) + " MB");
    }

    private static long usedHeapAfterGc() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    static EInvoice domesticGerman() {
        return new InvoiceBuilder("NWDE-2026-000101", "EUR")
                .dates(LocalDate.of(2026, 10, 31), LocalDate.of(2026, 11, 14))
                .references("4500166540", "4500166540", "K-BAUER-2")
                .period(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 15))
                .parties(Northwind.de01(), Northwind.bauer())
                .payment(Northwind.sepa("NWDE-2026-000101", "14 days net"))
                .line(time("1", "SAP S/4 migration: senior consultant", "36.5", "210.00", "7665.00", TaxCategory.S, "19"))
                .line(time("2", "SAP S/4 migration: consultant", "52.25", "150.00", "7837.50", TaxCategory.S, "19"))
                .line(expense("3", "Travel: rail", "412.80", TaxCategory.S, "19"))
                .line(expense("4", "Hotel", "389.00", TaxCategory.S, "19"))
                .build();
    }

    @Test
    void domesticGermanInvoiceWithTimeAndExpensesIsValid() {
        UblXml doc = valid(writer.write(domesticGerman()));

        // line rounding: 1456.35 + 1489.13 (1489.125) + 78.43 (78.432) + 73.91
        assertThat(doc.text("/inv:Invoice/cac:TaxTotal/cbc:TaxAmount")).isEqualTo("3097.82");
        assertThat(doc.text("//cac:LegalMonetaryTotal/cbc:LineExtensionAmount")).isEqualTo("16304.30");
        assertThat(doc.text("//cac:LegalMonetaryTotal/cbc:PayableAmount")).isEqualTo("19402.12");
        assertThat(doc.texts("//cac:InvoiceLine/cbc:InvoicedQuantity/@unitCode")).containsExactly("HUR", "HUR", "C62", "C62");
        assertThat(doc.text("//cac:AccountingSupplierParty//cac:Contact/cbc:ElectronicMail")).isNotEmpty();
        assertThat(doc.text("/inv:Invoice/cbc:CustomizationID")).isEqualTo(UblWriter.CUSTOMIZATION_ID);
        assertThat(doc.text("/inv:Invoice/cbc:ProfileID")).isEqualTo(UblWriter.PROFILE_ID);
        assertThat(doc.text("//cac:AccountingSupplierParty//cbc:EndpointID/@schemeID")).isEqualTo("9930");
    }

    @Test
    void domesticGermanInvoiceWithoutTheSellersContactAndAddressFieldsFailsTheGermanPeppolRules() {
        // what billrun's entities.csv has: a name, a VAT id and the address as one line of text
        Party asBillrunHasIt = new Party("Northwind Consulting GmbH", new Party.Address(List.of("Friedrichstr. 1, 10117 Berlin, Germany"),
                null, null, null, "DE"), "DE811111111", null, null, Northwind.de01().electronicAddress(), null);
        EInvoice domestic = domesticGerman();
        EInvoice invoice = new EInvoice(domestic.kind(), domestic.number(), domestic.issueDate(), domestic.dueDate(), domestic.currency(),
                domestic.references(), domestic.period(), null, asBillrunHasIt, domestic.buyer(), domestic.payment(), domestic.lines(),
                domestic.allowancesCharges(), domestic.taxSubtotals(), null, domestic.totals());

        byte[] xml = writer.write(invoice);

        assertThat(result(xml, RuleSet.EN16931).errors()).isEmpty();
        Result peppol = result(xml, RuleSet.PEPPOL_BIS3);
        assertThat(peppol.errors()).extracting(EInvoiceValidator.Finding::ruleId)
                .containsExactlyInAnyOrder("DE-R-002", "DE-R-003", "DE-R-004");
    }

    @Test
    void domesticBritishInvoiceWithDocumentRoundingIsValid() {
        EInvoice invoice = new InvoiceBuilder("NWGB-2026-000044", "GBP").documentRounding()
                .dates(LocalDate.of(2026, 10, 31), LocalDate.of(2026, 11, 30))
                .references(null, "HF-PO-88213", "K-HARBOUR-1")
                .parties(Northwind.gb01(), Northwind.harbour())
                .payment(Northwind.ukTransfer("NWGB-2026-000044", "30 days net"))
                .line(time("1", "Data platform strategy: Fiona Campbell (senior consultant)", "12.5", "205.00", "2562.50", TaxCategory.S,
                        "20"))
                .line(time("2", "Data platform strategy: partner", "7.5", "280.00", "2100.00", TaxCategory.S, "20"))
                .line(time("3", "Data platform strategy: analyst", "3.75", "175.00", "656.25", TaxCategory.S, "20"))
                .line(expense("4", "Software: Lucidchart licence, October", "85.00", TaxCategory.S, "20"))
                .build();

        UblXml doc = valid(writer.write(invoice));

        assertThat(doc.text("/inv:Invoice/cac:TaxTotal/cbc:TaxAmount")).isEqualTo("1080.75");
        assertThat(doc.count("/inv:Invoice/cbc:BuyerReference")).isZero();
        assertThat(doc.text("/inv:Invoice/cac:OrderReference/cbc:ID")).isEqualTo("HF-PO-88213");
    }

    @Test
    void reverseChargeIntraEuInvoiceCarriesBothVatIdsAndTheExemptionReason() {
        EInvoice invoice = new InvoiceBuilder("NWDE-2026-000102", "EUR")
                .dates(LocalDate.of(2026, 10, 31), LocalDate.of(2026, 11, 30))
                .references(null, "PO-4471", "K-ACME-1")
                .parties(Northwind.de01(), Northwind.acme())
                .payment(Northwind.sepa("NWDE-2026-000102", "30 days net"))
                .exemption(TaxCategory.AE, Northwind.EXEMPT_REVERSE_CHARGE)
                .line(time("1", "ERP finance process redesign: senior consultant", "40", "185.00", "7400.00", TaxCategory.AE, "0"))
                .line(time("2", "ERP finance process redesign: senior consultant, rate from 2026-10-16", "24.5", "195.00", "4777.50",
                        TaxCategory.AE, "0"))
                .line(new Line("3", "Software: process mining sandbox", "at cost EUR 120.00 + 10 % markup", BigDecimal.ONE, Line.ONE,
                        new BigDecimal("132.00"), new BigDecimal("132.00"), List.of(), TaxCategory.AE, BigDecimal.ZERO))
                .build();

        UblXml doc = valid(writer.write(invoice));

        assertThat(doc.text("//cac:AccountingSupplierParty//cac:PartyTaxScheme/cbc:CompanyID")).isEqualTo("DE811111111");
        assertThat(doc.text("//cac:AccountingCustomerParty//cac:PartyTaxScheme/cbc:CompanyID")).isEqualTo("FR40123456789");
        assertThat(doc.text("//cac:TaxSubtotal/cac:TaxCategory/cbc:ID")).isEqualTo("AE");
        assertThat(doc.text("//cac:TaxSubtotal/cac:TaxCategory/cbc:Percent")).isEqualTo("0");
        assertThat(doc.text("//cac:TaxSubtotal/cac:TaxCategory/cbc:TaxExemptionReasonCode")).isEqualTo("VATEX-EU-AE");
        assertThat(doc.text("//cac:TaxSubtotal/cac:TaxCategory/cbc:TaxExemptionReason")).isEqualTo(Northwind.EXEMPT_REVERSE_CHARGE);
        assertThat(doc.text("/inv:Invoice/cac:TaxTotal/cbc:TaxAmount")).isEqualTo("0.00");
        assertThat(doc.text("//cac:LegalMonetaryTotal/cbc:PayableAmount")).isEqualTo("12309.50");
    }

    @Test
    void outsideScopeInvoiceShowsNoVatIdsAndNoRate() {
        EInvoice invoice = new InvoiceBuilder("NWDE-2026-000103", "CHF")
                .dates(LocalDate.of(2026, 10, 31), LocalDate.of(2026, 11, 30))
                .references(null, "AB-2026-0042", "K-ALPEN-1")
                .parties(Northwind.de01(), Northwind.alpen())
                .payment(Northwind.sepa("NWDE-2026-000103", "30 days net"))
                .exemption(TaxCategory.O, Northwind.EXEMPT_NON_EU_B2B)
                .line(time("1", "Solvency II risk model review: senior consultant", "31.25", "260.00", "8125.00", TaxCategory.O, null))
                .line(expense("2", "Meals, travelling (5 % markup on CHF 44.58)", "46.81", TaxCategory.O, null))
                .build();

        UblXml doc = valid(writer.write(invoice));

        assertThat(doc.count("//cac:PartyTaxScheme")).as("no VAT id of either party (BR-O-02)").isZero();
        assertThat(doc.text("//cac:AccountingSupplierParty//cac:PartyLegalEntity/cbc:CompanyID")).isEqualTo("HRB 123456 B");
        assertThat(doc.count("//cac:TaxCategory/cbc:Percent | //cac:ClassifiedTaxCategory/cbc:Percent")).isZero();
        assertThat(doc.text("//cac:TaxSubtotal/cac:TaxCategory/cbc:TaxExemptionReasonCode")).isEqualTo("VATEX-EU-O");
        assertThat(doc.text("//cac:TaxSubtotal/cac:TaxCategory/cbc:TaxExemptionReason")).isEqualTo(Northwind.EXEMPT_NON_EU_B2B);
        assertThat(doc.text("//cac:LegalMonetaryTotal/cbc:PayableAmount")).isEqualTo("8171.81");
    }

    @Test
    void americanInvoiceWithoutSalesTaxIsOutsideScopeWithTheEinAsCompanyId() {
        EInvoice invoice = new InvoiceBuilder("NWUS-2026-000051", "USD")
                .dates(LocalDate.of(2026, 10, 31), LocalDate.of(2026, 11, 30))
                .references(null, "HRC-2026-DD-07", "K-HUDSON-1")
                .parties(Northwind.us01(), Northwind.hudson())
                .payment(new Payment(Payment.Means.CREDIT_TRANSFER, "021000021-4401987654", "Northwind Consulting Inc.", null,
                        "NWUS-2026-000051", "Net 30"))
                .exemption(TaxCategory.O, Northwind.EXEMPT_US)
                .line(time("1", "Commercial due diligence: partner", "18", "450.00", "8100.00", TaxCategory.O, null))
                .line(expense("2", "Software: Tableau Creator licence, monthly", "399.00", TaxCategory.O, null))
                .build();

        UblXml doc = valid(writer.write(invoice));

        assertThat(doc.count("//cac:PartyTaxScheme")).isZero();
        assertThat(doc.text("//cac:AccountingSupplierParty//cac:PartyLegalEntity/cbc:CompanyID")).isEqualTo("98-7654321");
        assertThat(doc.text("//cac:AccountingSupplierParty//cac:PostalAddress/cbc:CountrySubentity")).isEqualTo("NY");
    }

    /** The JPY case of billrun's own drafting tests (InvoiceAssemblerTests): 23,125 + 16,123, UK VAT 7,850, with the VAT in GBP too. */
    @Test
    void yenInvoiceIsValidWithWholeYenAmountsAndTheVatInPounds() {
        EInvoice invoice = new InvoiceBuilder("NWGB-2026-000045", "JPY").documentRounding()
                .dates(LocalDate.of(2026, 10, 31), LocalDate.of(2026, 11, 30))
                .references(null, "HF-PO-88213", "K-HARBOUR-1")
                .parties(Northwind.gb01(), Northwind.harbour())
                .payment(Northwind.ukTransfer("NWGB-2026-000045", "30 days net"))
                .line(time("1", "Data platform strategy: senior consultant", "1.25", "18500", "23125", TaxCategory.S, "20"))
                .line(expense("2", "Hotel Okura (EUR 100.00 at 161.2345)", "16123", TaxCategory.S, "20"))
                .taxInAccountingCurrency("GBP", "41.29")
                .build();

        UblXml doc = valid(writer.write(invoice));

        assertThat(doc.texts("/inv:Invoice/cac:TaxTotal/cbc:TaxAmount")).containsExactly("7850", "41.29");
        assertThat(doc.texts("/inv:Invoice/cac:TaxTotal/cbc:TaxAmount/@currencyID")).containsExactly("JPY", "GBP");
        assertThat(doc.text("/inv:Invoice/cbc:TaxCurrencyCode")).isEqualTo("GBP");
        assertThat(doc.text("//cac:LegalMonetaryTotal/cbc:PayableAmount")).isEqualTo("47098");
        assertThat(doc.texts("//cac:InvoiceLine/cbc:LineExtensionAmount")).containsExactly("23125", "16123");
    }

    @Test
    void yenLineWhoseHoursTimesRateHasAFractionStatesThePriceOfItsWholeQuantity() {
        // 7.3 h x JPY 12,345 = 90,118.5, billed 90,119: quantity x unit price misses the net by 0.5 > R120's 0.02
        EInvoice invoice = new InvoiceBuilder("NWGB-2026-000046", "JPY").documentRounding()
                .references(null, "HF-PO-88213", "K-HARBOUR-1")
                .dates(LocalDate.of(2026, 10, 31), LocalDate.of(2026, 11, 30))
                .parties(Northwind.gb01(), Northwind.harbour())
                .line(time("1", "Data platform strategy: consultant", "7.3", "12345", "90119", TaxCategory.S, "20"))
                .line(time("2", "Data platform strategy: analyst", "2", "9800", "19600", TaxCategory.S, "20"))
                .taxInAccountingCurrency("GBP", "115.43")
                .build();

        UblXml doc = valid(writer.write(invoice));

        assertThat(doc.text("//cac:InvoiceLine[cbc:ID='1']/cbc:InvoicedQuantity")).isEqualTo("7.3");
        assertThat(doc.text("//cac:InvoiceLine[cbc:ID='1']/cac:Price/cbc:PriceAmount")).isEqualTo("90119");
        assertThat(doc.text("//cac:InvoiceLine[cbc:ID='1']/cac:Price/cbc:BaseQuantity")).isEqualTo("7.3");
        assertThat(doc.text("//cac:InvoiceLine[cbc:ID='2']/cac:Price/cbc:PriceAmount")).isEqualTo("9800");
        assertThat(doc.count("//cac:InvoiceLine[cbc:ID='2']/cac:Price/cbc:BaseQuantity")).isZero();
        assertThat(doc.text("/inv:Invoice/cac:TaxTotal/cbc:TaxAmount")).isEqualTo("21944"); // 20 % of 109,719 = 21,943.8
    }

    @Test
    void capWriteDownIsADocumentLevelAllowanceWithItsOwnTaxCategory() {
        EInvoice invoice = new InvoiceBuilder("NWGB-2026-000047", "GBP").documentRounding()
                .dates(LocalDate.of(2026, 10, 31), LocalDate.of(2026, 12, 15))
                .references(null, "KR-PO-55120", "K-KESTREL-1")
                .parties(Northwind.gb01(), Northwind.kestrel())
                .payment(Northwind.ukTransfer("NWGB-2026-000047", "45 days net"))
                .line(time("1", "Retail pricing analytics: senior consultant", "152.5", "240.00", "36600.00", TaxCategory.S, "20"))
                .line(time("2", "Retail pricing analytics: consultant", "187.5", "165.00", "30937.50", TaxCategory.S, "20"))
                .allowance(new DocumentAllowanceCharge(AllowanceCharge.allowance(new BigDecimal("2537.50"), "95",
                        "Write-down to not-to-exceed cap GBP 65,000.00"), TaxCategory.S, new BigDecimal("20")))
                .build();

        UblXml doc = valid(writer.write(invoice));

        assertThat(doc.text("/inv:Invoice/cac:AllowanceCharge/cbc:ChargeIndicator")).isEqualTo("false");
        assertThat(doc.text("/inv:Invoice/cac:AllowanceCharge/cac:TaxCategory/cbc:ID")).isEqualTo("S");
        assertThat(doc.text("//cac:LegalMonetaryTotal/cbc:LineExtensionAmount")).isEqualTo("67537.50");
        assertThat(doc.text("//cac:LegalMonetaryTotal/cbc:AllowanceTotalAmount")).isEqualTo("2537.50");
        assertThat(doc.text("//cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount")).isEqualTo("65000.00");
        assertThat(doc.text("//cac:TaxSubtotal/cbc:TaxableAmount")).isEqualTo("65000.00");
        assertThat(doc.text("/inv:Invoice/cac:TaxTotal/cbc:TaxAmount")).isEqualTo("13000.00");
    }

    @Test
    void lineLevelWriteDownReducesTheLinesNetAmount() {
        AllowanceCharge writeDown = AllowanceCharge.allowance(new BigDecimal("420.00"), "95", "Write-down: onboarding time not billed");
        Line written = new Line("1", "SAP S/4 migration: senior consultant", null, new BigDecimal("10"), Line.HOURS,
                new BigDecimal("210.00"), new BigDecimal("1680.00"), List.of(writeDown), TaxCategory.S, new BigDecimal("19"));
        EInvoice invoice = new InvoiceBuilder("NWDE-2026-000104", "EUR")
                .dates(LocalDate.of(2026, 10, 31), LocalDate.of(2026, 11, 14))
                .references("4500166540", "4500166540", "K-BAUER-2")
                .parties(Northwind.de01(), Northwind.bauer())
                .payment(Northwind.sepa("NWDE-2026-000104", "14 days net"))
                .line(written)
                .line(expense("2", "Travel: rail", "96.40", TaxCategory.S, "19"))
                .build();

        UblXml doc = valid(writer.write(invoice));

        assertThat(doc.text("//cac:InvoiceLine[cbc:ID='1']/cac:AllowanceCharge/cbc:Amount")).isEqualTo("420.00");
        assertThat(doc.text("//cac:InvoiceLine[cbc:ID='1']/cbc:LineExtensionAmount")).isEqualTo("1680.00");
        assertThat(doc.text("//cac:InvoiceLine[cbc:ID='1']/cac:Price/cbc:PriceAmount")).isEqualTo("210.00");
        assertThat(doc.count("//cac:LegalMonetaryTotal/cbc:AllowanceTotalAmount")).as("line allowances are not document ones").isZero();
        assertThat(doc.text("/inv:Invoice/cac:TaxTotal/cbc:TaxAmount")).isEqualTo("337.52"); // 319.20 + 18.32 (18.316)
    }

    @Test
    void creditNoteReferencesTheInvoiceItCredits() {
        EInvoice credit = new InvoiceBuilder("NWDE-2026-000105", "EUR")
                .creditNote("NWDE-2026-000101", LocalDate.of(2026, 10, 31))
                .dates(LocalDate.of(2026, 11, 6), LocalDate.of(2026, 11, 20))
                .references("4500166540", "4500166540", "K-BAUER-2")
                .parties(Northwind.de01(), Northwind.bauer())
                .payment(Northwind.sepa("NWDE-2026-000105", "Refund within 14 days"))
                .note("Credits 2 hours billed twice on NWDE-2026-000101")
                .line(time("1", "SAP S/4 migration: senior consultant", "2", "210.00", "420.00", TaxCategory.S, "19"))
                .build();

        UblXml doc = valid(writer.write(credit));

        assertThat(doc.text("/cn:CreditNote/cbc:CreditNoteTypeCode")).isEqualTo("381");
        assertThat(doc.text("/cn:CreditNote/cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID")).isEqualTo("NWDE-2026-000101");
        assertThat(doc.text("/cn:CreditNote/cac:BillingReference/cac:InvoiceDocumentReference/cbc:IssueDate")).isEqualTo("2026-10-31");
        assertThat(doc.text("//cac:CreditNoteLine/cbc:CreditedQuantity")).isEqualTo("2");
        assertThat(doc.text("/cn:CreditNote/cac:PaymentMeans/cbc:PaymentDueDate")).isEqualTo("2026-11-20");
        assertThat(doc.text("//cac:LegalMonetaryTotal/cbc:PayableAmount")).isEqualTo("499.80");
    }

    /** Valid documents broken on purpose: the rule sets must fail them, so a pass above means something. */
    @Nested
    class BrokenDocuments {

        private final byte[] valid = writer.write(domesticGerman());

        @Test
        void payableAmountThatIsNotGrossLessPaidFailsBrCo16() {
            byte[] broken = tamper(doc -> doc.set("//cac:LegalMonetaryTotal/cbc:PayableAmount", "19403.12"));

            assertThat(result(broken, RuleSet.EN16931).failed("BR-CO-16")).isTrue();
            assertThat(result(broken, RuleSet.PEPPOL_BIS3).failed("BR-CO-16")).isTrue();
        }

        @Test
        void lineTotalThatIsNotTheSumOfTheLinesFailsBrCo10() {
            byte[] broken = tamper(doc -> doc.set("//cac:LegalMonetaryTotal/cbc:LineExtensionAmount", "16304.31"));

            assertThat(result(broken, RuleSet.EN16931).failed("BR-CO-10")).isTrue();
            assertThat(result(broken, RuleSet.PEPPOL_BIS3).failed("BR-CO-10")).isTrue();
        }

        @Test
        void taxTwoUnitsAwayFromTaxableTimesRateFailsBrCo17() {
            byte[] broken = tamper(doc -> doc.set("//cac:TaxSubtotal/cbc:TaxAmount", "3099.82"));

            Result result = result(broken, RuleSet.EN16931);

            assertThat(result.failed("BR-CO-17")).isTrue();
            assertThat(result.failed("BR-CO-14")).as("the tax total no longer matches its breakdown").isTrue();
        }

        @Test
        void lineNetAmountThatIsNotQuantityTimesPriceFailsPeppolR120ButNotEn16931() {
            byte[] broken = tamper(doc -> doc.set("//cac:InvoiceLine[cbc:ID='1']/cac:Price/cbc:PriceAmount", "210.10"));

            assertThat(result(broken, RuleSet.PEPPOL_BIS3).failed("PEPPOL-EN16931-R120")).isTrue();
            assertThat(result(broken, RuleSet.EN16931).valid()).isTrue();
        }

        @Test
        void missingBuyerElectronicAddressFailsPeppolR010() {
            byte[] broken = tamper(doc -> doc.remove("//cac:AccountingCustomerParty//cbc:EndpointID"));

            assertThat(result(broken, RuleSet.PEPPOL_BIS3).failed("PEPPOL-EN16931-R010")).isTrue();
        }

        @Test
        void amountWithThreeDecimalsFailsTheDecimalRule() {
            byte[] broken = tamper(doc -> doc.set("//cac:InvoiceLine[cbc:ID='3']/cbc:LineExtensionAmount", "412.800"));

            assertThat(result(broken, RuleSet.EN16931).failed("BR-DEC-23")).isTrue();
        }

        @Test
        void documentWithoutItsNumberFailsTheSchema() {
            byte[] broken = tamper(doc -> doc.remove("/inv:Invoice/cbc:ID"));

            Result result = result(broken, RuleSet.EN16931);

            assertThat(result.valid()).isFalse();
            assertThat(result.errors()).anySatisfy(f -> assertThat(f.message()).contains("IssueDate"));
        }

        @Test
        void bytesThatAreNotXmlAreInvalid() {
            Result result = validator.validate("<Invoice>".getBytes(StandardCharsets.UTF_8), RuleSet.PEPPOL_BIS3);

            assertThat(result.valid()).isFalse();
            assertThat(result.errors()).singleElement().extracting(EInvoiceValidator.Finding::message).asString()
                    .startsWith("not well-formed XML: ");
        }

        @Test
        void theUntouchedDocumentIsValid() {
            assertThat(result(tamper(doc -> doc), RuleSet.PEPPOL_BIS3).errors()).isEmpty();
        }

        private byte[] tamper(UnaryOperator<UblXml> change) {
            return change.apply(new UblXml(valid)).bytes();
        }
    }

    private static UblXml valid(byte[] xml) {
        for (RuleSet ruleSet : RuleSet.values()) {
            assertThat(result(xml, ruleSet).errors()).as(ruleSet + " errors").isEmpty();
        }
        return new UblXml(xml);
    }

    /** Validates, timing the first validation of each rule set and document type apart from the later ones. */
    private static Result result(byte[] xml, RuleSet ruleSet) {
        boolean first = SEEN.add(ruleSet + " " + new UblXml(xml).text("local-name(/*)"));
        long start = System.nanoTime();
        Result result = validator.validate(xml, ruleSet);
        (first ? FIRST : LATER).add((System.nanoTime() - start) / 1_000_000);
        if (!result.warnings().isEmpty()) {
            System.out.println(ruleSet + " warnings: " + result.warnings());
        }
        return result;
    }
}
