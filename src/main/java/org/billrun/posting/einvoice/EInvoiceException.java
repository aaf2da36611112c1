package org.billrun.posting.einvoice;

import java.util.List;

/**
 * An invoice that cannot become a valid Peppol BIS 3 e-invoice as it stands, with every reason found, each
 * naming the field and what was expected, so finance can correct the master data or the invoice.
 */
public final class EInvoiceException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String number;
    private final transient List<String> problems;

    EInvoiceException(String number, List<String> problems) {
        super("e-invoice " + number + " cannot be written: " + String.join("; ", problems));
        this.number = number;
        this.problems = List.copyOf(problems);
    }

    /** The invoice number the problems belong to. */
    public String number() {
        return number;
    }

    public List<String> problems() {
        return problems;
    }
}
