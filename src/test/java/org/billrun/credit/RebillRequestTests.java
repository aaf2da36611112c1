package org.billrun.credit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.billrun.billing.Money;
import org.billrun.infra.RefusedException;
import org.junit.jupiter.api.Test;

/** What a credit asked with --rebill must give back (docs/credits.md, "Rebills"): whole lines, of a contract that bills by the record. */
class RebillRequestTests {

    private static CreditArithmetic.CreditLine line(int lineNo, String net, boolean closes) {
        Money amount = Money.of(new BigDecimal(net), "EUR");
        return new CreditArithmetic.CreditLine(lineNo, null, amount, Money.zero("EUR"), null, closes);
    }

    private static CreditArithmetic.Result credit(CreditArithmetic.CreditLine... lines) {
        Money net = Money.zero("EUR");
        for (CreditArithmetic.CreditLine l : lines) {
            net = net.plus(l.net());
        }
        return new CreditArithmetic.Result("EUR", List.of(lines), net, Money.zero("EUR"), net);
    }

    @Test
    void linesGivenBackToTheEndOfATimeAndMaterialsOrFixedFeeInvoiceCanBeRebilled() {
        assertThatCode(() -> CreditService.requireRebillable("NWDE-2026-000001", "time_and_materials",
                credit(line(1, "4935.00", true), line(2, "100.00", true)))).doesNotThrowAnyException();
        assertThatCode(() -> CreditService.requireRebillable("NWDE-2026-000003", "fixed_fee", credit(line(1, "45000.00", true))))
                .doesNotThrowAnyException();
    }

    @Test
    void aLineCreditedInPartIsRefusedItWouldKeepBillingItsRecords() {
        assertThatThrownBy(() -> CreditService.requireRebillable("NWDE-2026-000001", "time_and_materials",
                credit(line(1, "4935.00", true), line(2, "420.00", false)))).isInstanceOf(RefusedException.class)
                .hasMessage("NWDE-2026-000001: --rebill reopens whole records, but line 2 is credited in part and keeps billing its records;"
                        + " credit what is left of a line (--line N alone) to rebill it, or credit the part without --rebill");
        assertThatThrownBy(() -> CreditService.requireRebillable("NWDE-2026-000001", "time_and_materials",
                credit(line(1, "10.00", false), line(2, "420.00", false)))).isInstanceOf(RefusedException.class)
                .hasMessageContaining("but lines 1, 2 are credited in part and keep billing their records;");
    }

    @Test
    void aRetainerOrCappedContractsInvoiceIsRefusedItsBalanceOrCapIsThePeriods() {
        assertThatThrownBy(() -> CreditService.requireRebillable("NWDE-2026-000007", "retainer", credit(line(1, "100.00", true))))
                .isInstanceOf(RefusedException.class).hasMessageContaining("--rebill is not for a retainer contract");
        assertThatThrownBy(() -> CreditService.requireRebillable("NWGB-2026-000002", "not_to_exceed", credit(line(1, "100.00", true))))
                .isInstanceOf(RefusedException.class).hasMessageContaining("--rebill is not for a not-to-exceed contract");
    }
}
