package org.billrun.draft;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Packs a run's clients into drafting partitions of about equal size, largest first (each client to the
 * partition with the fewest records so far, the classic longest-processing-time packing): a client's
 * records are never split, and a large client gets a partition of its own rather than one that runs
 * alone long after the others finished. The same clients with the same sizes always give the same
 * partitions, in the same order: a resumed run finds its unfinished partitions again by name.
 */
final class DraftPartitions {

    /** A client and what drafting it costs: its records that bill and its contracts (each a draft, a lock and a few queries). */
    record Sized(ClientKey client, long records, int contracts) {

        /** The size partitions are balanced by: records, plus one per contract so a retainer without records still counts. */
        long weight() {
            return records + contracts;
        }
    }

    /** One partition: its clients, how many records they bill and how many contracts they have. */
    record Partition(Set<ClientKey> clients, long records, int contracts) {

        long weight() {
            return records + contracts;
        }
    }

    /** Partitions per thread: enough that a partition slower than the others does not leave the other threads idle for long. */
    static final int PER_THREAD = 4;

    /**
     * Contracts per partition before the clients are spread over more partitions: a partition takes one
     * PostgreSQL advisory lock per contract for its whole transaction, and the server's lock table holds
     * about 64 per connection (max_locks_per_transaction), shared by every session.
     */
    static final int MAX_CONTRACTS = 500;

    private DraftPartitions() {}

    /**
     * {@code clients} in {@code threads} x {@link #PER_THREAD} partitions (fewer when there are fewer
     * clients; more when their contracts do not fit {@link #MAX_CONTRACTS} to a partition), largest first.
     * Only a client that alone has more contracts than that gets a partition above the limit.
     */
    static List<Partition> pack(List<Sized> clients, int threads) {
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

        long weight() {
            return records + contracts;
        }

        void add(Sized client) {
            clients.add(client.client());
            records += client.records();
            contracts += client.contracts();
        }
    }
}
