package org.billrun.events.inbound;

import java.util.Locale;
import java.util.Optional;

/** What a row of an imported file reports (inbound_exception.kind): a payment, a dispute notice, or a kind billrun does not know. */
public enum InboundKind {
    PAYMENT,
    DISPUTE,
    UNKNOWN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind a file names: payment (also paid, payment_confirmation) or dispute (also disputed, dispute_notice). */
    static Optional<InboundKind> named(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_')) {
            case "payment", "paid", "payment_confirmation" -> Optional.of(PAYMENT);
            case "dispute", "disputed", "dispute_notice" -> Optional.of(DISPUTE);
            default -> Optional.empty();
        };
    }
}
