package org.billrun.generate;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.billrun.generate.Firm.Project;

/**
 * Writes the firm's directory (people.csv, approval_limits.csv; docs/input-formats.md): every project
 * manager, for the entities of their own and of the contracts they manage; one finance person per legal
 * entity; a finance controller and an administrator for every entity. Limits scale with the policy's
 * auto-approve limit: project managers and finance up to twice it, the controller up to forty times.
 */
final class PeopleWriter {

    private final Firm f;
    private final Path dir;

    PeopleWriter(Firm firm, Path dir) {
        this.f = firm;
        this.dir = dir;
    }

    /** The project managers by consultant index, with the entity ids they act for. */
    private TreeMap<Integer, TreeSet<String>> managers() {
        TreeMap<Integer, TreeSet<String>> managers = new TreeMap<>();
        for (Project p : f.projects) {
            if (p.manager >= 0) {
                TreeSet<String> entities = managers.computeIfAbsent(p.manager, m -> new TreeSet<>());
                entities.add(f.entities.get(f.homeEntity[p.manager]).id());
                entities.add(f.entities.get(f.contracts.get(p.contract).entity).id());
            }
        }
        return managers;
    }

    long people() throws IOException {
        TreeMap<Integer, TreeSet<String>> managers = managers();
        // the names consultants.csv gave them: the same stream, drawn in the same order
        SplittableRandom r = Rng.stream(f.seed, Rng.Section.CONSULTANT_NAMES, 0);
        try (CsvSink out = open(Headers.PEOPLE)) {
            for (int c = 0; c < f.consultantCount; c++) {
                String name = MasterDataWriter.name(r, f.entities.get(f.homeEntity[c]).country());
                TreeSet<String> entities = managers.get(c);
                if (entities != null) {
                    String id = f.consultantId(c);
                    out.row(id, name, id.toLowerCase(Locale.ROOT) + "@" + f.domain, "project_manager", String.join(";", entities));
                }
            }
            for (Firm.Entity e : f.entities) {
                out.row(financeId(e), "Finance " + e.id(), financeId(e) + "@" + f.domain, "finance", e.id());
            }
            out.row("controller", "Finance controller", "controller@" + f.domain, "finance_controller", "*");
            out.row("admin", "billrun administrator", "admin@" + f.domain, "admin", "*");
            return out.rows();
        }
    }

    long approvalLimits() throws IOException {
        try (CsvSink out = open(Headers.APPROVAL_LIMITS)) {
            for (Integer c : managers().keySet()) {
                limits(out, f.consultantId(c), 2);
            }
            for (Firm.Entity e : f.entities) {
                limits(out, financeId(e), 2);
            }
            limits(out, "controller", 40);
            return out.rows();
        }
    }

    private static void limits(CsvSink out, String userId, int timesTheAutoApproveLimit) throws IOException {
        for (int cur = 0; cur < Firm.CURRENCIES.length; cur++) {
            out.row(userId, Firm.CURRENCIES[cur], Fmt.money(PolicyWriter.limit(cur).multiply(BigDecimal.valueOf(timesTheAutoApproveLimit))));
        }
    }

    private static String financeId(Firm.Entity e) {
        return "finance-" + e.id().toLowerCase(Locale.ROOT);
    }

    private CsvSink open(String file) throws IOException {
        return new CsvSink(dir.resolve(file), Headers.of(file));
    }
}
