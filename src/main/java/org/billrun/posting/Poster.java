package org.billrun.posting;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.billrun.audit.AuditAction;
import org.billrun.audit.AuditLog;
import org.billrun.policy.PolicyFile;
import org.billrun.policy.PostingPolicy;
import org.billrun.posting.PostingStore.Batch;
import org.billrun.posting.PostingStore.Claim;
import org.billrun.posting.port.ErpAdapter;
import org.billrun.posting.port.ErpAnswer;
import org.billrun.posting.port.ErpDocument;
import org.billrun.posting.port.OutgoingInvoice;
import org.billrun.validate.ValidationQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Posts one invoice of a batch (DESIGN.md, "Outbox"; docs/posting.md): the claim commits before anything is
 * sent, the ERP's answer is recorded in a second transaction. When the last attempt's outcome is unknown
 * (no answer, or the process died while sending), the reference is looked up first: found once, it is
 * posted; found more than once, finance reconciles; not found, it is sent again under the same idempotency
 * key. Never called from a chunk writer: a fault-tolerant writer's scan would send again.
 */
@Component
class Poster {

    private static final Logger log = LoggerFactory.getLogger(Poster.class);

    /** What one attempt came to. */
    record Result(long postingId, String finalNumber, PostingState state, LedgerStatus status, String message) {}

    private final PostingStore store;
    private final ErpAdapter adapter;
    private final FinalInvoiceAssembly assembly;
    private final CreditNoteAssembly creditNotes;
    private final AuditLog audit;
    private final ValidationQueries validation;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Map<Long, PostingPolicy> policies = new ConcurrentHashMap<>();

