package org.billrun.posting.port;

import java.time.Duration;
import java.util.Objects;

/**
 * What the ERP answered to one {@link ErpAdapter#send}, as the posting ledger records it.
 *
 * @param documentId the ERP's id of the document it created (or found already created for the key); null
 *     unless posted
 * @param erpStatus the ERP's own word for the document's state ("posted", "draft", HTTP 201); may be null
 * @param message what the ERP said when it refused or failed, for finance's exception queue; null when posted
 * @param requestDigest SHA-256 (hex) of what was sent; the ledger keeps digests, never the bodies
 * @param responseDigest SHA-256 (hex) of what came back; null when nothing came back
 * @param retryAfter for a retryable answer, how long the ERP asked to wait before the next attempt (HTTP
 *     Retry-After); null when it did not say, and the post job's own backoff applies
 */
public record ErpAnswer(Outcome outcome, String documentId, String erpStatus, String message, String requestDigest,
        String responseDigest, Duration retryAfter) {

    public enum Outcome {
        /** The ERP holds the document (created now, or already there for this idempotency key). */
        POSTED,
        /** Not sent or refused for a passing reason (connection refused, 429, 503): try again later. */
        RETRYABLE,
        /** Refused because the data is wrong (a 4xx that says so): finance must act; never retried by itself. */
        PERMANENT,
        /** Sent, but no answer came (time-out, connection lost): look the reference up before sending again. */
        UNKNOWN
    }

    public ErpAnswer {
        Objects.requireNonNull(outcome, "outcome");
        if (outcome == Outcome.POSTED) {
            Objects.requireNonNull(documentId, "a posted answer names the ERP's document id");
        }
        if (retryAfter != null && retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter is negative: " + retryAfter);
        }
    }

    /** An answer without a wait asked by the ERP. */
    public ErpAnswer(Outcome outcome, String documentId, String erpStatus, String message, String requestDigest,
            String responseDigest) {
        this(outcome, documentId, erpStatus, message, requestDigest, responseDigest, null);
    }

    /** This answer with the ERP's Retry-After. */
    public ErpAnswer withRetryAfter(Duration wait) {
        return new ErpAnswer(outcome, documentId, erpStatus, message, requestDigest, responseDigest, wait);
    }

    public static ErpAnswer posted(String documentId, String erpStatus, String requestDigest, String responseDigest) {
        return new ErpAnswer(Outcome.POSTED, documentId, erpStatus, null, requestDigest, responseDigest);
    }

    public static ErpAnswer failed(Outcome outcome, String message, String requestDigest, String responseDigest) {
        return new ErpAnswer(outcome, null, null, message, requestDigest, responseDigest);
    }
}
