package org.billrun.events.inbound;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.billrun.billing.MoneyFormat;

/**
 * What to do with one imported row, given the invoice its number names (if any) and what was paid on it
 * before: record a payment (and what it makes the invoice), pass a dispute notice on, and/or raise
 * exceptions for finance. Plain Java: no database; {@link EventImportService} loads and stores.
 */
final class InboundDecision {

    /**
     * The invoice a final number names, as posting numbered it, with the gross of its approved credit memos ({@code
     * credited}, zero for none): what the client owes is the gross less what was credited.
     */
    record Invoice(long postingId, long versionId, String finalNumber, String currency, BigDecimal gross, BigDecimal credited) {

        Invoice(long postingId, long versionId, String finalNumber, String currency, BigDecimal gross) {
            this(postingId, versionId, finalNumber, currency, gross, BigDecimal.ZERO);
        }

        /** What the client owes before any payment: the gross less the approved credits. */
        BigDecimal due() {
            return gross.subtract(credited);
        }
    }

    /** A payment to record: the amount, the invoice's total after it, and what that makes the invoice. */
    record NewPayment(BigDecimal amount, String currency, LocalDate paidOn, BigDecimal paidTotal, PaymentState state) {}

    /** A dispute notice to pass to the dispute service. */
    record Notice(LocalDate receivedOn, String reason) {}

    record Outcome(Optional<NewPayment> payment, Optional<Notice> notice, List<InboundFile.Problem> problems) {}

    private InboundDecision() {}

    static Outcome decide(InboundRow row, Optional<Invoice> invoice, BigDecimal paidBefore) {
        List<InboundFile.Problem> problems = new ArrayList<>();
        Optional<InboundKind> kind = row.kindText() == null ? Optional.empty() : InboundKind.named(row.kindText());
        if (kind.isEmpty()) {
            return refused(row, InboundRule.BAD_ROW, row.kindText() == null ? "%s has no kind (payment or dispute)".formatted(row.where())
                    : "%s: unknown kind '%s' (payment or dispute)".formatted(row.where(), row.kindText()));
        }
        if (row.invoice() == null) {
            return refused(row, InboundRule.BAD_ROW, "%s names no invoice number".formatted(row.where()));
        }
        if (invoice.isEmpty()) {
            return refused(row, InboundRule.UNKNOWN_INVOICE, "%s: no invoice numbered %s".formatted(row.where(), row.invoice()));
        }
        Invoice inv = invoice.get();
        LocalDate date;
        try {
            date = row.date() == null ? null : LocalDate.parse(row.date());
        } catch (DateTimeParseException e) {
            return refused(row, InboundRule.BAD_DATE, "%s: date '%s' is not YYYY-MM-DD".formatted(row.where(), row.date()));
        }
        if (kind.get() == InboundKind.DISPUTE) {
            return new Outcome(Optional.empty(), Optional.of(new Notice(date, row.reason())), problems);
        }
        if (date == null) {
            return refused(row, InboundRule.BAD_DATE, "%s: a payment needs its date (YYYY-MM-DD)".formatted(row.where()));
        }
        String currency = row.currency() == null ? inv.currency() : row.currency();
        if (!currency.equals(inv.currency())) {
            return refused(row, InboundRule.CURRENCY_MISMATCH, "%s: %s %s paid on %s, which is in %s; billrun converts nothing"
                    .formatted(row.where(), row.amount(), currency, inv.finalNumber(), inv.currency()));
        }
        BigDecimal amount;
        try {
            amount = Amounts.parse(row.amount(), MoneyFormat.minorDigits(currency), currency);
        } catch (Amounts.BadAmount e) {
            return refused(row, InboundRule.BAD_AMOUNT, "%s: %s".formatted(row.where(), e.getMessage()));
        }
        BigDecimal total = paidBefore.add(amount);
        BigDecimal due = inv.due();
        PaymentState state = total.compareTo(due) >= 0 ? PaymentState.PAID : PaymentState.PARTIALLY_PAID;
        if (total.compareTo(due) > 0) {
            String against = inv.credited().signum() == 0 ? "a gross of %s %s".formatted(plain(inv.gross()), currency)
                    : "%s %s due (a gross of %s less %s credited)".formatted(plain(due), currency, plain(inv.gross()), plain(inv.credited()));
            problems.add(new InboundFile.Problem(row, InboundRule.OVERPAID, "%s: %s is paid %s %s against %s: %s %s too much"
                    .formatted(row.where(), inv.finalNumber(), total.toPlainString(), currency, against,
                            plain(total.subtract(due)), currency)));
        }
        return new Outcome(Optional.of(new NewPayment(amount, currency, date, total, state)), Optional.empty(), problems);
    }

    private static String plain(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }

    private static Outcome refused(InboundRow row, InboundRule rule, String message) {
        return new Outcome(Optional.empty(), Optional.empty(), List.of(new InboundFile.Problem(row, rule, message)));
    }
}
