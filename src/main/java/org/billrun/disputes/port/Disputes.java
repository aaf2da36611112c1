package org.billrun.disputes.port;

/**
 * What other stages may ask of the disputes stage (org.billrun.disputes.DisputeService implements it):
 * the events import opens the dispute notices it reads from the PSA/CRM through it.
 */
public interface Disputes {

    /**
     * Opens a dispute of a final invoice, classifies its reason (a suggestion for a person to confirm), audits
     * it and adds a {@code disputed} event, in one transaction. Opening the same (source, externalRef) again
     * returns the first dispute unchanged.
     *
     * @throws DisputeRefusedException for an unknown invoice, a line it does not have or an empty reason
     */
    Dispute open(OpenDispute request);
}
