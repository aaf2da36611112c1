package org.billrun.posting.port;

import java.util.List;

/**
 * Where approved invoices go (DESIGN.md, "Adapters"): the file outbox (the default), a REST endpoint or
 * Tryton. The post job calls {@link #send} once per invoice, one invoice per transaction, and records the
 * answer in the posting ledger; it never posts from a fault-tolerant chunk writer.
 *
 * <p>This package is the posting stage's public contract: the adapters in {@code org.billrun.erp} implement
 * it and use nothing else of the posting stage (ArchitectureTests).
 *
 * <p>Exactly once (invariant 3) rests on two promises of every adapter: {@link #send} is idempotent per
 * {@link OutgoingInvoice#idempotencyKey()} (a second send of the same key creates no second document), and
 * {@link #lookup} finds a document the ERP accepted even when its answer was lost, so the post job asks
 * before it sends again after an unknown outcome.
 */
public interface ErpAdapter {

    /** A short name for the ledger and the status output: "file", "rest", "tryton". */
    String name();

    /**
     * Sends one invoice. Faults of the ERP are answers, not exceptions: a refused document is
     * {@link ErpAnswer.Outcome#PERMANENT}, an ERP that could not be reached {@link ErpAnswer.Outcome#RETRYABLE},
     * a time-out after the request went out {@link ErpAnswer.Outcome#UNKNOWN}.
     */
    ErpAnswer send(OutgoingInvoice invoice);

    /**
     * The documents the ERP holds with this reference (billrun's final number) for the entity: none when it
     * never got the invoice, one when it did, more when something created a duplicate.
     *
     * @throws ErpUnavailableException when the ERP cannot be asked now
     */
    List<ErpDocument> lookup(String entityId, String reference);

    /**
     * Every document the ERP holds for the entity that carries a billrun reference: what {@code billrun
     * reconcile} compares with the ledger.
     *
     * @throws ErpUnavailableException when the ERP cannot be asked now
     */
    List<ErpDocument> documents(String entityId);
}
