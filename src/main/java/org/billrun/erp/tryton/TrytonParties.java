package org.billrun.erp.tryton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.billrun.erp.tryton.TrytonSaved.Change;
import tools.jackson.databind.JsonNode;

/**
 * Customers in Tryton ({@code party.party}): found by code (billrun's client id, unique in Tryton) or by
 * tax identifier, created or brought up to date. Tryton needs the address's country as a record: it must
 * exist in Tryton (scripts/tryton-setup creates the sample firm's).
 */
public final class TrytonParties {

    private static final List<String> PARTY_FIELDS = List.of("code", "name", "addresses", "identifiers",
            "customer_payment_term");
    private static final List<String> ADDRESS_FIELDS = List.of("street", "postal_code", "city", "country");

    private final TrytonJsonRpc rpc;
    private final Map<String, Long> countryIds = new ConcurrentHashMap<>();
    private final Map<Long, String> countryCodes = new ConcurrentHashMap<>();

    public TrytonParties(TrytonJsonRpc rpc) {
        this.rpc = rpc;
    }

    public Optional<Long> findByCode(String code) {
        return rpc.search("party.party", List.of(List.of("code", "=", code)), 1).stream().findFirst();
    }

    /** Parties with an identifier of that code, of any type; more than one means duplicates in Tryton. */
    public List<Long> findByTaxIdentifier(String code) {
        return rpc.search("party.party", List.of(List.of("identifiers.code", "=", code)), null);
    }

    /**
     * Creates the party, or writes what differs: name, first address, payment term, and the tax identifier
     * (an identifier of the same type gets the new code; others in Tryton stay). One call, one transaction.
     */
    public TrytonSaved saveByCode(TrytonPartyData wanted) {
        Optional<Long> found = findByCode(wanted.code());
        if (found.isEmpty()) {
            JsonNode ids = rpc.call("model.party.party.create", List.of(createValues(wanted)));
            return new TrytonSaved(ids.get(0).asLong(), Change.CREATED);
        }
        long id = found.get();
        Map<String, Object> changes = changes(readStored(id), wanted);
        if (changes.isEmpty()) {
            return new TrytonSaved(id, Change.UNCHANGED);
        }
        rpc.call("model.party.party.write", List.of(id), changes);
        return new TrytonSaved(id, Change.UPDATED);
    }

    public TrytonParty read(long id) {
        Stored stored = readStored(id);
        return new TrytonParty(id, stored.code(), stored.name(), stored.address(),
                stored.identifiers().stream().map(StoredIdentifier::identifier).toList(), stored.paymentTermId());
    }

    /** The address to invoice the party at: the one marked for invoices, else its first. */
    public long invoiceAddress(long partyId) {
        List<Long> marked = rpc.search("party.address",
                List.of(List.of("party", "=", partyId), List.of("invoice", "=", true)), 1);
        List<Long> ids = marked.isEmpty() ? rpc.search("party.address", List.of(List.of("party", "=", partyId)), 1) : marked;
        if (ids.isEmpty()) {
            throw new TrytonPermanentException("model.party.address.search", "party " + partyId + " has no address to invoice");
        }
        return ids.get(0);
    }

    private record StoredIdentifier(long id, TrytonTaxIdentifier identifier) {}

    private record Stored(String code, String name, Long addressId, TrytonAddress address,
            List<StoredIdentifier> identifiers, Long paymentTermId) {}

