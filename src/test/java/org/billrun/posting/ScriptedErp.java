package org.billrun.posting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.billrun.posting.port.ErpAdapter;
import org.billrun.posting.port.ErpAnswer;
import org.billrun.posting.port.ErpDocument;
import org.billrun.posting.port.ErpUnavailableException;
import org.billrun.posting.port.OutgoingInvoice;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * An ERP in memory for the posting tests, in test code only: idempotent per key like a real adapter, and
 * with faults a test scripts per final number (refused, unreachable, accepted but no answer, lookup down).
 * Inert until a test scripts a fault. Primary over the file outbox in every Spring test context that keeps the
 * default adapter; a test that names a real one ({@code billrun.erp.adapter=tryton} or {@code file}) posts to that one.
 */
@Primary
@Component
@ConditionalOnProperty(name = "billrun.erp.adapter", havingValue = "scripted", matchIfMissing = true)
class ScriptedErp implements ErpAdapter {

    enum Fault {
        /** Refused: the data is wrong. */
        PERMANENT,
        /** Unreachable: nothing was created. */
        RETRYABLE,
        /** Accepted, but the answer was lost (a time-out after the ERP created the document). */
        ACCEPTED_NO_ANSWER,
        /** The ERP cannot be asked (lookup throws). */
        LOOKUP_DOWN
    }

    private final Map<String, List<ErpDocument>> byReference = new ConcurrentHashMap<>();
    private final Map<String, String> byKey = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedQueue<Fault>> faults = new ConcurrentHashMap<>();
    private final AtomicInteger created = new AtomicInteger();
    final List<String> sent = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile java.util.function.Consumer<String> whileSending = reference -> {};

    /** Runs {@code action} with the reference of each invoice while it is being sent (a test's fault in the middle of a send). */
    void whileSending(java.util.function.Consumer<String> action) {
        whileSending = action;
    }

    void clear() {
        whileSending = reference -> {};
        byReference.clear();
        byKey.clear();
        faults.clear();
        sent.clear();
    }

    /** The next attempts of this final number meet these faults, one each, in order. */
    void script(String reference, Fault... next) {
        faults.computeIfAbsent(reference, r -> new ConcurrentLinkedQueue<>()).addAll(List.of(next));
    }

    /** A document the ERP holds without billrun having sent it (say, keyed in by hand). */
    void plant(String entityId, String reference, String documentId) {
        byReference.computeIfAbsent(reference, r -> new java.util.concurrent.CopyOnWriteArrayList<>())
                .add(new ErpDocument(entityId, reference, documentId, "posted", null, null));
    }

    /** A document of the ERP with its gross, as reconciliation compares it. */
    void plant(String entityId, String reference, String documentId, String currency, java.math.BigDecimal gross) {
        byReference.computeIfAbsent(reference, r -> new java.util.concurrent.CopyOnWriteArrayList<>())
                .add(new ErpDocument(entityId, reference, documentId, "posted", currency, gross));
    }

    /** The ERP lost the document (deleted by hand, say). */
    void forget(String reference) {
        byReference.remove(reference);
    }

    int documentsWith(String reference) {
        return byReference.getOrDefault(reference, List.of()).size();
    }

    int documents() {
        return byReference.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public String name() {
        return "scripted";
    }

    private Fault next(String reference) {
        ConcurrentLinkedQueue<Fault> queue = faults.get(reference);
        return queue == null ? null : queue.poll();
    }

    @Override
    public ErpAnswer send(OutgoingInvoice invoice) {
        sent.add(invoice.reference());
        whileSending.accept(invoice.reference());
        Fault fault = next(invoice.reference());
        if (fault == Fault.PERMANENT) {
            return ErpAnswer.failed(ErpAnswer.Outcome.PERMANENT, "422 customer " + invoice.customer().clientId() + " unknown", "req", "resp");
        }
        if (fault == Fault.RETRYABLE) {
            return ErpAnswer.failed(ErpAnswer.Outcome.RETRYABLE, "503 service unavailable", "req", null);
        }
        String id = byKey.computeIfAbsent(invoice.idempotencyKey(), k -> {
            String documentId = "ERP-" + created.incrementAndGet();
            plant(invoice.entityId(), invoice.reference(), documentId);
            return documentId;
        });
        if (fault == Fault.ACCEPTED_NO_ANSWER) {
            return ErpAnswer.failed(ErpAnswer.Outcome.UNKNOWN, "read timed out", "req", null);
        }
        return ErpAnswer.posted(id, "posted", "req-" + invoice.idempotencyKey(), "resp-" + id);
    }

    @Override
    public List<ErpDocument> lookup(String entityId, String reference) {
        ConcurrentLinkedQueue<Fault> queue = faults.get(reference);
        if (queue != null && queue.peek() == Fault.LOOKUP_DOWN) {
            queue.poll();
            throw new ErpUnavailableException("connection refused", null);
        }
        return byReference.getOrDefault(reference, List.of()).stream().filter(d -> d.entityId().equals(entityId)).toList();
    }

    @Override
    public List<ErpDocument> documents(String entityId) {
        return byReference.values().stream().flatMap(List::stream).filter(d -> d.entityId().equals(entityId)).toList();
    }
}
