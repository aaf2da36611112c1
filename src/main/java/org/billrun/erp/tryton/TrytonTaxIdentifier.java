package org.billrun.erp.tryton;

import java.util.Objects;

/**
 * A party identifier. {@code type} is Tryton's (e.g. {@code eu_vat}, {@code gb_vat}, {@code us_ein}) or
 * null. Tryton checks a typed code's check digits and refuses a wrong one with a user error; only a typed
 * identifier is the party's tax identifier on its invoices.
 */
public record TrytonTaxIdentifier(String type, String code) {

    public TrytonTaxIdentifier {
        Objects.requireNonNull(code, "code");
    }
}
