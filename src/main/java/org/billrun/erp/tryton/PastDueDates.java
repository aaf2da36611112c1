package org.billrun.erp.tryton;

/**
 * What to do when Tryton warns at posting that the invoice's payment term fell due before today (an
 * invoice posted some time after its date). Tryton's own client asks the user.
 */
public enum PastDueDates {
    /** Let Tryton's warning through as a {@link TrytonWarningException}: nothing is posted. */
    REFUSE,
    /** Accept the warning for this invoice, as a user clicking "yes" in Tryton would, and post. */
    ACCEPT
}
