package org.billrun.draft;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.billrun.billing.Consultant;
import org.billrun.billing.Contract;
import org.billrun.billing.MasterData;
import org.billrun.billing.Money;
import org.billrun.billing.Presentation;
import org.billrun.billing.Project;
import org.billrun.billing.RateRow;
import org.billrun.billing.TimeEntry;
import org.billrun.billing.Valuation;

/**
 * Prices time entries and groups them into lines the way the client asked (docs/drafting.md, "Time"):
 * one line per project, role (or consultant) and rate row, quantity = hours, unit price = the rate,
 * value = the entries' values summed and rounded once.
 */
final class TimeLines {

    private final MasterData master;

    TimeLines(MasterData master) {
        this.master = master;
    }

    /** A priced entry: the entry, who worked, on what, at which rate. */
    private record Priced(TimeEntry entry, Consultant consultant, Project project, RateRow rate, BigDecimal value) {}

    private record Key(String projectId, String who, String rateId) {}

    /** Time lines of a contract billed by the hour (or drawn from a retainer: {@code covered} makes their net 0). */
    List<DraftLine> byTheHour(Contract contract, List<TimeEntry> entries, Presentation presentation, boolean covered) {
        Map<Key, List<Priced>> groups = new HashMap<>();
        for (TimeEntry entry : entries) {
            Priced priced = price(contract, entry);
            String who = presentation == Presentation.DETAIL_BY_CONSULTANT ? priced.consultant().consultantId() : priced.consultant().role();
            groups.computeIfAbsent(new Key(priced.project().projectId(), who, priced.rate().rateId()), k -> new ArrayList<>()).add(priced);
        }
        Map<String, Integer> ratesPerPerson = new HashMap<>();
        groups.keySet().forEach(k -> ratesPerPerson.merge(k.projectId() + "|" + k.who(), 1, Integer::sum));
        List<Map.Entry<Key, List<Priced>>> ordered = new ArrayList<>(groups.entrySet());
        ordered.sort(Comparator.comparing((Map.Entry<Key, List<Priced>> e) -> e.getKey().projectId())
                .thenComparing(e -> e.getKey().who())
                .thenComparing(e -> e.getValue().get(0).rate().validFrom())
                .thenComparing(e -> e.getKey().rateId()));
        List<DraftLine> lines = new ArrayList<>();
        for (Map.Entry<Key, List<Priced>> group : ordered) {
            Key key = group.getKey();
            List<Priced> priced = group.getValue();
            priced.sort(Comparator.comparing((Priced p) -> p.entry().workDate()).thenComparing(p -> p.entry().entryId()));
            Priced first = priced.get(0);
            RateRow rate = first.rate();
            BigDecimal hours = BigDecimal.ZERO;
            BigDecimal exact = BigDecimal.ZERO;
            List<LineSource> sources = new ArrayList<>();
            for (Priced p : priced) {
                hours = hours.add(p.entry().hours());
                exact = exact.add(p.value());
                sources.add(new LineSource(p.entry().ref(), p.entry().workDate(), p.entry().hours(), p.value(), BigDecimal.ZERO,
                        rate.rateId()));
            }
            Money value = Money.rounded(exact, contract.currency());
            String person = presentation == Presentation.DETAIL_BY_CONSULTANT
                    ? first.consultant().name() + " (" + roleLabel(first.consultant().role()) + ")"
                    : roleLabel(key.who());
            String description = first.project().name() + ": " + person
                    + (ratesPerPerson.get(key.projectId() + "|" + key.who()) > 1 ? ", rate from " + rate.validFrom() : "");
            String explanation = "rate " + rate.explain() + (covered ? "; drawn from the retainer balance" : "");
            lines.add(DraftLine.of(LineType.TIME, key.projectId() + "|" + key.who() + "|" + key.rateId(), description, hours,
                    rate.hourlyRate(), value, covered ? zero(contract) : value, explanation, sources));
        }
        return lines;
    }

    /** Time on a fixed-fee contract: one line per project, net 0; valued at the rate where there is one. */
    List<DraftLine> coveredByFixedFee(Contract contract, List<TimeEntry> entries) {
        Map<String, List<TimeEntry>> byProject = new TreeMap<>();
        entries.forEach(e -> byProject.computeIfAbsent(e.projectId(), k -> new ArrayList<>()).add(e));
        List<DraftLine> lines = new ArrayList<>();
        byProject.forEach((projectId, list) -> {
            list.sort(Comparator.comparing(TimeEntry::workDate).thenComparing(TimeEntry::entryId));
            BigDecimal hours = BigDecimal.ZERO;
            BigDecimal exact = BigDecimal.ZERO;
            List<LineSource> sources = new ArrayList<>();
            for (TimeEntry entry : list) {
                Consultant consultant = master.consultant(entry.consultantId());
                RateRow rate = consultant == null ? null : master.rates().resolve(consultant, contract, entry.workDate()).orElse(null);
                BigDecimal value = rate == null ? BigDecimal.ZERO.setScale(Valuation.SCALE) : Valuation.time(entry.hours(), rate.hourlyRate());
                hours = hours.add(entry.hours());
                exact = exact.add(value);
                sources.add(new LineSource(entry.ref(), entry.workDate(), entry.hours(), value, BigDecimal.ZERO,
                        rate == null ? "no rate (covered by the fixed fee)" : rate.rateId()));
            }
            Project project = master.project(projectId);
            lines.add(DraftLine.of(LineType.FIXED_FEE_TIME, projectId, project.name() + ": time recorded against the fixed fee", hours,
                    null, Money.rounded(exact, contract.currency()), zero(contract),
                    "covered by the fixed fee; value at the rates in force, for information", sources));
        });
        return lines;
    }

    private Priced price(Contract contract, TimeEntry entry) {
        Consultant consultant = master.consultant(entry.consultantId());
        Project project = master.project(entry.projectId());
        if (consultant == null || project == null) {
            throw new IllegalStateException("time entry " + entry.entryId() + " (" + entry.ref().where() + ") is valid but its "
                    + (consultant == null ? "consultant " + entry.consultantId() : "project " + entry.projectId()) + " is unknown");
        }
        RateRow rate = master.rates().resolve(consultant, contract, entry.workDate())
                .orElseThrow(() -> new IllegalStateException("time entry " + entry.entryId() + " (" + entry.ref().where()
                        + ") is valid but has no rate for " + consultant.role() + " in " + contract.currency() + " on "
                        + entry.workDate() + "; a missing rate is never billed at zero (RATE_MISSING must hold it)"));
        return new Priced(entry, consultant, project, rate, Valuation.time(entry.hours(), rate.hourlyRate()));
    }

    static String roleLabel(String role) {
        return role == null ? "" : role.replace('_', ' ');
    }

    private static Money zero(Contract contract) {
        return Money.zero(contract.currency());
    }
}
