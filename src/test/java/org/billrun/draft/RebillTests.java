package org.billrun.draft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billrun.draft.DraftFixtures.contract;
import static org.billrun.validate.Fixtures.expense;
import static org.billrun.validate.Fixtures.oct;
import static org.billrun.validate.Fixtures.rateRow;
import static org.billrun.validate.Fixtures.time;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.billrun.billing.Contract;
import org.billrun.billing.Expense;
import org.billrun.billing.TimeEntry;
import org.billrun.draft.port.Rebills;
import org.billrun.validate.ValidationQueries.Billed;
import org.junit.jupiter.api.Test;

/**
 * The rules of a rebill draft (docs/credits.md, "Rebills") on the drafting fixtures: exactly the records a
 * credit reopened, as they are now (a rate corrected since the invoice), under an id of their own.
 */
class RebillTests {

    private static final long CREDIT = 7;

    private static TimeEntry zoe(String id, int day, String hours) {
        return time().id(id, 100 + day).by("E-009").on("P-ACME-ERP", "TK-ACME-ERP-1").date(oct(day)).hours(hours).build();
    }

    private static Rebills.Reopened reopened(Rebills.Record... records) {
        return new Rebills.Reopened(CREDIT, "NWDE-CN-2026-000001", "2026-10-NWDE-K-ACME-1", Set.of(records));
    }

    private static Rebills.Record timeEntry(String key) {
        return new Rebills.Record("time_entry", key);
    }

    private static List<Billed<TimeEntry>> billed(String contractId, TimeEntry... entries) {
        return java.util.Arrays.stream(entries).map(e -> new Billed<>(contractId, e)).toList();
    }

    @Test
    void aRebillAfterARateCorrectionBillsOnlyTheReopenedRecordsAtTheCorrectedRateUnderItsOwnId() {
        DraftFixtures.Context invoiced = new DraftFixtures.Context();
        Contract acme = contract(invoiced.firm, "K-ACME-1");
        TimeEntry t1 = zoe("T-1", 12, "7.5");
        TimeEntry t2 = zoe("T-2", 13, "2");
        InvoiceDraft original = invoiced.draft(new ContractWork(acme, List.of(t1, t2), List.of(), List.of()));
        // RC-ACME: senior consultant 185.00 to 2026-10-15 (R-0034): 9.5 h, 1757.50
        assertThat(original.net().amount()).isEqualByComparingTo("1757.50");

        DraftFixtures.Context corrected = new DraftFixtures.Context();
        corrected.firm.rates.add(rateRow("R-0099,RC-ACME,contract,K-ACME-1,senior_consultant,EUR,175.00,2026-10-01,2026-10-15"));
        Map<String, ContractWork> work = Rebill.work(reopened(timeEntry("T-1")), Map.of("K-ACME-1", acme), billed("K-ACME-1", t1, t2),
                List.of(), Map.of());
        InvoiceDraft rebill = Rebill.asRebill(corrected.draft(work.get("K-ACME-1")), CREDIT);

        assertThat(work.get("K-ACME-1").time()).extracting(TimeEntry::entryId).containsExactly("T-1");
        assertThat(rebill.draftId()).isEqualTo("2026-10-NWDE-K-ACME-1-R7");
        assertThat(rebill.lines()).singleElement().satisfies(line -> {
            assertThat(line.key()).isEqualTo("P-ACME-ERP|senior_consultant|R-0099");
            assertThat(line.quantity()).isEqualByComparingTo("7.5");
            assertThat(line.unitPrice()).isEqualByComparingTo("175.00");
            assertThat(line.net().amount()).isEqualByComparingTo("1312.50");
            assertThat(line.sources()).extracting(s -> s.record().key()).containsExactly("T-1");
        });
        assertThat(rebill.gross()).isEqualTo(rebill.net().plus(rebill.tax()));
    }

    @Test
    void correctedHoursOfAReopenedEntryAreBilledAsTheRunValidatedThem() {
        DraftFixtures.Context context = new DraftFixtures.Context();
        Contract acme = contract(context.firm, "K-ACME-1");
        TimeEntry newVersion = zoe("T-1", 12, "5.5");

        Map<String, ContractWork> work = Rebill.work(reopened(timeEntry("T-1")), Map.of("K-ACME-1", acme), billed("K-ACME-1", newVersion),
                List.of(), Map.of());

        assertThat(context.draft(work.get("K-ACME-1")).net().amount()).as("5.5 h at 185.00").isEqualByComparingTo("1017.50");
    }

    @Test
    void recordsTheRunDoesNotBillOnAnInvoicedContractAndRecordsOfAnotherKindAreNotRebilled() {
        DraftFixtures.Context context = new DraftFixtures.Context();
        Contract acme = contract(context.firm, "K-ACME-1");
        TimeEntry moved = zoe("T-3", 14, "1");
        Expense sameKey = expense().id("T-1", 90).build();

        Map<String, ContractWork> work = Rebill.work(reopened(timeEntry("T-1"), timeEntry("T-3"), timeEntry("T-9")), Map.of("K-ACME-1", acme),
                billed("K-OTHER-1", moved), List.of(new Billed<>("K-ACME-1", sameKey)), Map.of());

        assertThat(work).as("T-1 is an expense's id here, T-3 now bills a contract without an invoiced draft, T-9 is not valid").isEmpty();
    }

    @Test
    void aRebillDraftIdNamesTheCreditSoEachCreditHasOne() {
        assertThat(Rebill.draftId("2026-10-NWDE-K-BAUER-2", 12)).isEqualTo("2026-10-NWDE-K-BAUER-2-R12");
    }
}
