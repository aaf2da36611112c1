package org.billrun.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Invariant 1, conservation, as arithmetic: every period record of a run is in exactly one state, and
 * per currency what validation valued equals what the drafts carry plus what is held and written off.
 * Plain Java over figures the report's queries read: the records per kind, state and currency from
 * validation, and per currency what the run's drafts carry (their lineage and write-downs).
 *
 * <p>The two sides come from different tables, so a valid record missing from the drafts, or drafted
 * twice, shows: as a difference of amounts, and as a difference between the valid and the drafted
 * record counts (which also catches a record of no value).
 */
final class Conservation {

    /** The kinds of period record, in the order the report lists them. */
    static final List<String> KINDS = List.of("time_entry", "expense", "milestone");

    /** Validated records of one kind, state and currency: how many, how many have a value, and their value and hours. */
    record StateCount(String kind, String state, String currency, long records, long valued, BigDecimal amount, BigDecimal hours) {}

    /**
     * What the run's drafts carry in one currency: the records on their lines, the records' value, the
     * write-downs to caps, and the value of the records on lines reviewers wrote off (in approved versions).
     */
    record Drafted(long records, BigDecimal value, BigDecimal writeDowns, BigDecimal writeOffs) {

        static final Drafted NOTHING = new Drafted(0, BigDecimal.ZERO, BigDecimal.ZERO);

        Drafted(long records, BigDecimal value, BigDecimal writeDowns) {
            this(records, value, writeDowns, BigDecimal.ZERO);
        }

        Drafted withWriteOffs(BigDecimal approvalWriteOffs) {
            return new Drafted(records, value, writeDowns, writeOffs.add(approvalWriteOffs));
        }

        /**
         * With the valid records the run did not draft because an earlier run's draft of the period, which someone
         * acted on (an invoice), bills them: they are billed, once, there (docs/credits.md, "Conservation"). Their
         * value is validation's, this run's: a record that changed since is billed on the earlier draft as it was.
         */
        Drafted withBilledEarlier(long earlierRecords, BigDecimal earlierValue) {
            return new Drafted(records + earlierRecords, value.add(earlierValue), writeDowns, writeOffs);
        }
    }

    private Conservation() {}

    /**
     * Per kind: valid + held + non-billable from validation, rejected at ingest ({@code rejected}, by
     * kind; none for a kind not in it), and their total.
     */
    static List<RunReport.RecordStates> recordStates(List<StateCount> states, Map<String, Long> rejected) {
        List<RunReport.RecordStates> records = new ArrayList<>();
        for (String kind : KINDS) {
            long valid = count(states, kind, "valid");
            long held = count(states, kind, "held");
            long nonBillable = count(states, kind, "non_billable");
            long rejectedRows = rejected.getOrDefault(kind, 0L);
            records.add(new RunReport.RecordStates(kind, valid, held, nonBillable, rejectedRows, valid + held + nonBillable + rejectedRows));
        }
        return records;
    }

    /**
     * Per currency, input billable value (valid + held records with a value) = drafted (the value of the
     * records on the drafts, less the write-downs and write-offs) + held + written off (the write-downs to
     * caps and the records on lines reviewers wrote off in an approved version). It reconciles
     * when the difference is 0 and the drafts carry as many records as are valid. Amounts keep every
     * decimal they have, all figures of a currency at one scale (at least its minor unit), so that the
     * equation reads exactly.
     */
    static List<RunReport.ControlTotal> controlTotals(List<StateCount> states, Map<String, Drafted> drafted) {
        Map<String, Side> byCurrency = new TreeMap<>();
        for (StateCount r : states) {
            if (r.currency() == null || r.valued() == 0 || !(r.state().equals("valid") || r.state().equals("held"))) {
                continue;
            }
            Side side = byCurrency.computeIfAbsent(r.currency(), c -> new Side());
            if (r.state().equals("valid")) {
                side.valid = side.valid.add(r.amount());
                side.validRecords += r.valued();
            } else {
                side.held = side.held.add(r.amount());
                side.heldRecords += r.valued();
            }
        }
        drafted.keySet().forEach(c -> byCurrency.computeIfAbsent(c, k -> new Side()));
        List<RunReport.ControlTotal> totals = new ArrayList<>();
        byCurrency.forEach((currency, side) -> {
            Drafted onDrafts = drafted.getOrDefault(currency, Drafted.NOTHING);
            BigDecimal writtenOff = onDrafts.writeDowns().add(onDrafts.writeOffs());
            BigDecimal draftedValue = onDrafts.value().subtract(writtenOff);
            BigDecimal input = side.valid.add(side.held);
            BigDecimal difference = input.subtract(draftedValue.add(side.held).add(writtenOff));
            boolean reconciles = difference.signum() == 0 && side.validRecords == onDrafts.records();
            int scale = Stream.of(input, side.valid, draftedValue, side.held, writtenOff, difference)
                    .mapToInt(a -> Amounts.scale(a, currency)).max().orElseThrow();
            totals.add(new RunReport.ControlTotal(currency, Amounts.exact(input, scale), Amounts.exact(side.valid, scale),
                    Amounts.exact(draftedValue, scale), Amounts.exact(side.held, scale), Amounts.exact(writtenOff, scale),
                    Amounts.exact(difference, scale), reconciles, side.validRecords, onDrafts.records(), side.heldRecords));
        });
        return totals;
    }

    private static long count(List<StateCount> states, String kind, String state) {
        return states.stream().filter(r -> r.kind().equals(kind) && r.state().equals(state)).mapToLong(StateCount::records).sum();
    }

    /** Validation's side of one currency: the valid and held records that have a value. */
    private static final class Side {
        BigDecimal valid = BigDecimal.ZERO;
        BigDecimal held = BigDecimal.ZERO;
        long validRecords;
        long heldRecords;
    }
}
