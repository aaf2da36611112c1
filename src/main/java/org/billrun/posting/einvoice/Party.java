package org.billrun.posting.einvoice;

import java.util.List;
import java.util.Objects;

/**
 * The seller (a legal entity of the firm) or the buyer (a client) as the invoice names them.
 *
 * @param vatId the VAT identifier with its country prefix (DE811111111); null where the party has none. The
 *     writer leaves it out where the rules forbid it (outside scope, BR-O-02)
 * @param companyId legal registration id (BT-30/BT-47), e.g. "HRB 123456 B"; null where unknown
 * @param companyIdScheme ISO 6523 ICD of {@code companyId} (e.g. 0088 GLN); null for none
 * @param electronicAddress where the party receives e-invoices: its Peppol participant id. Peppol BIS 3 has
 *     no document without one (PEPPOL-EN16931-R010, R020)
 * @param contact who to ask; required between two German parties (DE-R-002), optional otherwise
 */
public record Party(String name, Address address, String vatId, String companyId, String companyIdScheme,
        ElectronicAddress electronicAddress, Contact contact) {

    public Party {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, () -> name + ": address");
    }

    public boolean hasVatId() {
        return vatId != null && !vatId.isBlank();
    }

    public boolean hasCompanyId() {
        return companyId != null && !companyId.isBlank();
    }

    /**
     * A postal address: up to three free lines (street first), city, post code, region and country.
     * billrun's master data keeps the address as one free text; city and post code are needed as fields
     * only between German parties (DE-R-003, DE-R-004, DE-R-008, DE-R-009).
     *
     * @param country ISO 3166-1 alpha-2 code
     */
    public record Address(List<String> lines, String city, String postCode, String subdivision, String country) {

        public Address {
            lines = lines == null ? List.of() : List.copyOf(lines);
            if (lines.size() > 3) {
                throw new IllegalArgumentException("an address has at most 3 lines (street, additional street, line), not "
                        + lines.size() + ": " + lines);
            }
            Objects.requireNonNull(country, "country");
        }
    }

    /**
     * A Peppol participant id: the scheme (EAS code, e.g. 0088 GLN, 9930 German VAT number) and the id.
     * Email is no Peppol scheme.
     */
    public record ElectronicAddress(String scheme, String id) {

        public ElectronicAddress {
            Objects.requireNonNull(scheme, "scheme");
            Objects.requireNonNull(id, "id");
        }
    }

    public record Contact(String name, String phone, String email) {}
}
