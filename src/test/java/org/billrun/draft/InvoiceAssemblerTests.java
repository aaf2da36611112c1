package org.billrun.draft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.billrun.draft.DraftFixtures.contract;
import static org.billrun.draft.DraftFixtures.contractWithModel;
import static org.billrun.draft.DraftFixtures.withPresentation;
import static org.billrun.draft.DraftFixtures.withTerms;
import static org.billrun.validate.Fixtures.dec;
import static org.billrun.validate.Fixtures.expense;
import static org.billrun.validate.Fixtures.oct;
import static org.billrun.validate.Fixtures.time;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.billrun.billing.BillingModel;
import org.billrun.billing.Client;
import org.billrun.billing.Contract;
import org.billrun.billing.LegalEntity;
import org.billrun.billing.Milestone;
import org.billrun.billing.Money;
import org.billrun.billing.OwnerRole;
import org.billrun.billing.Presentation;
import org.billrun.billing.RecordKind;
import org.billrun.billing.RouteCode;
import org.billrun.billing.TimeEntry;
import org.billrun.draft.InvoiceDraft.Route;
import org.billrun.policy.DraftPolicy;
import org.billrun.validate.Fixtures;
import org.junit.jupiter.api.Test;

/** docs/drafting.md, worked through by hand on small invoices: every figure below is arithmetic a reader can redo. */
class InvoiceAssemblerTests {

    private final DraftFixtures.Context context = new DraftFixtures.Context();

    // ------------------------------------------------------------------ time and materials

    private ContractWork acme(TimeEntry... entries) {
        return new ContractWork(contract(context.firm, "K-ACME-1"), List.of(entries), List.of(), List.of());
    }

    private TimeEntry zoe(String id, int day, String hours) {
        return time().id(id, 100 + day).by("E-009").on("P-ACME-ERP", "TK-ACME-ERP-1").date(oct(day)).hours(hours).build();
    }

    @Test
    void timeIsBilledAtTheRateInForceOnEachDateWithOneLinePerProjectRoleAndRate() {
        InvoiceDraft draft = context.draft(acme(zoe("T-1", 12, "7.5"), zoe("T-2", 20, "8"), zoe("T-3", 13, "0.25")));

        // RC-ACME: senior consultant 185.00 to 2026-10-15 (R-0034), 195.00 from 2026-10-16 (R-0035)
        assertThat(draft.lines()).extracting(DraftLine::key, DraftLine::quantity, DraftLine::unitPrice, (DraftLine x) -> x.net().amount())
                .containsExactly(
                        tuple("P-ACME-ERP|senior_consultant|R-0034", dec("7.75"), dec("185.00"), dec("1433.75")),
                        tuple("P-ACME-ERP|senior_consultant|R-0035", dec("8"), dec("195.00"), dec("1560.00")));
        assertThat(draft.lines().get(1).description()).isEqualTo("ERP finance process redesign: senior consultant, rate from 2026-10-16");
        assertThat(draft.lines().get(1).explanation()).contains("R-0035 (card RC-ACME, contract level, senior_consultant, from 2026-10-16)");
        assertThat(draft.lines().get(0).sources()).extracting(s -> s.record().key()).containsExactly("T-1", "T-3");
        assertThat(draft.net().amount()).isEqualByComparingTo("2993.75");
        assertThat(draft.draftId()).isEqualTo("2026-10-NWDE-K-ACME-1");
        assertThat(draft.route()).isEqualTo(Route.STRAIGHT_THROUGH);
    }

    @Test
    void aConsultantsOwnRateComesBeforeTheContractCard() {
        TimeEntry sofie = time().id("T-4", 140).by("E-010").on("P-ACME-ERP", "TK-ACME-ERP-1").date(oct(14)).hours("2").build();

        InvoiceDraft draft = context.draft(acme(sofie));

        // E-010 has R-0046 (consultant level, 160.00); the contract card would give 150.00
        assertThat(draft.lines()).singleElement().satisfies(line -> {
            assertThat(line.key()).isEqualTo("P-ACME-ERP|consultant|R-0046");
            assertThat(line.net().amount()).isEqualByComparingTo("320.00");
        });
    }

