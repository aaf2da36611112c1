package org.billrun.disputes.port;

import java.util.List;

/**
 * A request to open a dispute of a final invoice.
 *
 * @param invoice the invoice's final number (as printed on it, e.g. NWGB-2026-00001)
 * @param reasonText the client's words, as received (the reason classifier reads them)
 * @param lines the disputed line numbers of the invoice; empty: the whole invoice
 * @param source where the dispute came from: {@code cli}, or the import's source (e.g. {@code crm})
 * @param externalRef the source's own id of the notice, or null; opening the same (source, externalRef)
 *     again returns the dispute opened the first time, so an import can be repeated
 * @param actor who opens it; null: whoever runs the command
 */
public record OpenDispute(String invoice, String reasonText, List<Integer> lines, String source, String externalRef, String actor) {

    public OpenDispute {
        lines = lines == null ? List.of() : List.copyOf(lines);
        source = source == null || source.isBlank() ? "cli" : source.strip();
    }

    /** A dispute typed in at the command line by whoever runs it. */
    public static OpenDispute fromCli(String invoice, String reasonText, List<Integer> lines) {
        return new OpenDispute(invoice, reasonText, lines, "cli", null, null);
    }
}
