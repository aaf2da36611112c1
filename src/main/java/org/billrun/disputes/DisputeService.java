package org.billrun.disputes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.billrun.approval.ApprovalQueries;
import org.billrun.assist.reason.DisputeReason;
import org.billrun.assist.reason.ReasonClassifier;
import org.billrun.assist.reason.ReasonSuggestion;
import org.billrun.audit.AuditAction;
import org.billrun.audit.AuditLog;
import org.billrun.disputes.port.Dispute;
import org.billrun.disputes.port.DisputeRefusedException;
import org.billrun.disputes.port.DisputeState;
import org.billrun.disputes.port.Disputes;
import org.billrun.disputes.port.OpenDispute;
import org.billrun.draft.DraftQueries;
import org.billrun.posting.PostingQueries;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Disputes of final invoices (docs/disputes.md): opened from the command line or by the events import,
 * classified by the reason classifier (a suggestion with the words that decided it, for a person to confirm
 * or change), and resolved by a credit, a credit with rebill, or a rejection. Each action is one transaction
 * with its audit entry; opening and resolving add their events to the outbox by the table's triggers (V27).
 */
@Service
public class DisputeService implements Disputes {

    /** How a dispute is resolved: {@code disputes resolve ID (--credit | --rebill | --reject)}. */
    public enum Resolution {
        CREDIT(DisputeState.CREDITED), REBILL(DisputeState.REBILLED), REJECT(DisputeState.REJECTED);

        private final DisputeState state;

        Resolution(DisputeState state) {
            this.state = state;
        }

        public DisputeState state() {
            return state;
        }
    }

    /** Trained once per process on the shipped labelled set (a few milliseconds), on first use. */
    private static final class Classifier {
        static final ReasonClassifier SHIPPED = ReasonClassifier.shipped();
    }

    private final DisputeQueries disputes;
    private final PostingQueries postings;
    private final ApprovalQueries versions;
    private final DraftQueries drafts;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    DisputeService(DisputeQueries disputes, PostingQueries postings, ApprovalQueries versions, DraftQueries drafts, AuditLog audit,
            PlatformTransactionManager transactions) {
        this.disputes = disputes;
        this.postings = postings;
        this.versions = versions;
        this.drafts = drafts;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
    }

    /** The classifier's suggestion for a dispute text (what {@link #open} stores). */
    public static ReasonSuggestion suggest(String reasonText) {
        return Classifier.SHIPPED.classify(reasonText);
    }

    @Override
    public Dispute open(OpenDispute request) {
        String text = request.reasonText() == null ? "" : request.reasonText().strip();
        if (text.isEmpty()) {
            throw new DisputeRefusedException("a dispute needs the client's reason (--reason-text)");
        }
        String number = request.invoice() == null ? "" : request.invoice().strip();
        String actor = request.actor() == null || request.actor().isBlank() ? audit.actor() : request.actor().strip();
        return inTransaction(() -> {
            if (request.externalRef() != null) {
                var already = disputes.bySourceRef(request.source(), request.externalRef());
                if (already.isPresent()) {
                    return already.get();
                }
            }
            // a credit note's number is no invoice: PostingQueries.invoice looks up invoices only
            PostingQueries.FinalInvoice posting = postings.invoice(number)
                    .or(() -> postings.invoice(number.toUpperCase(Locale.ROOT)))
                    .orElseThrow(() -> new DisputeRefusedException("no invoice with the final number '" + number
                            + "' (billrun postings lists the final invoices)"));
            ApprovalQueries.Version version = versions.version(posting.draftId(), posting.versionNo())
                    .filter(v -> v.versionId() == posting.versionId())
                    .orElseThrow(() -> new IllegalStateException("the version of invoice " + posting.finalNumber() + " is missing"));
            DraftQueries.Detail draft = drafts.find(version.runId(), version.draftId(), false)
                    .orElseThrow(() -> new IllegalStateException("the draft of invoice " + posting.finalNumber() + " is missing"));
            Set<Integer> known = new TreeSet<>();
            draft.lines().forEach(l -> known.add(l.lineNo()));
            List<Integer> lines = new ArrayList<>(new TreeSet<>(request.lines()));
            List<Integer> unknown = lines.stream().filter(l -> !known.contains(l)).toList();
            if (!unknown.isEmpty()) {
                throw new DisputeRefusedException("invoice %s has no line %s (its lines are %s)".formatted(posting.finalNumber(),
                        String.join(", ", unknown.stream().map(String::valueOf).toList()), known));
            }
            ReasonSuggestion suggestion = suggest(text);
            long id = disputes.insert(version.versionId(), version.runId(), version.draftId(), version.versionNo(), version.entityId(),
                    draft.client().id(), draft.contractId(), draft.period(), posting.finalNumber(), version.currency(), lines, text, request.source(), request.externalRef(),
                    suggestion.reason(), suggestion.confidence(), suggestion.explanation(), actor);
            Dispute opened = disputes.dispute(id).orElseThrow();
            audit.append(List.of(new AuditLog.Entry(actor, AuditAction.DISPUTE_OPENED, "dispute", id, version.runId(),
                    "invoice %s (%s), %s, from %s%s: suggested %s".formatted(opened.finalNumber(), opened.draftId(), opened.linesText(),
                            opened.source(), opened.externalRef() == null ? "" : " " + opened.externalRef(), suggestion.explanation()))));
            return opened;
        });
    }

