package org.billrun.generate;

import static org.billrun.generate.Fakes.address;
import static org.billrun.generate.Fakes.digits;
import static org.billrun.generate.Fakes.euVatId;
import static org.billrun.generate.Fakes.slug;
import static org.billrun.generate.Rng.chance;
import static org.billrun.generate.Rng.pick;

import java.util.SplittableRandom;
import org.billrun.generate.Firm.Client;
import org.billrun.generate.Firm.Entity;
import org.billrun.generate.Rng.Section;

/**
 * The clients, one per ten consultants (at least ten), spread over regions that decide their country,
 * currency, tax id and the entity that serves them; then one internal client per entity.
 */
final class ClientBuilder {

    private static final String[] EU_COUNTRIES = {"FR", "NL", "BE", "AT", "IT", "ES", "IE", "PL", "SE", "DK", "FI", "LU"};

    /** Where clients are, with their share of all clients in per cent; domestic clients take what the others leave. */
    private enum Region {
        DOMESTIC(30), EU(25), UK(15), US(20), SWISS(5), CONSUMER(5);

        final int sharePct;

        Region(int sharePct) {
            this.sharePct = sharePct;
        }
    }

    private ClientBuilder() {}

    static void build(Firm f) {
        SplittableRandom r = Rng.stream(f.seed, Section.CLIENTS, 0);
        int count = Math.max(10, f.consultantCount / 10);
        int width = Math.max(4, Fmt.digits(count));
        Region[] regions = regions(r, count);
        boolean withNl = f.entities.size() == 4;
        for (int i = 0; i < count; i++) {
            Client cl = new Client();
            cl.index = i;
            cl.id = "C-" + Fmt.pad(i + 1L, width);
            Region region = regions[i];
            String stem = pick(r, Vocabulary.CLIENT_STEMS);
            cl.business = region != Region.CONSUMER;
            place(r, cl, region, withNl);
            cl.name = name(r, cl, region, stem);
            cl.address = address(r, cl.country);
            if (chance(r, 0.05)) {
                cl.address = (cl.business ? "Accounts Payable, " : "") + cl.address;
                cl.address = cl.address.replace(", ", "\n");
            }
            cl.paymentTermsDays = pick(r, new int[] {14, 30, 30, 30, 45, 60, 90});
            cl.presentation = chance(r, 0.7) ? "summary_by_role" : "detail_by_consultant";
            double annex = r.nextDouble();
            cl.timeAnnex = annex < 0.25 ? "true" : annex < 0.85 ? "false" : "";
            if (chance(r, 0.85)) {
                String slug = slug(region == Region.CONSUMER ? cl.name : stem);
                if (slug.isEmpty()) {
                    slug = "client" + (i + 1);
                }
                cl.email = region == Region.CONSUMER ? slug + "@mail.example"
                        : pick(r, new String[] {"ap@", "invoices@", "accounts.payable@"}) + slug + ".example";
            }
            f.clients.add(cl);
        }
        for (Entity e : f.entities) {
            f.clients.add(internal(f, e));
        }
    }

    /** Each region's share of {@code count} clients (at least one each), in a shuffled order. */
    private static Region[] regions(SplittableRandom r, int count) {
        Region[] regions = new Region[count];
        int others = 0;
        for (Region region : Region.values()) {
            if (region != Region.DOMESTIC) {
                others += Math.max(1, count * region.sharePct / 100);
            }
        }
        int pos = 0;
        for (Region region : Region.values()) {
            int n = region == Region.DOMESTIC ? count - others : Math.max(1, count * region.sharePct / 100);
            for (int j = 0; j < n; j++) {
                regions[pos++] = region;
            }
        }
        Rng.shuffle(r, regions);
        return regions;
    }

    private static void place(SplittableRandom r, Client cl, Region region, boolean withNl) {
        switch (region) {
            case DOMESTIC -> national(cl, "DE", "EUR", chance(r, 0.9) ? "DE" + digits(r, 9) : null, 0);
            case EU -> {
                cl.country = pick(r, EU_COUNTRIES);
                cl.currency = "EUR";
                cl.taxId = chance(r, 0.95) ? euVatId(r, cl.country) : null;
                cl.defaultEntity = withNl && (cl.country.equals("NL") || chance(r, 0.25)) ? 3 : 0;
            }
            case UK -> national(cl, "GB", "GBP", chance(r, 0.95) ? "GB" + digits(r, 9) : null, 1);
            case US -> national(cl, "US", "USD", chance(r, 0.7) ? digits(r, 2) + "-" + digits(r, 7) : null, 2);
            case SWISS -> {
                cl.country = "CH";
                cl.currency = chance(r, 0.7) ? "CHF" : "EUR";
                cl.taxId = chance(r, 0.9)
                        ? "CHE-" + digits(r, 3) + "." + digits(r, 3) + "." + digits(r, 3) + " MWST" : null;
                cl.defaultEntity = 0;
            }
            case CONSUMER -> {
                cl.country = chance(r, 0.7) ? "DE" : "AT";
                cl.currency = "EUR";
                cl.taxId = null;
                cl.defaultEntity = 0;
            }
        }
    }

    /** A client in the home country of one of the firm's entities, served by it. */
    private static void national(Client cl, String country, String currency, String taxId, int entity) {
        cl.country = country;
        cl.currency = currency;
        cl.taxId = taxId;
        cl.defaultEntity = entity;
    }

    private static String name(SplittableRandom r, Client cl, Region region, String stem) {
        if (region == Region.CONSUMER) {
            return pick(r, new String[] {"Dr. ", "", "", "Prof. "}) + pick(r, Vocabulary.DE_FIRST) + " " + pick(r, Vocabulary.DE_LAST);
        }
        String form = pick(r, Vocabulary.legalForms(cl.country));
        double style = r.nextDouble();
        if (style < 0.03) {
            return stem + ", " + pick(r, Vocabulary.CLIENT_STEMS) + " & Partners " + form;
        } else if (style < 0.05) {
            return "\"" + stem + "\" " + pick(r, Vocabulary.SECTORS) + " " + form;
        }
        return stem + " " + pick(r, Vocabulary.SECTORS) + " " + form;
    }

    /** The entity's own client, for internal time (never invoiced). */
    private static Client internal(Firm f, Entity e) {
        Client cl = new Client();
        cl.index = f.clients.size();
        cl.id = "C-INT-" + e.id();
        cl.name = e.name() + " (internal)";
        cl.country = e.country();
        cl.currency = e.currency();
        cl.business = true;
        cl.taxId = e.vatId();
        cl.address = e.address();
        cl.paymentTermsDays = 0;
        cl.presentation = "summary_by_role";
        cl.timeAnnex = "false";
        cl.defaultEntity = e.index();
        cl.internal = true;
        return cl;
    }
}