    @Test
    void aClientThatWantsDetailGetsOneLinePerConsultant() {
        Client acme = context.firm.clients.stream().filter(c -> c.clientId().equals("C-ACME")).findFirst().orElseThrow();
        context.client(withPresentation(acme, Presentation.DETAIL_BY_CONSULTANT, true));

        InvoiceDraft draft = context.draft(acme(zoe("T-1", 12, "7.5")));

        assertThat(draft.lines()).singleElement().satisfies(line -> {
            assertThat(line.key()).isEqualTo("P-ACME-ERP|E-009|R-0034");
            assertThat(line.description()).isEqualTo("ERP finance process redesign: Zoë Ångström (senior consultant)");
        });
        assertThat(draft.timeAnnex()).isTrue();
    }

    @Test
    void timeWithoutARateIsRefusedNeverBilledAtZero() {
        TimeEntry dataScientist = time().id("T-5", 150).by("E-210").on("P-LONESTAR-PMO", "TK-LONESTAR-PMO-2").date(oct(6)).hours("8").build();
        ContractWork work = new ContractWork(contract(context.firm, "K-LONESTAR-1"), List.of(dataScientist), List.of(), List.of());

        assertThatThrownBy(() -> context.draft(work)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("T-5").hasMessageContaining("no rate for data_scientist in USD").hasMessageContaining("RATE_MISSING");
    }

    // ------------------------------------------------------------------ fixed fee

    private Milestone cascade07() {
        return Fixtures.milestone("M-CASCADE-07", "K-CASCADE-1", "Validation protocols approved", "50000.00", "USD", "accepted", oct(27),
                "DocuSign CB-4107", true, 17);
    }

    private TimeEntry daniel(String id, int day, String hours) {
        return time().id(id, 200 + day).by("E-202").on("P-CASCADE-VAL", "TK-CASCADE-VAL-2").date(oct(day)).hours(hours).build();
    }

    @Test
    void aFixedFeeBillsItsAcceptedMilestoneWithTheEvidenceAndCoversTheTimeAtZero() {
        InvoiceDraft draft = context.draft(new ContractWork(contract(context.firm, "K-CASCADE-1"), List.of(daniel("T-6", 7, "8")), List.of(),
                List.of(cascade07())));

        assertThat(draft.lines()).extracting(DraftLine::type, (DraftLine x) -> x.net().amount(), (DraftLine x) -> x.value().amount()).containsExactly(
                tuple(LineType.MILESTONE, dec("50000.00"), dec("50000.00")),
                // 8 h x 240.00 (R-0021, firm senior consultant USD): worth 1,920.00, billed 0.00
                tuple(LineType.FIXED_FEE_TIME, dec("0.00"), dec("1920.00")));
        assertThat(draft.lines().get(0).description()).contains("accepted 2026-10-27").contains("evidence: DocuSign CB-4107");
        assertThat(draft.net().amount()).isEqualByComparingTo("50000.00");
        assertThat(draft.taxGroups()).singleElement().satisfies(g -> assertThat(g.category()).isEqualTo("O"));
        assertThat(draft.route()).isEqualTo(Route.STRAIGHT_THROUGH);
    }

    @Test
    void aFixedFeeWithNoMilestoneThisPeriodHasNothingToInvoiceAndGoesToFinance() {
        InvoiceDraft draft = context.draft(new ContractWork(contract(context.firm, "K-CASCADE-1"), List.of(daniel("T-6", 7, "8")), List.of(),
                List.of()));

        assertThat(draft.net().amount()).isEqualByComparingTo("0");
        assertThat(draft.reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(RouteCode.NOTHING_TO_INVOICE);
            assertThat(r.reviewerRole()).isEqualTo(OwnerRole.FINANCE);
            assertThat(r.reviewerId()).isEqualTo("finance@example");
            assertThat(r.text()).contains("no milestone");
        });
    }

