package org.billrun.draft;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.billrun.validate.ValidationQueries.Billed;

/**
 * A run's records ordered by the contract they bill, taken one contract at a time as the contracts are
 * walked in id order: drafting holds one contract's records, never the period's. Records of a contract
 * the walk skips (one no longer in contracts.csv) are counted as unknown, and records out of order are
 * refused rather than drafted on the wrong invoice.
 */
final class ByContract<T> {

    private final Iterator<Billed<T>> records;
    private final Set<String> unknown = new TreeSet<>();
    private Billed<T> head;
    private String lastTaken;

    ByContract(Iterator<Billed<T>> records) {
        this.records = records;
        advance();
    }

    /** The records of {@code contractId}; ids must be asked in increasing order. */
    List<T> take(String contractId) {
        if (lastTaken != null && lastTaken.compareTo(contractId) >= 0) {
            throw new IllegalArgumentException("contracts must be taken in increasing id order: " + contractId + " after " + lastTaken);
        }
        lastTaken = contractId;
        while (head != null && head.contractId().compareTo(contractId) < 0) {
            unknown.add(head.contractId());
            advance();
        }
        List<T> taken = new ArrayList<>();
        while (head != null && head.contractId().equals(contractId)) {
            taken.add(head.record());
            advance();
        }
        return taken;
    }

    /** After the last contract: the contracts records named that the walk did not take (the rest included). */
    Set<String> unknown() {
        while (head != null) {
            unknown.add(head.contractId());
            advance();
        }
        return unknown;
    }

    private void advance() {
        Billed<T> previous = head;
        head = records.hasNext() ? records.next() : null;
        if (head != null && previous != null && head.contractId().compareTo(previous.contractId()) < 0) {
            throw new IllegalStateException("records are not ordered by contract: " + head.contractId() + " after " + previous.contractId());
        }
    }
}
