package org.billrun.delivery;

import java.util.Locale;

/** Where one invoice version's delivery to its client stands (delivery.status; the database checks the same values). */
public enum DeliveryStatus {
    /** Claimed and being sent, or the process died while sending: never sent again on its own (check the mailbox). */
    SENDING,
    /** The SMTP server accepted it; the ledger keeps its Message-ID. */
    SENT,
    /** Nothing was accepted (server unreachable, recipient refused): the next `billrun deliver` tries again. */
    FAILED,
    /** Accepted, then bounced back. */
    BOUNCED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryStatus of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