    // ------------------------------------------------------------------ retainer

    private ContractWork bauerRetainer(List<TimeEntry> entries) {
        context.firm.with(Fixtures.project("P-BAUER-RET", "K-BAUER-1", "C-BAUER", "Operations advisory retainer", true, "E-002", true, 5));
        return new ContractWork(contract(context.firm, "K-BAUER-1"), entries, List.of(), List.of());
    }

    /** Maximilian Bauer, senior consultant: EUR 210.00 to 2026-10-15 (R-0004). */
    private List<TimeEntry> maximilian(int days, String hoursEach) {
        List<TimeEntry> entries = new ArrayList<>();
        for (int day = 1; day <= days; day++) {
            entries.add(time().id("T-R" + day, 300 + day).by("E-004").on("P-BAUER-RET", "").date(oct(day)).hours(hoursEach).build());
        }
        return entries;
    }

    @Test
    void aRetainerBillsItsFeeAndDrawsTheTimeFromTheBalance() {
        InvoiceDraft draft = context.draft(bauerRetainer(maximilian(1, "10")));

        assertThat(draft.lines()).extracting(DraftLine::type, (DraftLine x) -> x.value().amount(), (DraftLine x) -> x.net().amount()).containsExactly(
                tuple(LineType.RETAINER_FEE, dec("25000.00"), dec("25000.00")),
                tuple(LineType.TIME, dec("2100.00"), dec("0.00")));
        assertThat(draft.retainer()).isEqualTo(new InvoiceDraft.RetainerBalance(eur("0.00"), eur("25000.00"), eur("2100.00"), eur("0.00"),
                eur("22900.00")));
        // German VAT 19 % on 25,000.00
        assertThat(draft.tax().amount()).isEqualByComparingTo("4750.00");
        assertThat(draft.gross().amount()).isEqualByComparingTo("29750.00");
        assertThat(draft.route()).isEqualTo(Route.STRAIGHT_THROUGH);
    }

