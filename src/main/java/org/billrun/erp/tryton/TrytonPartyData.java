package org.billrun.erp.tryton;

import java.util.Objects;

/**
 * A customer as billrun wants it in Tryton, found by {@code code} (billrun's client id).
 *
 * @param taxIdentifier        null for a party without one (a consumer)
 * @param customerPaymentTermId Tryton's payment term for the party's invoices, or null
 */
public record TrytonPartyData(String code, String name, TrytonAddress address, TrytonTaxIdentifier taxIdentifier,
        Long customerPaymentTermId) {

    public TrytonPartyData {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
    }
}
