package org.billrun.validate;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.billrun.infra.partition.LargestFirstPartitionHandler;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits a stage's records into partitions by ranges of consultant ids, of about equal numbers of records.
 * Validation partitions by consultant, not by client as drafting does: the rules that look beyond one record
 * look at one consultant's records across every client (the hours of a consultant-day, an expense claimed
 * twice), so a consultant's records stay in one partition, and each partition streams its consultants'
 * records as the whole step did. The ranges are half-open and cover every id: the first starts at the
 * empty id (records without a consultant sort there), the last has no end, so a record cannot fall between
 * two partitions. Only SQL orders and compares the ids, by their bytes (the "C" collation), so the database's
 * collation cannot put a record in two ranges or in none.
 */
public final class ConsultantRanges {

    /** One consultant's records of the stage. */
    public record Count(String consultantId, long records) {}

    /** The consultants from {@code from} (inclusive) up to {@code to} (exclusive; null: to the last), with their records. */
    public record Range(String from, String to, long records) {}

    /** Fewer records than this are not worth a partition of their own: its step costs a few bookkeeping transactions. */
    public static final int MIN_RECORDS = 500;

    /** Where a partition's range starts, in its execution context: present in every partition, so it names the partition's work. */
    public static final String FROM = "consultants.from";
    /** Where a partition's range ends (exclusive), in its execution context; absent in the last partition. */
    public static final String TO = "consultants.to";

    private ConsultantRanges() {}

    /**
     * {@code counts}, ordered by consultant id in the "C" collation, in at most {@code partitions} ranges of about equal records, none
     * but the last smaller than {@link #MIN_RECORDS}. A consultant is never split, so a consultant with
     * more records than a range's share makes a range larger than the others.
     */
    public static List<Range> split(List<Count> counts, int partitions) {
        long total = counts.stream().mapToLong(Count::records).sum();
        int wanted = (int) Math.max(1, Math.min(partitions, total / MIN_RECORDS));
        List<Range> ranges = new ArrayList<>(wanted);
        String from = "";
        long inRange = 0;
        long left = total;
        for (int i = 0; i < counts.size(); i++) {
            inRange += counts.get(i).records();
            int rangesLeft = wanted - ranges.size();
            // cut once this range holds its share of what the earlier ranges left, so one big consultant
            // does not leave the ranges after it small
            if (rangesLeft > 1 && i + 1 < counts.size() && inRange >= MIN_RECORDS && inRange * rangesLeft >= left) {
                String next = counts.get(i + 1).consultantId();
                ranges.add(new Range(from, next, inRange));
                from = next;
                left -= inRange;
                inRange = 0;
            }
        }
        ranges.add(new Range(from, null, inRange));
        return ranges;
    }

    /** The partitions' execution contexts, named {@code consultants-01}, ... in range order. */
    public static Map<String, ExecutionContext> contexts(List<Range> ranges) {
        Map<String, ExecutionContext> contexts = new LinkedHashMap<>();
        String format = "consultants-%0" + String.valueOf(ranges.size()).length() + "d";
        for (int i = 0; i < ranges.size(); i++) {
            Range range = ranges.get(i);
            ExecutionContext context = new ExecutionContext();
            context.putString(FROM, range.from());
            if (range.to() != null) {
                context.putString(TO, range.to());
            }
            context.putLong(LargestFirstPartitionHandler.ESTIMATED_ROWS, range.records());
            contexts.put(format.formatted(i + 1), context);
        }
        return contexts;
    }

    /** The ranges as one text, a line per range (records, then the start, URL-encoded), for a manager step to keep. */
    public static String encode(List<Range> ranges) {
        StringBuilder text = new StringBuilder();
        ranges.forEach(r -> text.append(r.records()).append(' ').append(URLEncoder.encode(r.from(), StandardCharsets.UTF_8)).append('\n'));
        return text.toString();
    }

    /** The ranges {@link #encode} kept; each ends where the next starts. */
    public static List<Range> decode(String text) {
        List<String[]> lines = text.lines().filter(l -> !l.isEmpty()).map(l -> l.split(" ", 2)).toList();
        List<Range> ranges = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String from = lines.get(i).length < 2 ? "" : URLDecoder.decode(lines.get(i)[1], StandardCharsets.UTF_8);
            String to = i + 1 < lines.size() ? URLDecoder.decode(lines.get(i + 1)[1], StandardCharsets.UTF_8) : null;
            ranges.add(new Range(from, to, Long.parseLong(lines.get(i)[0])));
        }
        return ranges;
    }

    /** For the log: "2,417 consultants in 8 partitions of 120,112 to 121,540 records". */
    public static String describe(List<Count> counts, List<Range> ranges) {
        long largest = ranges.stream().mapToLong(Range::records).max().orElse(0);
        long smallest = ranges.stream().mapToLong(Range::records).min().orElse(0);
        return String.format(Locale.ROOT, "%,d consultants in %d partitions of %,d to %,d records", counts.size(), ranges.size(), smallest,
                largest);
    }
}