    Poster(PostingStore store, ErpAdapter adapter, FinalInvoiceAssembly assembly, CreditNoteAssembly creditNotes, AuditLog audit,
            ValidationQueries validation, PlatformTransactionManager transactions, Clock clock) {
        this.store = store;
        this.adapter = adapter;
        this.assembly = assembly;
        this.creditNotes = creditNotes;
        this.audit = audit;
        this.validation = validation;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    String adapterName() {
        return adapter.name();
    }

    /** Claims, sends and records the batch's next posting; empty when every one of them had its attempt. */
    Optional<Result> postNext(Batch batch) {
        Optional<Claim> claimed = tx.execute(status -> store.claimNext(batch.batchId(), adapter.name()));
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        Claim claim = claimed.get();
        Result result = attempt(claim, batch);
        log.info("{} ({}, attempt {}): {}{}", claim.finalNumber(), claim.draftId(), claim.attempt(), result.status().label(),
                result.message() == null ? "" : ": " + result.message());
        return Optional.of(result);
    }

    private Result attempt(Claim claim, Batch batch) {
        if (claim.lookupFirst()) {
            List<ErpDocument> found;
            try {
                found = adapter.lookup(claim.entityId(), claim.finalNumber());
            } catch (RuntimeException e) { // ErpUnavailableException, or an adapter fault
                return retry(claim, null, LedgerStatus.RETRYABLE, "the ERP could not be asked for " + claim.finalNumber() + ": "
                        + e.getMessage(), true);
            }
            if (found.size() == 1) {
                return record(claim, PostingState.POSTED, LedgerStatus.FOUND,
                        ErpAnswer.posted(found.get(0).documentId(), found.get(0).status(), null, null),
                        "the ERP already held it (found by its reference after an unknown outcome)", false, null);
            }
            if (found.size() > 1) {
                return record(claim, PostingState.NEEDS_RECONCILIATION, LedgerStatus.DUPLICATED, null, "the ERP holds " + found.size()
                        + " documents with reference " + claim.finalNumber() + ": " + found.stream().map(ErpDocument::documentId).toList()
                        + "; reconcile them in the ERP, then billrun post --retry " + claim.postingId(), true, null);
            }
        }
        OutgoingInvoice invoice;
        try {
            invoice = claim.creditId() != null
                    ? creditNotes.assemble(claim.creditId(), claim.finalNumber(), claim.issueDate(), batch.batchRef())
                    : assembly.assemble(claim.versionId(), claim.finalNumber(), claim.issueDate(), batch.batchRef());
        } catch (DataAccessResourceFailureException | TransientDataAccessException | RecoverableDataAccessException e) {
            // the database failed (a lost connection, a failover), not the invoice: the post stops with the claim left
            // sending, and the next post looks the reference up before it builds and sends again. A fault the invoice's
            // own data causes fails it below, so that one invoice cannot hold up the rest of the queue.
            throw e;
        } catch (RuntimeException e) {
            return record(claim, PostingState.FAILED_PERMANENT, LedgerStatus.PERMANENT, null,
                    "the final documents could not be built: " + e.getMessage(), claim.lookupFirst(), null);
        }
        OutgoingInvoice assembled = invoice;
        tx.executeWithoutResult(s -> store.keepDocuments(claim.postingId(), assembled.pdf(), assembled.ublXml()));
        ErpAnswer answer;
        try {
            answer = adapter.send(invoice);
        } catch (RuntimeException e) {
            answer = ErpAnswer.failed(ErpAnswer.Outcome.UNKNOWN, "the adapter failed while sending: " + e, null, null);
        }
        return switch (answer.outcome()) {
            case POSTED -> record(claim, PostingState.POSTED, LedgerStatus.POSTED, answer, null, false, null);
            case PERMANENT -> record(claim, PostingState.FAILED_PERMANENT, LedgerStatus.PERMANENT, answer,
                    "the ERP refused it: " + answer.message(), false, null);
            case RETRYABLE -> retry(claim, answer, LedgerStatus.RETRYABLE, answer.message(), claim.lookupFirst());
            case UNKNOWN -> retry(claim, answer, LedgerStatus.UNKNOWN, "no answer: " + answer.message(), true);
        };
    }

    /** A passing failure: tried again after the policy's backoff, or given up after its last attempt. */
    private Result retry(Claim claim, ErpAnswer answer, LedgerStatus status, String message, boolean lookupFirst) {
        PostingPolicy policy = policy(claim.runId());
        int attempt = claim.attempt() - claim.retryFrom();
        if (policy.givesUpAfter(attempt)) {
            return record(claim, PostingState.FAILED_PERMANENT, LedgerStatus.GAVE_UP, answer, "given up after " + attempt + " attempts"
                    + " (posting.retry.max-attempts): " + message, lookupFirst, null);
        }
        Instant next = clock.instant().plus(policy.delayAfter(attempt));
        return record(claim, PostingState.FAILED_RETRYABLE, status, answer, message, lookupFirst, next);
    }

    private Result record(Claim claim, PostingState state, LedgerStatus status, ErpAnswer answer, String message, boolean lookupFirst,
            Instant next) {
        tx.executeWithoutResult(s -> {
            store.record(claim, state, status, answer, message, lookupFirst, next);
            if (state == PostingState.POSTED) {
                audit.append(List.of(audit.entry(AuditAction.POSTED, "posting", claim.postingId(), claim.runId(),
                        "%s (%s version %d) posted to %s as %s, gross %s %s%s".formatted(claim.finalNumber(), claim.draftId(),
                                claim.versionNo(), adapter.name(), answer.documentId(), claim.gross().toPlainString(), claim.currency(),
                                status == LedgerStatus.FOUND ? ", found by its reference" : ""))));
            } else if (state == PostingState.FAILED_PERMANENT || state == PostingState.NEEDS_RECONCILIATION) {
                audit.append(List.of(audit.entry(AuditAction.POSTING_FAILED, "posting", claim.postingId(), claim.runId(),
                        "%s (%s version %d) %s at %s: %s".formatted(claim.finalNumber(), claim.draftId(), claim.versionNo(),
                                state.label(), adapter.name(), message))));
            }
        });
        return new Result(claim.postingId(), claim.finalNumber(), state, status, message);
    }

    /** The retry part of the policy the invoice's run recorded (defaults when it recorded none). */
    private PostingPolicy policy(long runId) {
        return policies.computeIfAbsent(runId, id -> validation.policy(id)
                .map(p -> PostingPolicy.from(PolicyFile.of(p.source(), p.content())))
                .orElseGet(PostingPolicy::defaults));
    }
}
