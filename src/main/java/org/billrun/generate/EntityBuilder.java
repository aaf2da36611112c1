package org.billrun.generate;

import static org.billrun.generate.Fakes.address;
import static org.billrun.generate.Fakes.digits;
import static org.billrun.generate.Rng.pick;

import java.util.SplittableRandom;
import org.billrun.generate.Firm.Entity;
import org.billrun.generate.Rng.Section;

/** The firm's brand and its legal entities: Germany, the UK and the US, and the Netherlands from 500 consultants on. */
final class EntityBuilder {

    /** From this many consultants on, the firm has a Dutch entity as well. */
    static final int DUTCH_ENTITY_FROM = 500;

    private EntityBuilder() {}

    static void build(Firm f, int consultants) {
        SplittableRandom r = Rng.stream(f.seed, Section.FIRM, 0);
        String[] brand = pick(r, Vocabulary.BRANDS);
        f.brand = brand[0];
        f.brandCode = brand[1];
        f.domain = brand[2];
        f.entities.add(new Entity(0, "DE01", f.brand + " Consulting GmbH", "DE", "EUR", "DE" + digits(r, 9),
                address(r, "DE"), f.brandCode + "DE"));
        f.entities.add(new Entity(1, "GB01", f.brand + " Consulting Ltd", "GB", "GBP", "GB" + digits(r, 9),
                address(r, "GB"), f.brandCode + "UK"));
        f.entities.add(new Entity(2, "US01", f.brand + " Consulting Inc.", "US", "USD",
                "EIN " + digits(r, 2) + "-" + digits(r, 7), address(r, "US"), f.brandCode + "US"));
        if (consultants >= DUTCH_ENTITY_FROM) {
            f.entities.add(new Entity(3, "NL01", f.brand + " Consulting B.V.", "NL", "EUR",
                    "NL" + digits(r, 9) + "B01", address(r, "NL"), f.brandCode + "NL"));
        }
    }
}
