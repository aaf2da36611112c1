package org.billrun.erp.tryton;

/** The id of a record an operation made sure of, and what the operation had to do for it. */
public record TrytonSaved(long id, Change change) {

    public enum Change {
        CREATED, UPDATED, UNCHANGED
    }
}
