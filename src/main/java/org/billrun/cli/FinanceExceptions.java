package org.billrun.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.billrun.delivery.DeliveryQueries;
import org.billrun.delivery.DeliveryStatus;
import org.billrun.events.inbound.InboundExceptionStatus;
import org.billrun.events.inbound.InboundQueries;
import org.billrun.posting.PostingQueries;
import org.billrun.validate.ExceptionQueue;

/**
 * What `billrun exceptions` lists beside validation's queue: the postings that failed for good or whose
 * outcome is unknown (ids P-posting id), and the rows of imported payment and dispute files that need finance
 * (ids I-n), and the client deliveries that bounced (ids D-n). They belong to no run's validation: they are listed whatever the period; --run narrows the
 * postings to that run and leaves the imported rows out. Owner: finance; severity: block (each needs a person).
 */
final class FinanceExceptions {

    /** One exception as the command prints it, from any of the three sources. */
    record Listed(String id, String period, String status, String severity, String rule, String ownerRole, String ownerId, String recordKind,
            String recordKey, String file, Integer line, BigDecimal amount, String currency, String message, String raisedByRun,
            String lastSeenRun, String changedBy, String reason) {

        static Listed of(ExceptionQueue.Row r) {
            return new Listed(Long.toString(r.id()), r.period(), r.status(), r.severity(), r.rule(), r.ownerRole(), r.ownerId(), r.recordKind(),
                    r.recordKey(), r.file(), r.line(), r.amount(), r.currency(), r.message(), Long.toString(r.raisedByRun()),
                    Long.toString(r.lastSeenRun()), r.statusChangedBy(), r.statusReason());
        }
    }

    static final String POSTING_PREFIX = "P-";
    static final String IMPORT_PREFIX = "I-";
    static final String DELIVERY_PREFIX = "D-";
    static final String BOUNCED_RULE = "DELIVERY_BOUNCED";

    private FinanceExceptions() {}

    static List<Listed> list(PostingQueries postings, InboundQueries inbound, ExceptionQueue.Filter f) {
        List<Listed> rows = new ArrayList<>();
        if (!(f.owner() == null || f.owner().equalsIgnoreCase("finance")) || !(f.severity() == null || f.severity().equalsIgnoreCase("block"))) {
            return rows;
        }
        if (f.status() == null || f.status().equalsIgnoreCase("open")) {
            for (PostingQueries.Failure p : postings.failures(f.runId())) {
                String rule = "POSTING_" + p.state().label().toUpperCase(Locale.ROOT);
                if (f.rule() == null || f.rule().equalsIgnoreCase(rule)) {
                    rows.add(new Listed(POSTING_PREFIX + p.postingId(), p.period(), "open", "block", rule, "finance", null, "posting",
                            p.finalNumber() + " (" + p.draftId() + ")", null, null, p.gross(), p.currency(), message(p),
                            Long.toString(p.runId()), Long.toString(p.runId()), null, null));
                }
            }
        }
        if (f.runId() == null) {
            InboundExceptionStatus status = null;
            if (f.status() != null) {
                try {
                    status = InboundExceptionStatus.of(f.status());
                } catch (IllegalArgumentException unknown) {
                    return rows;
                }
            }
            for (InboundQueries.RowException e : inbound.exceptions(status)) {
                if (f.rule() == null || f.rule().equalsIgnoreCase(e.rule().code())) {
                    rows.add(new Listed(IMPORT_PREFIX + e.id(), "", e.status().label(), "block", e.rule().code(), "finance", null,
                            e.kind().label(), e.finalNumber() == null ? "" : e.finalNumber(), e.sourceFile(), e.line(), e.amount(), e.currency(),
                            e.message(), "", "", e.statusChangedBy(), e.statusReason()));
                }
            }
        }
        return rows;
    }

    /**
     * The bounced deliveries (ids D-delivery id, rule DELIVERY_BOUNCED): the client did not get its invoice by e-mail.
     * Open while the delivery stays bounced; they belong to no run's validation, so --run leaves them out.
     */
    static List<Listed> bounces(DeliveryQueries deliveries, ExceptionQueue.Filter f) {
        List<Listed> rows = new ArrayList<>();
        if (!(f.owner() == null || f.owner().equalsIgnoreCase("finance")) || !(f.severity() == null || f.severity().equalsIgnoreCase("block"))
                || f.runId() != null || !(f.status() == null || f.status().equalsIgnoreCase("open"))
                || !(f.rule() == null || f.rule().equalsIgnoreCase(BOUNCED_RULE))) {
            return rows;
        }
        for (DeliveryQueries.Delivery d : deliveries.deliveries(DeliveryStatus.BOUNCED)) {
            rows.add(new Listed(DELIVERY_PREFIX + d.deliveryId(), "", "open", "block", BOUNCED_RULE, "finance", null, "delivery",
                    d.finalNumber() + " to " + d.recipients(), null, null, null, null,
                    "the " + d.channel() + " to the client bounced: " + d.bounceDiagnostic()
                            + "; reach the client another way and correct its email in clients.csv",
                    "", "", null, null));
        }
        return rows;
    }

    private static String message(PostingQueries.Failure p) {
        String what = switch (p.state()) {
            case FAILED_PERMANENT -> "the ERP refused it after %d attempt%s; fix it there or in billrun, then billrun post --retry %s"
                    .formatted(p.attempts(), p.attempts() == 1 ? "" : "s", p.finalNumber());
            default -> "the ERP holds it more than once or its answer is unknown; settle it in the ERP, then billrun post --retry %s (looked up first)"
                    .formatted(p.finalNumber());
        };
        return p.lastMessage() == null || p.lastMessage().isBlank() ? what : what + ": " + p.lastMessage();
    }
}
