package org.billrun.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.billrun.credit.RecordFate.Fate;
import org.billrun.credit.RecordFate.GivenBack;
import org.billrun.credit.RecordFate.Line;
import org.billrun.credit.RecordFate.State;
import org.junit.jupiter.api.Test;

/**
 * Conservation after credits and rebills (docs/credits.md, "Conservation"), on lineage written by hand: a
 * credited-and-rebilled record counts once, on its live line; a credited record not rebilled ends credited
 * with reason and approver.
 */
class RecordFateTests {

    private static final Line ORIGINAL = new Line(1, "2026-10-NWDE-K-BAUER-2", 1, "NWDE-2026-000003", null);
    private static final Line REBILL_DRAFTED = new Line(2, "2026-10-NWDE-K-BAUER-2-R1", 1, null, 1L);
    private static final Line REBILL_INVOICED = new Line(2, "2026-10-NWDE-K-BAUER-2-R1", 1, "NWDE-2026-000014", 1L);

    private static GivenBack credit(long id, String invoice, boolean rebill, CreditReason reason) {
        return new GivenBack(id, "NWDE-CN-2026-00000" + id, invoice, 1, rebill, reason, "finance");
    }

    @Test
    void aRecordOnOneLiveLineNoCreditGaveBackIsBilledThere() {
        Fate fate = RecordFate.of(List.of(ORIGINAL), List.of());

        assertThat(fate.state()).isEqualTo(State.BILLED);
        assertThat(fate.line()).isEqualTo(ORIGINAL);
    }

    @Test
    void aCreditedRecordNotRebilledEndsCreditedWithTheCreditsReasonAndApprover() {
        Fate fate = RecordFate.of(List.of(ORIGINAL), List.of(credit(1, "NWDE-2026-000003", false, CreditReason.HOURS)));

        assertThat(fate.state()).isEqualTo(State.CREDITED);
        assertThat(fate.credit().creditNumber()).isEqualTo("NWDE-CN-2026-000001");
        assertThat(fate.credit().reason()).isEqualTo(CreditReason.HOURS);
        assertThat(fate.credit().approvedBy()).isEqualTo("finance");
    }

    @Test
    void aCreditedRecordWithARebillWaitsForItUntilARunDraftsIt() {
        GivenBack rebill = credit(1, "NWDE-2026-000003", true, CreditReason.RATE);

        assertThat(RecordFate.of(List.of(ORIGINAL), List.of(rebill)).state()).isEqualTo(State.AWAITING_REBILL);
        assertThat(RecordFate.of(List.of(ORIGINAL, REBILL_DRAFTED), List.of(rebill))).satisfies(f -> {
            assertThat(f.state()).as("counted once, on the rebill's live line").isEqualTo(State.BILLED);
            assertThat(f.line()).isEqualTo(REBILL_DRAFTED);
        });
        assertThat(RecordFate.of(List.of(ORIGINAL, REBILL_INVOICED), List.of(rebill)).line()).isEqualTo(REBILL_INVOICED);
    }

    @Test
    void aRebillLineCreditedInItsTurnWithoutARebillEndsCreditedByThatCredit() {
        Fate fate = RecordFate.of(List.of(ORIGINAL, REBILL_INVOICED), List.of(credit(1, "NWDE-2026-000003", true, CreditReason.RATE),
                credit(2, "NWDE-2026-000014", false, CreditReason.GOODWILL)));

        assertThat(fate.state()).isEqualTo(State.CREDITED);
        assertThat(fate.credit().creditId()).isEqualTo(2);
        assertThat(fate.credit().reason()).isEqualTo(CreditReason.GOODWILL);
    }

    @Test
    void aCreditOfAnotherInvoiceOrLineDoesNotGiveTheRecordsLineBack() {
        GivenBack otherInvoice = credit(1, "NWDE-2026-000099", false, CreditReason.HOURS);
        GivenBack otherLine = new GivenBack(2, "NWDE-CN-2026-000002", "NWDE-2026-000003", 2, false, CreditReason.HOURS, "finance");

        assertThat(RecordFate.of(List.of(ORIGINAL), List.of(otherInvoice, otherLine)).state()).isEqualTo(State.BILLED);
    }

    @Test
    void aRecordOnTwoLiveLinesNoCreditGaveBackIsBilledTwiceABreach() {
        assertThat(RecordFate.of(List.of(ORIGINAL, REBILL_DRAFTED), List.of()).state()).isEqualTo(State.BILLED_TWICE);
    }

    @Test
    void aRecordOnNoLiveLineIsNotBilled() {
        assertThat(RecordFate.of(List.of(), List.of()).state()).isEqualTo(State.NOT_BILLED);
        assertThat(State.AWAITING_REBILL.label()).isEqualTo("awaiting rebill");
    }
}
