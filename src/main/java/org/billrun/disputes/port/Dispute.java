package org.billrun.disputes.port;

import java.time.OffsetDateTime;
import java.util.List;
import org.billrun.assist.reason.DisputeReason;

/**
 * One dispute as stored: the invoice it concerns, the client's words, the classifier's suggestion (reason,
 * confidence and the explanation with the deciding words), the reason a person confirmed or chose (null
 * until then), and how it was resolved.
 */
public record Dispute(long disputeId, String finalNumber, long runId, String draftId, int versionNo, String entityId, String clientId,
        String currency, List<Integer> lines, String reasonText, String source, String externalRef, DisputeReason suggestedReason,
        double suggestedConfidence, String suggestion, DisputeReason reason, String classifiedBy, DisputeState state, String openedBy,
        OffsetDateTime openedAt, String resolvedBy, OffsetDateTime resolvedAt, String resolutionComment, String creditNumber) {

    public Dispute {
        lines = List.copyOf(lines);
    }

    /** The reason that counts: the one a person confirmed or chose, else the suggestion. */
    public DisputeReason effectiveReason() {
        return reason != null ? reason : suggestedReason;
    }

    /** "whole invoice" or "lines 2, 5". */
    public String linesText() {
        return lines.isEmpty() ? "whole invoice"
                : (lines.size() == 1 ? "line " : "lines ") + String.join(", ", lines.stream().map(String::valueOf).toList());
    }
}
