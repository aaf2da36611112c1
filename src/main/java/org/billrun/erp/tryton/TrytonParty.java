package org.billrun.erp.tryton;

import java.util.List;

/** A party as read from Tryton: its first address and all its identifiers. */
public record TrytonParty(long id, String code, String name, TrytonAddress address, List<TrytonTaxIdentifier> identifiers,
        Long customerPaymentTermId) {

    public TrytonParty {
        identifiers = List.copyOf(identifiers);
    }
}
