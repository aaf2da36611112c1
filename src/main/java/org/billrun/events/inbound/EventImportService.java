package org.billrun.events.inbound;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.billrun.audit.AuditAction;
import org.billrun.audit.AuditLog;
import org.billrun.credit.CreditQueries;
import org.billrun.disputes.port.DisputeRefusedException;
import org.billrun.disputes.port.Disputes;
import org.billrun.disputes.port.OpenDispute;
import org.billrun.posting.PostingQueries;
import org.billrun.posting.PostingQueries.NumberedInvoice;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * `billrun events import FILE`: reads payment confirmations and dispute notices, matches them to invoices by
 * final number, records payments (each with its `paid` or `partially_paid` event, by the payment table's
 * trigger), hands dispute notices to the dispute service, and makes every row it cannot act on an exception
 * for finance. One row per transaction; a row imported before is recognised by its key and records nothing
 * new, so the same file can be imported again (after a crash, or by a scheduler) without paying twice.
 */
@Service
public class EventImportService {

    /** What one import did. */
    public record Summary(String file, String sha256, int rowsRead, int paymentsRecorded, int alreadyRecorded, int duplicatesInFile,
            int disputesRecorded, int exceptionsRaised, int exceptionsAlreadyOpen, List<String> messages) {}

    private final PostingQueries postings;
    private final InboundQueries store;
    private final TransactionTemplate tx;
    private final ObjectProvider<Disputes> disputes;
    private final AuditLog audit;
    private final CreditQueries credits;

    EventImportService(PostingQueries postings, InboundQueries store, PlatformTransactionManager transactions, ObjectProvider<Disputes> disputes,
            AuditLog audit, CreditQueries credits) {
        this.postings = postings;
        this.credits = credits;
        this.store = store;
        this.tx = new TransactionTemplate(transactions);
        this.disputes = disputes;
        this.audit = audit;
    }

    /**
     * Closes an open exception of an imported row (resolved or waived) with who and why, and writes the decision to the
     * audit log in the same transaction, as every exception decision is; empty when there is no such open exception.
     */
    public Optional<InboundQueries.RowException> decide(long exceptionId, InboundExceptionStatus status, String who, String reason) {
        if (status == InboundExceptionStatus.OPEN) {
            throw new IllegalArgumentException("an exception is closed as resolved or waived, not " + status.label());
        }
        return tx.execute(s -> {
            Optional<InboundQueries.RowException> decided = store.decide(exceptionId, status, who, reason);
            decided.ifPresent(e -> audit.append(List.of(new AuditLog.Entry(who,
                    status == InboundExceptionStatus.WAIVED ? AuditAction.WAIVED : AuditAction.RESOLVED, "inbound_exception", exceptionId, null,
                    "%s of an imported row (%s:%s%s): %s".formatted(e.rule().code(), e.sourceFile(), e.line(),
                            e.finalNumber() == null ? "" : ", invoice " + e.finalNumber(), reason)))));
            return decided;
        });
    }

    /**
     * Imports {@code file}, opening dispute notices through the disputes stage's port ({@link Disputes}): one
     * dispute per notice, known to it by the source and the row's import key, so a re-import opens none twice.
     */
    public Summary importFile(Path file, String source, String actor) throws IOException {
        Disputes port = disputes.getIfAvailable();
        DisputeNotices notices = port == null ? null : n -> Long.toString(port.open(new OpenDispute(n.finalNumber(), n.reason(), List.of(),
                source, n.importKey(), n.actor())).disputeId());
        return importFile(file, source, actor, notices);
    }

    /**
     * Imports {@code file}; {@code source} names the system the ids come from (two systems may number rows
     * alike); {@code disputes} is null when no dispute service is there (each matched notice is then an exception).
     */
    public Summary importFile(Path file, String source, String actor, DisputeNotices disputes) throws IOException {
        InboundFile.Parsed parsed = InboundFile.read(file, source);
        Counts counts = new Counts();
        for (InboundFile.Problem p : parsed.problems()) {
            tx.executeWithoutResult(s -> raise(p, null, parsed, actor, counts));
        }
        for (InboundRow row : parsed.rows()) {
            tx.executeWithoutResult(s -> importRow(row, parsed, actor, disputes, counts));
        }
        for (PendingNotice p : counts.notices) {
            // outside the row's transaction: the dispute service runs its own, and a refusal must not roll back the row's records
            try {
                String ref = disputes.open(p.notice());
                tx.executeWithoutResult(s -> store.noticeRecorded(p.notice().importKey(), ref));
                counts.disputes++;
            } catch (DisputeRefusedException refused) {
                tx.executeWithoutResult(s -> {
                    store.forgetNotice(p.notice().importKey());
                    raise(new InboundFile.Problem(p.row(), InboundRule.DISPUTE_NOT_RECORDED, "%s: the dispute notice on %s was refused: %s"
                            .formatted(p.row().where(), p.notice().finalNumber(), refused.getMessage())), null, parsed, actor, counts);
                });
            }
        }
        return new Summary(parsed.fileName(), parsed.sha256(), parsed.rowsRead(), counts.payments, counts.already, parsed.duplicates(),
                counts.disputes, counts.raised, counts.open, List.copyOf(counts.messages));
    }

