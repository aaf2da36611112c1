package org.billrun.events.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InboundDecisionTests {

    private static final InboundDecision.Invoice INVOICE = new InboundDecision.Invoice(7, 70, "NWDE-2026-000001", "EUR",
            new BigDecimal("1190.0000"));

    private static InboundRow payment(String amount, String currency) {
        return new InboundRow("bank:payment:P-1", "line 2", 2, "payment", "P-1", "NWDE-2026-000001", amount, currency, "2026-11-03", "ref", null);
    }

    private static InboundDecision.Outcome decide(InboundRow row, BigDecimal paidBefore) {
        return InboundDecision.decide(row, Optional.of(INVOICE), paidBefore);
    }

    @Test
    void aPaymentShortOfTheGrossLeavesTheInvoicePartiallyPaid() {
        InboundDecision.Outcome outcome = decide(payment("1.000,00", "EUR"), BigDecimal.ZERO);

        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.payment()).hasValueSatisfying(p -> {
            assertThat(p.amount()).isEqualByComparingTo("1000");
            assertThat(p.paidTotal()).isEqualByComparingTo("1000");
            assertThat(p.state()).isEqualTo(PaymentState.PARTIALLY_PAID);
            assertThat(p.paidOn()).isEqualTo(LocalDate.of(2026, 11, 3));
        });
    }

    @Test
    void anApprovedCreditLowersWhatIsDueSoTheRestOfTheGrossPaysTheInvoiceInFull() {
        InboundDecision.Invoice credited = new InboundDecision.Invoice(7, 70, "NWDE-2026-000001", "EUR", new BigDecimal("1190.0000"),
                new BigDecimal("119.00"));

        InboundDecision.Outcome exact = InboundDecision.decide(payment("1071.00", "EUR"), Optional.of(credited), BigDecimal.ZERO);
        InboundDecision.Outcome whole = InboundDecision.decide(payment("1190.00", "EUR"), Optional.of(credited), BigDecimal.ZERO);

        assertThat(exact.payment()).hasValueSatisfying(p -> assertThat(p.state()).isEqualTo(PaymentState.PAID));
        assertThat(exact.problems()).isEmpty();
        assertThat(whole.payment()).hasValueSatisfying(p -> assertThat(p.state()).isEqualTo(PaymentState.PAID));
        assertThat(whole.problems()).singleElement().satisfies(p -> {
            assertThat(p.rule()).isEqualTo(InboundRule.OVERPAID);
            assertThat(p.message()).isEqualTo("line 2: NWDE-2026-000001 is paid 1190.00 EUR against 1071 EUR due"
                    + " (a gross of 1190 less 119 credited): 119 EUR too much");
        });
    }

    @Test
    void thePaymentThatCompletesTheGrossMakesItPaidAndNoCurrencyMeansTheInvoices() {
        InboundDecision.Outcome outcome = decide(payment("190", null), new BigDecimal("1000"));

        assertThat(outcome.payment()).hasValueSatisfying(p -> {
            assertThat(p.state()).isEqualTo(PaymentState.PAID);
            assertThat(p.paidTotal()).isEqualByComparingTo("1190");
            assertThat(p.currency()).isEqualTo("EUR");
        });
        assertThat(outcome.problems()).isEmpty();
    }

    @Test
    void anOverpaymentIsRecordedAndRaisedForFinance() {
        InboundDecision.Outcome outcome = decide(payment("200.00", "EUR"), new BigDecimal("1000"));

        assertThat(outcome.payment()).hasValueSatisfying(p -> assertThat(p.state()).isEqualTo(PaymentState.PAID));
        assertThat(outcome.problems()).singleElement().satisfies(p -> {
            assertThat(p.rule()).isEqualTo(InboundRule.OVERPAID);
            assertThat(p.message()).contains("1200.00 EUR", "1190 EUR", "10 EUR too much");
        });
    }

    @Test
    void anAmountInAnotherCurrencyIsNotConvertedButRaised() {
        InboundDecision.Outcome outcome = decide(payment("1000.00", "USD"), BigDecimal.ZERO);

        assertThat(outcome.payment()).isEmpty();
        assertThat(outcome.problems()).singleElement().satisfies(p -> {
            assertThat(p.rule()).isEqualTo(InboundRule.CURRENCY_MISMATCH);
            assertThat(p.message()).contains("USD", "in EUR");
        });
    }

    @Test
    void anUnknownNumberAnAmbiguousAmountAndABadDateAreEachRaisedWithTheirRule() {
        assertThat(InboundDecision.decide(payment("10", "EUR"), Optional.empty(), BigDecimal.ZERO).problems())
                .extracting(InboundFile.Problem::rule).containsExactly(InboundRule.UNKNOWN_INVOICE);
        assertThat(decide(payment("1,234", "EUR"), BigDecimal.ZERO).problems()).extracting(InboundFile.Problem::rule)
                .containsExactly(InboundRule.BAD_AMOUNT);
        InboundRow badDate = new InboundRow("k", "line 2", 2, "payment", null, "NWDE-2026-000001", "10", "EUR", "03.11.2026", null, null);
        assertThat(decide(badDate, BigDecimal.ZERO).problems()).extracting(InboundFile.Problem::rule).containsExactly(InboundRule.BAD_DATE);
        InboundRow noKind = new InboundRow("k", "line 2", 2, "refund", null, "NWDE-2026-000001", "10", "EUR", "2026-11-03", null, null);
        assertThat(decide(noKind, BigDecimal.ZERO).problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("unknown kind 'refund'"));
    }

    @Test
    void aDisputeNoticeOnAKnownInvoiceIsPassedOnWithItsReason() {
        InboundRow notice = new InboundRow("crm:dispute:D-1", "line 3", 3, "dispute_notice", "D-1", "NWDE-2026-000001", null, null, "2026-11-04",
                null, "hours on 12 Oct not agreed");

        InboundDecision.Outcome outcome = decide(notice, BigDecimal.ZERO);

        assertThat(outcome.payment()).isEmpty();
        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.notice()).hasValueSatisfying(n -> {
            assertThat(n.reason()).isEqualTo("hours on 12 Oct not agreed");
            assertThat(n.receivedOn()).isEqualTo(LocalDate.of(2026, 11, 4));
        });
    }
}
