package org.billrun.delivery;

import java.util.Locale;

/** How one delivery reaches the client (delivery.channel; the database checks the same values). */
public enum DeliveryChannel {
    /** A mail to the client's billing addresses with the final PDF and the UBL attached. */
    EMAIL,
    /** The UBL e-invoice written to the Peppol access point's outbox folder, which sends it on to the client's participant id. */
    PEPPOL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryChannel of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