    @Test
    void retainerTimeBeyondTheBalanceIsBilledAsOverageAndGoesToTheProjectManager() {
        // 12 days x 10 h x 210.00 = 25,200.00 against a balance of 25,000.00
        InvoiceDraft draft = context.draft(bauerRetainer(maximilian(12, "10")));

        assertThat(draft.lines()).filteredOn(l -> l.type() == LineType.RETAINER_OVERAGE).singleElement()
                .satisfies(l -> assertThat(l.net().amount()).isEqualByComparingTo("200.00"));
        assertThat(draft.net().amount()).isEqualByComparingTo("25200.00");
        assertThat(draft.retainer().closing().amount()).isEqualByComparingTo("0");
        assertThat(draft.reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(RouteCode.RETAINER_OVERAGE);
            assertThat(r.reviewerRole()).isEqualTo(OwnerRole.PROJECT_MANAGER);
            assertThat(r.reviewerId()).isEqualTo("E-002");
        });
    }

    @Test
    void anUnusedRetainerBalanceCarriesIntoTheNextPeriod() {
        context.prior.put("K-BAUER-1", new PriorBilling(BigDecimal.ZERO, dec("1000.00")));

        InvoiceDraft draft = context.draft(bauerRetainer(maximilian(12, "10")));

        // balance 1,000.00 + 25,000.00 = 26,000.00 covers 25,200.00; 800.00 carries on
        assertThat(draft.lines()).noneMatch(l -> l.type() == LineType.RETAINER_OVERAGE);
        assertThat(draft.retainer().closing().amount()).isEqualByComparingTo("800.00");
        assertThat(draft.reasons()).isEmpty();
    }

    // ------------------------------------------------------------------ not-to-exceed cap

    private ContractWork kestrel(int days) {
        List<TimeEntry> entries = new ArrayList<>();
        for (int day = 1; day <= days; day++) {
            entries.add(time().id("T-K" + day, 400 + day).by("E-109").on("P-KESTREL-POS", "TK-KESTREL-POS-3").date(oct(day)).hours("8")
                    .build());
        }
        return new ContractWork(contract(context.firm, "K-KESTREL-1"), entries, List.of(), List.of());
    }

    @Test
    void timeAboveTheCapRemainingBecomesAWriteDownLineHeldForTheProjectManager() {
        context.prior.put("K-KESTREL-1", new PriorBilling(dec("60000.00"), BigDecimal.ZERO));

        // 5 x 8 h x 135.00 (R-0044) = 5,400.00 against 65,000.00 - 60,000.00 = 5,000.00 remaining
        InvoiceDraft draft = context.draft(kestrel(5));

        assertThat(draft.lines()).filteredOn(l -> l.type() == LineType.CAP_WRITE_DOWN).singleElement()
                .satisfies(l -> assertThat(l.net().amount()).isEqualByComparingTo("-400.00"));
        assertThat(draft.net().amount()).isEqualByComparingTo("5000.00");
        assertThat(draft.cap()).isEqualTo(new InvoiceDraft.CapUse(gbp("65000.00"), gbp("60000.00"), gbp("5400.00"), gbp("5000.00"),
                gbp("400.00")));
        // UK VAT 20 % rounded on the document: 1,000.00, allocated 1,080.00 and -80.00 to the two lines
        assertThat(draft.tax().amount()).isEqualByComparingTo("1000.00");
        assertThat(draft.lines()).extracting((DraftLine x) -> x.tax().amount()).containsExactly(dec("1080.00"), dec("-80.00"));
        assertThat(draft.reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(RouteCode.WRITE_DOWN);
            assertThat(r.reviewerId()).isEqualTo("E-103");
            assertThat(r.text()).contains("GBP 400.00");
        });
    }

    @Test
    void aWriteDownWithinTheThresholdGoesStraightThrough() {
        context.prior.put("K-KESTREL-1", new PriorBilling(dec("60000.00"), BigDecimal.ZERO));
        context.policy = DraftFixtures.policy("approval.write-down-threshold-pct=10");

        InvoiceDraft draft = context.draft(kestrel(5));

        assertThat(draft.writeDown().amount()).isEqualByComparingTo("400.00"); // 7.4 % of 5,400.00
        assertThat(draft.route()).isEqualTo(Route.STRAIGHT_THROUGH);
    }

    @Test
    void timeWithinTheCapIsBilledInFullAndConsumesTheCap() {
        InvoiceDraft draft = context.draft(kestrel(5));

        assertThat(draft.lines()).noneMatch(l -> l.type() == LineType.CAP_WRITE_DOWN);
        assertThat(draft.cap().consumed().amount()).isEqualByComparingTo("5400.00");
        assertThat(draft.writeDown().amount()).isEqualByComparingTo("0");
    }

    // ------------------------------------------------------------------ expenses

    @Test
    void expensesAreConvertedMarkedUpAndBilledOneLinePerCategory() {
        context.contract(withTerms(contract(context.firm, "K-ACME-1"), "10", null, null));
        var hotel = expense().build(); // EUR 624.80
        var taxi = expense().id("EX-9", 90).spent("taxi", "50.00", "GBP", "Addison Lee").build();

        InvoiceDraft draft = context.draft(new ContractWork(contract(context.firm, "K-ACME-1"), List.of(), List.of(taxi, hotel), List.of()));

        // hotel 624.80 + 10 % = 687.28; taxi GBP 50.00 x 1.158710 = 57.9355, + 10 % = 63.72905, rounded once: 63.73
        assertThat(draft.lines()).extracting(DraftLine::key, (DraftLine x) -> x.net().amount()).containsExactly(
                tuple("hotel", dec("687.28")), tuple("taxi", dec("63.73")));
        assertThat(draft.lines().get(1).sources()).singleElement().satisfies(s -> {
            assertThat(s.value()).isEqualByComparingTo("57.9355");
            assertThat(s.markup()).isEqualByComparingTo("5.79355");
            assertThat(s.basis()).contains("50.00 GBP x 1.15871 (GBP/EUR of 2026-10-13)");
        });
        assertThat(draft.lines().get(1).explanation()).contains("at cost + 10 % markup").contains("GBP at 1.15871");
    }

    // ------------------------------------------------------------------ currencies with 0 and 3 decimals

    private ContractWork harbourIn(String currency, String hourlyRate, List<org.billrun.billing.Expense> expenses) {
        Contract k = new Contract(Fixtures.ref(RecordKind.CONTRACT, 290, "K-" + currency, "contracts.csv", 30), "K-" + currency,
                "C-HARBOUR", "GB01", BillingModel.TIME_AND_MATERIALS, currency, oct(1), null, null, null, null, null, null);
        context.contract(k);
        context.firm.with(Fixtures.project("P-" + currency, "K-" + currency, "C-HARBOUR", "Treasury review", true, "E-102", true, 31));
        context.firm.rates.add(Fixtures.rateRow("R-" + currency + ",RC-" + currency + ",contract,K-" + currency + ",consultant," + currency
                + "," + hourlyRate + ",2026-01-01,"));
        TimeEntry entry = time().id("T-" + currency, 600).by("E-104").on("P-" + currency, "").date(oct(6)).hours("1.25").build();
        return new ContractWork(k, List.of(entry), expenses, List.of());
    }

    @Test
    void yenAmountsAreRoundedToWholeYen() {
        context.firm.fx.add(new org.billrun.billing.FxTable.Quote("EUR", "JPY", oct(13), dec("161.2345"), false));
        var hotel = expense().id("EX-J", 91).spent("hotel", "100.00", "EUR", "Hotel Okura").build();

        InvoiceDraft draft = context.draft(harbourIn("JPY", "18500", List.of(hotel)));

        // 1.25 h x 18,500 = 23,125; EUR 100.00 x 161.2345 = 16,123.45 -> 16,123; UK VAT 20 % on 39,248 = 7,849.6 -> 7,850
        assertThat(draft.lines()).extracting((DraftLine x) -> x.net().amount()).containsExactly(new BigDecimal("23125"), new BigDecimal("16123"));
        assertThat(draft.tax().amount()).isEqualTo(new BigDecimal("7850"));
        assertThat(draft.gross().amount()).isEqualTo(new BigDecimal("47098"));
    }

    @Test
    void kuwaitiDinarAmountsKeepThreeDecimals() {
        InvoiceDraft draft = context.draft(harbourIn("KWD", "55.125", List.of()));

        // 1.25 h x 55.125 = 68.90625 -> 68.906; 20 % = 13.7812 -> 13.781
        assertThat(draft.net().amount()).isEqualTo(new BigDecimal("68.906"));
        assertThat(draft.tax().amount()).isEqualTo(new BigDecimal("13.781"));
    }

    // ------------------------------------------------------------------ tax

    private ContractWork bauerMigration() {
        TimeEntry a = time().id("T-7", 170).by("E-004").on("P-BAUER-MIGR", "TK-BAUER-MIGR-2").date(oct(5)).hours("0.35").build();
        TimeEntry b = time().id("T-8", 171).by("E-007").on("P-BAUER-MIGR", "TK-BAUER-MIGR-2").date(oct(5)).hours("0.45").build();
        return new ContractWork(contract(context.firm, "K-BAUER-2"), List.of(a, b), List.of(), List.of());
    }

    @Test
    void domesticVatIsRoundedOnEveryLineWhenTheRuleSaysLine() {
        InvoiceDraft draft = context.draft(bauerMigration());

        // 0.45 h x 165.00 = 74.25 -> 14.1075 -> 14.11; 0.35 h x 210.00 = 73.50 -> 13.965 -> 13.97 (document rounding would give 28.07)
        assertThat(draft.lines()).extracting((DraftLine x) -> x.net().amount(), (DraftLine x) -> x.tax().amount()).containsExactly(
                tuple(dec("74.25"), dec("14.11")), tuple(dec("73.50"), dec("13.97")));
        assertThat(draft.tax().amount()).isEqualByComparingTo("28.08");
        assertThat(draft.gross().amount()).isEqualByComparingTo("175.83");
        assertThat(draft.taxGroups()).singleElement().satisfies(g -> {
            assertThat(g.ruleId()).isEqualTo("TX-DE-DOM-2021");
            assertThat(g.category()).isEqualTo("S");
        });
    }

    @Test
    void noMatchingTaxRuleLeavesTheLinesUntaxedAndSendsTheDraftToFinance() {
        context.taxRules = DraftFixtures.taxRules().stream().filter(r -> !r.id().equals("TX-DE-DOM-2021")).toList();

        InvoiceDraft draft = context.draft(bauerMigration());

        assertThat(draft.tax().amount()).isEqualByComparingTo("0");
        assertThat(draft.taxGroups()).singleElement().satisfies(g -> assertThat(g.ruleId()).isNull());
        assertThat(draft.reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(RouteCode.TAX_RULE);
            assertThat(r.reviewerRole()).isEqualTo(OwnerRole.FINANCE);
            assertThat(r.text()).contains("no tax rule").contains("DE01 (DE) to C-BAUER (DE, business with tax id)");
        });
    }

    @Test
    void reverseChargeWithoutTheSellersVatIdIsSentToFinance() {
        context.entities = new java.util.HashMap<>(DraftFixtures.entities());
        context.entities.put("DE01", new LegalEntity("DE01", "Northwind Consulting GmbH", "DE", "EUR", null, "Berlin", "NWDE"));

        InvoiceDraft draft = context.draft(acme(zoe("T-1", 12, "7.5")));

        assertThat(draft.taxGroups()).singleElement().satisfies(g -> assertThat(g.category()).isEqualTo("AE"));
        assertThat(draft.reasons()).extracting(RouteReason::code, RouteReason::text).singleElement()
                .satisfies(t -> assertThat(t.toList()).containsExactly(RouteCode.TAX_RULE,
                        "reverse charge (TX-DE-EU-B2B-RC) needs both VAT ids on the invoice, but legal entity DE01 has none"));
    }

    @Test
    void aTaxRuleRowRefusedAtLoadingSendsTheSellersDraftsToFinance() {
        context.refused.add(new DraftContext.RefusedTaxRule("DE", "tax_rules.csv line 9 (TX-DE-ZERO) refused: category S with rate 0 %"));

        InvoiceDraft draft = context.draft(bauerMigration());

        assertThat(draft.reasons()).extracting(RouteReason::text).singleElement().asString().contains("line 9 (TX-DE-ZERO)");
    }

    // ------------------------------------------------------------------ routing

    @Test
    void aDraftAboveItsCurrencysAutoApproveLimitGoesToFinance() {
        context.policy = DraftFixtures.policy("approval.auto-approve-limit.EUR=1000");

        InvoiceDraft draft = context.draft(acme(zoe("T-1", 12, "7.5")));

        assertThat(draft.reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(RouteCode.AMOUNT_ABOVE_LIMIT);
            assertThat(r.reviewerId()).isEqualTo("finance@example");
            assertThat(r.text()).isEqualTo("gross EUR 1,387.50 is above the auto-approve limit of EUR 1,000.00");
        });
    }

    @Test
    void aCurrencyWithoutAnAutoApproveLimitIsNeverApprovedAutomatically() {
        context.policy = new DraftPolicy(java.util.Map.of(), BigDecimal.ZERO, java.util.Map.of(), "finance@example");

        InvoiceDraft draft = context.draft(acme(zoe("T-1", 12, "7.5")));

        assertThat(draft.reasons()).extracting(RouteReason::text)
                .containsExactly("no auto-approve limit is set for EUR (policy key approval.auto-approve-limit.EUR)");
    }

    @Test
    void aWarningOnABilledRecordRoutesTheDraftToTheExceptionsOwner() {
        TimeEntry entry = zoe("T-1", 12, "7.5");
        context.exception(31, "EXPENSE_NEAR_DUPLICATE", "warn", OwnerRole.PROJECT_MANAGER, "E-009", RecordKind.TIME_ENTRY, entry.ref().rowId(),
                "T-1");
        context.exception(32, "TIME_UNAPPROVED", "block", OwnerRole.PROJECT_MANAGER, "E-009", RecordKind.TIME_ENTRY, 999, "T-999");

        InvoiceDraft draft = context.draft(acme(entry));

        // the exception on T-999, a record this draft does not bill, does not touch it
        assertThat(draft.reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(RouteCode.OPEN_EXCEPTION);
            assertThat(r.reviewerRole()).isEqualTo(OwnerRole.PROJECT_MANAGER);
            assertThat(r.reviewerId()).isEqualTo("E-009");
            assertThat(r.text()).startsWith("open exception EXPENSE_NEAR_DUPLICATE (warn) on time entry T-1");
        });
    }

    @Test
    void exceptionsOnTheContractOrOnAConsultantWhoseTimeIsBilledRouteTheDraft() {
        context.exception(40, "BILLING_SPIKE", "warn", OwnerRole.FINANCE, "finance@example", RecordKind.CONTRACT, 212, "K-ACME-1");
        context.exception(41, "HOURS_ABOVE_NORM", "warn", OwnerRole.CONSULTANT, "E-009", RecordKind.CONSULTANT, 77, "E-009");
        context.exception(42, "HOURS_ABOVE_NORM", "warn", OwnerRole.PROJECT_MANAGER, "E-103", RecordKind.CONSULTANT, 78, "E-109");

        InvoiceDraft draft = context.draft(acme(zoe("T-1", 12, "7.5")));

        // a consultant's own exception is reviewed by the draft's project manager; E-109 has no time on this draft
        assertThat(draft.reasons()).extracting(RouteReason::reviewerRole, RouteReason::reviewerId).containsExactly(
                tuple(OwnerRole.FINANCE, "finance@example"),
                tuple(OwnerRole.PROJECT_MANAGER, "E-009"));
    }

    @Test
    void thePolicyCanSendEveryOpenExceptionToFinance() {
        TimeEntry entry = zoe("T-1", 12, "7.5");
        context.exception(31, "EXPENSE_NEAR_DUPLICATE", "warn", OwnerRole.PROJECT_MANAGER, "E-009", RecordKind.TIME_ENTRY, entry.ref().rowId(),
                "T-1");
        context.policy = DraftFixtures.policy("approval.route.OPEN_EXCEPTION=finance");

        InvoiceDraft draft = context.draft(acme(entry));

        assertThat(draft.reasons()).extracting(RouteReason::reviewerRole, RouteReason::reviewerId)
                .containsExactly(tuple(OwnerRole.FINANCE, "finance@example"));
    }

    @Test
    void aContractBilledInAnotherModelKeepsItsDraftId() {
        Contract tm = contractWithModel(contract(context.firm, "K-KESTREL-1"), BillingModel.TIME_AND_MATERIALS);
        context.contract(tm);

        assertThat(context.draft(kestrel(1)).draftId()).isEqualTo("2026-10-NWGB-K-KESTREL-1");
    }

    private static Money eur(String amount) {
        return Money.of(dec(amount), "EUR");
    }

    private static Money gbp(String amount) {
        return Money.of(dec(amount), "GBP");
    }
}
