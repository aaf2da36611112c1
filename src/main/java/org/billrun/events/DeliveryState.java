package org.billrun.events;

import java.util.Locale;

/** Where one event stands with one sink (event_delivery.state; the database checks the same values). */
public enum DeliveryState {
    /** The sink has it (a line written and synced, a 2xx answer). */
    DELIVERED,
    /** The last attempts failed; the invoice's later events wait behind it. */
    FAILED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryState of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
