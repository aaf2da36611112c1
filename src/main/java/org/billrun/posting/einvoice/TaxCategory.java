package org.billrun.posting.einvoice;

/**
 * The VAT categories billrun's tax rules use (UNCL 5305 codes, as EN 16931 carries them), with what
 * Peppol BIS 3 asks of each in the tax breakdown.
 */
public enum TaxCategory {
    /** standard rated: a rate above zero, no exemption reason (BR-S-05, BR-S-10) */
    S,
    /** zero rated: rate 0, no exemption reason (BR-Z-05, BR-Z-10) */
    Z,
    /** exempt: rate 0 and an exemption reason, code or text (BR-E-05, BR-E-10) */
    E,
    /** reverse charge: rate 0, both VAT ids, exemption reason VATEX-EU-AE (BR-AE-02, BR-AE-05, BR-AE-10) */
    AE,
    /** outside the scope of VAT: no rate, no VAT ids, exemption reason VATEX-EU-O (BR-O-02, BR-O-05, BR-O-10) */
    O;

    /** Whether the document states a rate for this category: every one but O, which has no VAT rate at all (BR-O-05). */
    public boolean hasRate() {
        return this != O;
    }

    /** Whether the tax breakdown must say why no VAT is charged: exempt, reverse charge, outside scope. */
    public boolean needsExemptionReason() {
        return this == E || this == AE || this == O;
    }

    /**
     * The VATEX code a breakdown of this category carries when the invoice names none: reverse charge and
     * outside scope have exactly one; exemptions have many (the article that exempts), so E has none.
     */
    public String defaultExemptionCode() {
        return switch (this) {
            case AE -> "VATEX-EU-AE";
            case O -> "VATEX-EU-O";
            default -> null;
        };
    }
}