    private Stored readStored(long id) {
        JsonNode party = rpc.read("party.party", List.of(id), PARTY_FIELDS).get(0);
        List<Long> addressIds = TrytonJson.readIds(party.path("addresses"));
        Long addressId = addressIds.isEmpty() ? null : addressIds.get(0);
        TrytonAddress address = null;
        if (addressId != null) {
            JsonNode a = rpc.read("party.address", List.of(addressId), ADDRESS_FIELDS).get(0);
            Long country = TrytonJson.readId(a.path("country"));
            address = new TrytonAddress(TrytonJson.readText(a.path("street")), TrytonJson.readText(a.path("postal_code")),
                    TrytonJson.readText(a.path("city")), country == null ? null : countryCode(country));
        }
        List<StoredIdentifier> identifiers = new ArrayList<>();
        List<Long> identifierIds = TrytonJson.readIds(party.path("identifiers"));
        if (!identifierIds.isEmpty()) {
            for (JsonNode i : rpc.read("party.identifier", identifierIds, List.of("type", "code"))) {
                identifiers.add(new StoredIdentifier(i.path("id").asLong(),
                        new TrytonTaxIdentifier(TrytonJson.readText(i.path("type")), i.path("code").asString())));
            }
        }
        return new Stored(TrytonJson.readText(party.path("code")), TrytonJson.readText(party.path("name")), addressId,
                address, identifiers, TrytonJson.readId(party.path("customer_payment_term")));
    }

    private Map<String, Object> createValues(TrytonPartyData wanted) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("code", wanted.code());
        values.put("name", wanted.name());
        values.put("addresses", List.of(List.of("create", List.of(addressValues(wanted.address())))));
        if (wanted.taxIdentifier() != null) {
            values.put("identifiers", List.of(List.of("create", List.of(identifierValues(wanted.taxIdentifier())))));
        }
        if (wanted.customerPaymentTermId() != null) {
            values.put("customer_payment_term", wanted.customerPaymentTermId());
        }
        return values;
    }

    private Map<String, Object> changes(Stored stored, TrytonPartyData wanted) {
        Map<String, Object> changes = new LinkedHashMap<>();
        if (!wanted.name().equals(stored.name())) {
            changes.put("name", wanted.name());
        }
        if (stored.addressId() == null) {
            changes.put("addresses", List.of(List.of("create", List.of(addressValues(wanted.address())))));
        } else if (!sameAddress(stored.address(), wanted.address())) {
            changes.put("addresses", List.of(List.of("write", List.of(stored.addressId()), addressValues(wanted.address()))));
        }
        TrytonTaxIdentifier identifier = wanted.taxIdentifier();
        if (identifier != null && stored.identifiers().stream().noneMatch(s -> s.identifier().equals(identifier))) {
            Optional<StoredIdentifier> sameType = stored.identifiers().stream()
                    .filter(s -> Objects.equals(s.identifier().type(), identifier.type())).findFirst();
            changes.put("identifiers", List.of(sameType
                    .map(s -> List.of("write", List.of(s.id()), identifierValues(identifier)))
                    .orElse(List.of("create", List.of(identifierValues(identifier))))));
        }
        if (wanted.customerPaymentTermId() != null && !wanted.customerPaymentTermId().equals(stored.paymentTermId())) {
            changes.put("customer_payment_term", wanted.customerPaymentTermId());
        }
        return changes;
    }

    private static boolean sameAddress(TrytonAddress stored, TrytonAddress wanted) {
        return Objects.equals(stored, new TrytonAddress(blankToNull(wanted.street()), blankToNull(wanted.postalCode()),
                blankToNull(wanted.city()), wanted.countryCode()));
    }

    private Map<String, Object> addressValues(TrytonAddress address) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("street", address.street());
        values.put("postal_code", address.postalCode());
        values.put("city", address.city());
        values.put("country", address.countryCode() == null ? null : countryId(address.countryCode()));
        return values;
    }

    private static Map<String, Object> identifierValues(TrytonTaxIdentifier identifier) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("type", identifier.type());
        values.put("code", identifier.code());
        return values;
    }

    private long countryId(String code) {
        return countryIds.computeIfAbsent(code, c -> rpc.search("country.country", List.of(List.of("code", "=", c)), 1)
                .stream().findFirst().orElseThrow(() -> new TrytonPermanentException("model.country.country.search",
                        "Tryton has no country with code " + c + "; create it there (scripts/tryton-setup creates the countries"
                                + " of the firm's entities and clients)")));
    }

    private String countryCode(long id) {
        return countryCodes.computeIfAbsent(id, i -> rpc.read("country.country", List.of(i), List.of("code")).get(0)
                .path("code").asString());
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
