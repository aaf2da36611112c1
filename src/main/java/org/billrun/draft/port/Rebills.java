package org.billrun.draft.port;

import java.time.YearMonth;
import java.util.List;
import java.util.Set;

/**
 * Where drafting learns which records credits reopened (docs/credits.md, "Rebills"): the credit stage
 * implements it from the approved credit memos asked with {@code --rebill}. Each run of the credited
 * invoice's period drafts those records again, on a draft of their own per credit, until someone acts on it.
 */
public interface Rebills {

    /** The approved credits with a rebill of invoices of {@code period}, oldest first. */
    List<Reopened> approved(YearMonth period);

    /** One source record a credit reopened: its kind ({@code time_entry}, {@code expense}, {@code milestone}) and id. */
    record Record(String kind, String key) {}

    /**
     * An approved credit memo with a rebill: its id and reference (its number), the draft of the invoice it
     * credits, and the records of the lines it gives back.
     */
    record Reopened(long creditId, String reference, String creditedDraftId, Set<Record> records) {

        public Reopened {
            records = Set.copyOf(records);
        }
    }

    /** No credits: nothing is reopened (a test, or a firm without the credit stage). */
    Rebills NONE = period -> List.of();
}