    private void importRow(InboundRow row, InboundFile.Parsed parsed, String actor, DisputeNotices disputes, Counts counts) {
        Optional<InboundQueries.Payment> earlier = store.paymentByKey(row.importKey());
        if (earlier.isPresent()) {
            InboundQueries.Payment e = earlier.get();
            if (e.finalNumber().equals(row.invoice())) {
                counts.already++;
            } else {
                raise(new InboundFile.Problem(row, InboundRule.CONFLICTING_DUPLICATE, "%s: id %s was recorded before as a payment on %s (%s, %s)"
                        .formatted(row.where(), row.id(), e.finalNumber(), e.sourceFile(), e.importKey())), null, parsed, actor, counts);
            }
            return;
        }
        Optional<NumberedInvoice> numbered = row.invoice() == null ? Optional.empty() : postings.byFinalNumber(row.invoice());
        Optional<InboundDecision.Invoice> invoice = numbered.map(n -> new InboundDecision.Invoice(n.postingId(), n.versionId(),
                n.finalNumber(), n.currency(), n.gross(), credits.approvedGrossOf(n.finalNumber())));
        BigDecimal paidBefore = invoice.map(i -> store.lockAndSumPayments(i.postingId())).orElse(BigDecimal.ZERO);
        InboundDecision.Outcome outcome = InboundDecision.decide(row, invoice, paidBefore);
        outcome.payment().ifPresent(p -> {
            store.insertPayment(row.importKey(), invoice.orElseThrow(), p, row.reference(), parsed.fileName(), parsed.sha256(), row.line(), actor);
            counts.payments++;
        });
        outcome.notice().ifPresent(n -> {
            if (disputes == null) {
                raise(new InboundFile.Problem(row, InboundRule.DISPUTE_NOT_RECORDED, "%s: a dispute notice on %s (%s) was not recorded: no dispute service is there"
                        .formatted(row.where(), row.invoice(), row.reason() == null ? "no reason given" : row.reason())), invoice, parsed, actor, counts);
            } else if (store.claimNotice(row.importKey(), invoice.orElseThrow(), n, parsed.fileName(), row.line(), actor)) {
                counts.notices.add(new PendingNotice(row, new DisputeNotices.Notice(invoice.orElseThrow().finalNumber(),
                        invoice.orElseThrow().versionId(), row.importKey(), n.receivedOn(), n.reason(), actor)));
            } else {
                counts.already++;
            }
        });
        for (InboundFile.Problem p : outcome.problems()) {
            raise(p, invoice, parsed, actor, counts);
        }
    }

    private void raise(InboundFile.Problem p, Optional<InboundDecision.Invoice> invoice, InboundFile.Parsed parsed, String actor, Counts counts) {
        InboundRow row = p.row();
        InboundKind kind = row.kindText() == null ? InboundKind.UNKNOWN : InboundKind.named(row.kindText()).orElse(InboundKind.UNKNOWN);
        BigDecimal amount = null;
        try {
            amount = row.amount() == null ? null : Amounts.parse(row.amount(), 4);
        } catch (Amounts.BadAmount e) {
            // the message says what is wrong with it; the column stays empty
        }
        String currency = row.currency() != null ? row.currency() : invoice == null ? null : invoice.map(InboundDecision.Invoice::currency).orElse(null);
        boolean raised = store.raise(row.importKey(), kind, p.rule(), row.invoice(), amount, currency == null || currency.length() > 3 ? null : currency,
                parsed.fileName(), row.line(), p.message(), actor);
        if (raised) {
            counts.raised++;
        } else {
            counts.open++;
        }
        counts.messages.add(p.rule().code() + ": " + p.message());
    }

    private record PendingNotice(InboundRow row, DisputeNotices.Notice notice) {}

    private static final class Counts {
        final List<PendingNotice> notices = new ArrayList<>();
        int payments;
        int already;
        int disputes;
        int raised;
        int open;
        final List<String> messages = new ArrayList<>();
    }
}
