package org.billrun.infra.partition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Packs a run's clients into partitions (of drafting, invoice PDFs, validation) of about equal size, largest first (each client to the
 * partition with the fewest records so far, the classic longest-processing-time packing): a client's
 * records are never split, and a large client gets a partition of its own rather than one that runs
 * alone long after the others finished. The same clients with the same sizes always give the same
 * partitions, in the same order: a resumed run finds its unfinished partitions again by name.
 */
public final class ClientPartitions {

    /** A client and what drafting it costs: its records that bill and its contracts (each a draft, a lock and a few queries). */
    public record Sized(ClientKey client, long records, int contracts) {

        /** The size partitions are balanced by: records, plus one per contract so a retainer without records still counts. */
        public long weight() {
            return records + contracts;
        }
    }

    /** One partition: its clients, how many records they bill and how many contracts they have. */
    public record Partition(Set<ClientKey> clients, long records, int contracts) {

        public long weight() {
            return records + contracts;
        }
    }

    /** Partitions per thread: enough that a partition slower than the others does not leave the other threads idle for long. */
    public static final int PER_THREAD = 4;

    /**
     * Contracts per partition before the clients are spread over more partitions: a drafting partition takes
     * one PostgreSQL advisory lock per contract for its whole transaction, and the server's lock table holds
     * about 64 per connection (max_locks_per_transaction), shared by every session.
     */
    public static final int MAX_CONTRACTS = 500;

    private ClientPartitions() {}

    /**
     * {@code clients} in {@code threads} x {@link #PER_THREAD} partitions (fewer when there are fewer
     * clients; more when their contracts do not fit {@link #MAX_CONTRACTS} to a partition), largest first.
     * Only a client that alone has more contracts than that gets a partition above the limit.
     */
    public static List<Partition> pack(List<Sized> clients, int threads) {
        if (clients.isEmpty()) {
            return List.of();
        }
        long contracts = clients.stream().mapToLong(Sized::contracts).sum();
        int wanted = (int) Math.max((long) Math.max(1, threads) * PER_THREAD, (contracts + MAX_CONTRACTS - 1) / MAX_CONTRACTS);
        int count = Math.min(clients.size(), wanted);
        List<Sized> largestFirst = new ArrayList<>(clients);
        largestFirst.sort(Comparator.comparingLong(Sized::weight).reversed().thenComparing(Sized::client));
        List<Bin> bins = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bins.add(new Bin(i));
        }
        for (Sized client : largestFirst) {
            Bin lightest = null;
            for (Bin bin : bins) {
                boolean room = bin.contracts == 0 || bin.contracts + client.contracts() <= MAX_CONTRACTS;
                if (room && (lightest == null || bin.weight() < lightest.weight())) {
                    lightest = bin;
                }
            }
            if (lightest == null) {
                lightest = new Bin(bins.size());
                bins.add(lightest);
            }
            lightest.add(client);
        }
        return bins.stream()
                .sorted(Comparator.comparingLong(Bin::weight).reversed().thenComparingInt(Bin::index))
                .map(b -> new Partition(b.clients, b.records, b.contracts))
                .toList();
    }

    /** The key of a partition's clients in its execution context ({@link ClientKey#encode}). */
    public static final String CLIENTS = "clients";

    /**
     * The execution contexts of {@code partitions}, in their order, named {@code clients-01},
     * {@code clients-02}, ...: the partition's clients ({@link #CLIENTS}) and its size for the largest-first
     * handler ({@link LargestFirstPartitionHandler#ESTIMATED_ROWS}).
     */
    public static Map<String, ExecutionContext> contexts(List<Partition> partitions) {
        Map<String, ExecutionContext> contexts = new LinkedHashMap<>();
        String format = "clients-%0" + String.valueOf(partitions.size()).length() + "d";
        for (int i = 0; i < partitions.size(); i++) {
            ExecutionContext context = new ExecutionContext();
            context.putString(CLIENTS, ClientKey.encode(partitions.get(i).clients()));
            context.putLong(LargestFirstPartitionHandler.ESTIMATED_ROWS, partitions.get(i).weight());
            contexts.put(format.formatted(i + 1), context);
        }
        return contexts;
    }

    /** The key under which a partitioned step's manager keeps its plan ({@link #plannedOnce}). */
    public static final String PLAN = "clients.plan";

    /** The partitions of a step, planned once ({@link KeptPlan}): {@code plan} packs them on the first attempt only. */
    public static Map<String, ExecutionContext> plannedOnce(ExecutionContext kept, Runnable save, java.util.function.Supplier<List<Partition>> plan) {
        return decodePlan(KeptPlan.of(kept, PLAN, save, () -> {
            StringBuilder text = new StringBuilder();
            contexts(plan.get()).forEach((name, context) -> text.append(name).append('|')
                    .append(context.getLong(LargestFirstPartitionHandler.ESTIMATED_ROWS)).append('|').append(context.getString(CLIENTS))
                    .append('\n'));
            return text.toString();
        }));
    }

    private static Map<String, ExecutionContext> decodePlan(String plan) {
        Map<String, ExecutionContext> contexts = new LinkedHashMap<>();
        for (String line : plan.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\|", 3);
            ExecutionContext context = new ExecutionContext();
            context.putString(CLIENTS, parts[2]);
            context.putLong(LargestFirstPartitionHandler.ESTIMATED_ROWS, Long.parseLong(parts[1]));
            contexts.put(parts[0], context);
        }
        return contexts;
    }

    /** How {@code partitions} split the work, for the log: "33 clients in 8 partitions of 2,437 to 2,513 records". */
    public static String describe(List<Partition> partitions) {
        int clients = partitions.stream().mapToInt(p -> p.clients().size()).sum();
        long largest = partitions.stream().mapToLong(Partition::records).max().orElse(0);
        long smallest = partitions.stream().mapToLong(Partition::records).min().orElse(0);
        return String.format(Locale.ROOT, "%d clients in %d partitions of %,d to %,d records", clients, partitions.size(), smallest, largest);
    }

    /** Partitioned work is Java work (rules, pricing, PDF layout) between the database's reads and writes: one partition at a time per core. */
    public static int threads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    private static final class Bin {
        private final int index;
        private final Set<ClientKey> clients = new TreeSet<>();
        private long records;
        private int contracts;

        Bin(int index) {
            this.index = index;
        }

        int index() {
            return index;
        }

        public long weight() {
            return records + contracts;
        }

        void add(Sized client) {
            clients.add(client.client());
            records += client.records();
            contracts += client.contracts();
        }
    }
}
