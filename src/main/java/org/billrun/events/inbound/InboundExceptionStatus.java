package org.billrun.events.inbound;

import java.util.Locale;

/** Where an exception of an imported row stands (inbound_exception.status). */
public enum InboundExceptionStatus {
    OPEN,
    RESOLVED,
    WAIVED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InboundExceptionStatus of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