    /** The disputes, newest first; {@code state} narrows them (null: all). */
    public List<Dispute> list(DisputeState state) {
        return disputes.disputes(state);
    }

    public Dispute show(long disputeId) {
        return disputes.dispute(disputeId).orElseThrow(() -> unknown(disputeId));
    }

    /**
     * A person confirms the suggested reason or sets another; the audit entry records the suggestion and the
     * decision. A resolved dispute can still be classified (the class feeds the labelled set and the KPIs).
     */
    public Dispute classify(long disputeId, DisputeReason reason, String actor) {
        String who = actor == null || actor.isBlank() ? audit.actor() : actor;
        return inTransaction(() -> {
            Dispute d = disputes.lock(disputeId).orElseThrow(() -> unknown(disputeId));
            disputes.classify(disputeId, reason, who);
            String decision = reason == d.suggestedReason() ? "confirmed the suggestion " + reason.code()
                    : "changed the suggestion %s to %s".formatted(d.suggestedReason().code(), reason.code());
            String before = d.reason() == null ? "" : " (was %s by %s)".formatted(d.reason().code(), d.classifiedBy());
            audit.append(List.of(new AuditLog.Entry(who, AuditAction.DISPUTE_CLASSIFIED, "dispute", disputeId, d.runId(),
                    "invoice %s: %s%s; suggested %s".formatted(d.finalNumber(), decision, before, d.suggestion()))));
            return disputes.dispute(disputeId).orElseThrow();
        });
    }

    /**
     * Resolves an open dispute by rejecting it. A credit or rebill needs the credit memo issued in the same
     * transaction: {@link #resolve(long, Resolution, String, String, Function)}.
     */
    public Dispute resolve(long disputeId, Resolution resolution, String comment, String actor) {
        if (resolution != Resolution.REJECT) {
            throw new DisputeRefusedException("--" + resolution.name().toLowerCase(Locale.ROOT)
                    + " issues a credit memo: billrun disputes resolve issues it through the credit service");
        }
        return resolve(disputeId, resolution, comment, actor, d -> null);
    }

    /**
     * Resolves an open dispute in one transaction: the dispute is locked and checked open, then
     * {@code creditInTransaction} is called with it (for a credit or rebill it issues the credit memo of the
     * disputed lines, in this transaction, and returns the memo's reference or number; for a rejection it returns
     * null), then the dispute is closed and audited. A refusal by the credit service rolls everything back.
     */
    public Dispute resolve(long disputeId, Resolution resolution, String comment, String actor, Function<Dispute, String> creditInTransaction) {
        if (comment == null || comment.isBlank()) {
            throw new DisputeRefusedException("resolving a dispute needs a comment (--comment) saying why");
        }
        String who = actor == null || actor.isBlank() ? audit.actor() : actor;
        return inTransaction(() -> {
            Dispute d = disputes.lock(disputeId).orElseThrow(() -> unknown(disputeId));
            if (d.state() != DisputeState.OPEN) {
                throw new DisputeRefusedException("dispute %d is already %s (by %s at %s)".formatted(disputeId, d.state().label(),
                        d.resolvedBy(), d.resolvedAt()));
            }
            String credit = creditInTransaction.apply(d);
            if (resolution != Resolution.REJECT && credit == null) {
                throw new IllegalStateException("a " + resolution.state().label() + " dispute needs its credit memo");
            }
            disputes.resolve(disputeId, resolution.state(), who, comment.strip(), credit);
            audit.append(List.of(new AuditLog.Entry(who, AuditAction.DISPUTE_RESOLVED, "dispute", disputeId, d.runId(),
                    "invoice %s, %s: %s%s; reason %s: %s".formatted(d.finalNumber(), d.linesText(), resolution.state().label(),
                            credit == null ? "" : " by credit memo " + credit, d.effectiveReason().code(), comment.strip()))));
            return disputes.dispute(disputeId).orElseThrow();
        });
    }

    private static DisputeRefusedException unknown(long disputeId) {
        return new DisputeRefusedException("no dispute " + disputeId + " (billrun disputes list shows them)");
    }

    private <T> T inTransaction(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }
}
