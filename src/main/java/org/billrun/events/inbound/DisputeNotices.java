package org.billrun.events.inbound;

import java.time.LocalDate;

/**
 * Where an imported dispute notice goes: the dispute stage's service, wired by the CLI (the events stage
 * does not depend on another stage's service). A notice it cannot take is an exception for finance.
 */
@FunctionalInterface
public interface DisputeNotices {

    /** Records the notice against the invoice; returns what the dispute service calls it (its id). */
    String open(Notice notice);

    /** A dispute notice matched to an invoice: the final number, the row's key (stable on re-import), when, why and who imports it. */
    record Notice(String finalNumber, long versionId, String importKey, LocalDate receivedOn, String reason, String actor) {}
}
