package org.billrun.erp.tryton;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.billrun.erp.tryton.TrytonSaved.Change;
import org.billrun.masterdata.InvoicingParties;
import org.billrun.masterdata.InvoicingParties.Buyer;

/**
 * {@code billrun erp sync-customers}: makes Tryton's customer parties match billrun's clients (the latest
 * clients.csv). billrun owns, per party found by its code (the client id), the name, the first address
 * (the bill-to address as its street, with the country), the tax identifier and the customer payment term
 * (clients.csv payment_terms_days); it creates a missing party and writes what differs, so a second sync
 * changes nothing. What it does not own it leaves alone and reports: further identifiers Tryton keeps on a
 * party, another party holding a client's tax identifier (a duplicate for a person to merge), a payment term
 * Tryton is not set up with, parties with a code that is no billrun client.
 */
public final class TrytonCustomerSync {

    /** What the sync did for one client, and what it found in Tryton that it left alone. */
    public record Synced(String clientId, long partyId, Change change, List<String> notes) {

        public Synced {
            notes = List.copyOf(notes);
        }
    }

    /** A Tryton party with a code that is no billrun client: not billrun's to change. */
    public record Foreign(long partyId, String code, String name) {}

    public record Result(List<Synced> clients, List<Foreign> foreign) {

        public Result {
            clients = List.copyOf(clients);
            foreign = List.copyOf(foreign);
        }

        public long count(Change change) {
            return clients.stream().filter(c -> c.change() == change).count();
        }
    }

    private final InvoicingParties clients;
    private final TrytonSetup setup;
    private final TrytonParties parties;
    private final TrytonJsonRpc rpc;

    public TrytonCustomerSync(InvoicingParties clients, TrytonSetup setup, TrytonJsonRpc rpc) {
        this.clients = clients;
        this.setup = setup;
        this.rpc = rpc;
        this.parties = new TrytonParties(rpc);
    }

    public Result sync() {
        List<Synced> synced = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (Buyer buyer : clients.currentBuyers()) {
            codes.add(buyer.clientId());
            synced.add(sync(buyer));
        }
        List<Foreign> foreign = new ArrayList<>();
        long company = companyPartyId();
        List<Long> coded = rpc.search("party.party", List.of(Arrays.asList("code", "!=", null)), null);
        for (long id : coded) {
            TrytonParty party = parties.read(id);
            if (!codes.contains(party.code()) && id != company) {
                foreign.add(new Foreign(id, party.code(), party.name()));
            }
        }
        return new Result(synced, foreign);
    }

    private Synced sync(Buyer buyer) {
        List<String> notes = new ArrayList<>();
        Long paymentTerm = setup.paymentTerms().get(buyer.paymentTermsDays());
        if (paymentTerm == null) {
            notes.add("Tryton has no payment term of " + buyer.paymentTermsDays() + " days (set up: " + setup.paymentTerms().keySet()
                    + "); the party's payment term is left as it is");
        }
        TrytonTaxIdentifier taxId = buyer.taxId() == null || buyer.taxId().isBlank() ? null : new TrytonTaxIdentifier(null, buyer.taxId());
        TrytonPartyData wanted = new TrytonPartyData(buyer.clientId(), buyer.name() == null ? buyer.clientId() : buyer.name(),
                new TrytonAddress(buyer.address(), null, null, buyer.country()), taxId, paymentTerm);
        TrytonSaved saved = parties.saveByCode(wanted);
        TrytonParty party = parties.read(saved.id());
        party.identifiers().stream().filter(i -> !i.equals(taxId))
                .forEach(i -> notes.add("Tryton keeps a further identifier " + (i.type() == null ? "" : i.type() + " ") + i.code()));
        if (taxId != null) {
            parties.findByTaxIdentifier(taxId.code()).stream().filter(id -> id != saved.id()).forEach(id -> {
                TrytonParty other = parties.read(id);
                notes.add("party " + id + " (" + (other.code() == null ? "no code" : "code " + other.code()) + ", " + other.name()
                        + ") has the same tax identifier: a duplicate?");
            });
        }
        return new Synced(buyer.clientId(), saved.id(), saved.change(), notes);
    }

    private long companyPartyId() {
        return TrytonJson.readId(rpc.read("company.company", List.of(setup.companyId()), List.of("party")).get(0).path("party"));
    }
}
