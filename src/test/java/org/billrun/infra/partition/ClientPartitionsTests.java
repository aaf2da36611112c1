package org.billrun.infra.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class ClientPartitionsTests {

    private static ClientPartitions.Sized client(String entity, String id, long records, int contracts) {
        return new ClientPartitions.Sized(new ClientKey(entity, id), records, contracts);
    }

    @Test
    void everyClientIsInExactlyOnePartitionAndTheLargestComeFirst() {
        List<ClientPartitions.Sized> clients = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            clients.add(client(i % 2 == 0 ? "DE01" : "GB01", "C-" + i, i * 100L, 1 + i % 3));
        }

        List<ClientPartitions.Partition> partitions = ClientPartitions.pack(clients, 2);

        assertThat(partitions).hasSize(2 * ClientPartitions.PER_THREAD);
        Set<ClientKey> seen = new HashSet<>();
        partitions.forEach(p -> p.clients().forEach(c -> assertThat(seen.add(c)).as("in one partition only: " + c).isTrue()));
        assertThat(seen).hasSize(40);
        assertThat(partitions).extracting(ClientPartitions.Partition::weight).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        long total = clients.stream().mapToLong(ClientPartitions.Sized::weight).sum();
        assertThat(partitions.get(0).weight()).as("balanced within the largest client").isLessThanOrEqualTo(total / 8 + 3_903);
    }

    @Test
    void aClientLargerThanTheRestTogetherGetsAPartitionOfItsOwn() {
        List<ClientPartitions.Partition> partitions = ClientPartitions.pack(List.of(client("DE01", "BIG", 100_000, 5),
                client("DE01", "A", 10, 1), client("DE01", "B", 20, 1), client("GB01", "C", 30, 1)), 1);

        assertThat(partitions.get(0).clients()).containsExactly(new ClientKey("DE01", "BIG"));
        assertThat(partitions).hasSize(4);
    }

    @Test
    void clientsWithManyContractsAreSpreadOverMorePartitionsSoNoTransactionTakesTooManyLocks() {
        List<ClientPartitions.Sized> clients = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            clients.add(client("DE01", "C-" + i, 10, 60));
        }

        List<ClientPartitions.Partition> partitions = ClientPartitions.pack(clients, 1);

        assertThat(partitions.size()).isGreaterThanOrEqualTo(12);
        assertThat(partitions).allSatisfy(p -> assertThat(p.contracts()).isLessThanOrEqualTo(ClientPartitions.MAX_CONTRACTS));
    }

    @Test
    void theSameClientsAlwaysGiveTheSamePartitionsSoAResumedRunFindsItsOwn() {
        List<ClientPartitions.Sized> clients = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            clients.add(client("DE01", "C-" + i, 50, 1));
        }
        List<ClientPartitions.Sized> shuffled = new ArrayList<>(clients);
        java.util.Collections.shuffle(shuffled, new java.util.Random(7));

        assertThat(ClientPartitions.pack(shuffled, 2)).isEqualTo(ClientPartitions.pack(clients, 2));
    }

    @Test
    void noClientsNoPartitions() {
        assertThat(ClientPartitions.pack(List.of(), 2)).isEmpty();
    }

    @Test
    void clientKeysSurviveTheirEncodingWhateverCharactersTheIdsHave() {
        Set<ClientKey> clients = Set.of(new ClientKey("DE01", "C/1,2"), new ClientKey("", "C%20 x"), new ClientKey("GB01", null));

        assertThat(ClientKey.decode(ClientKey.encode(clients))).containsExactlyInAnyOrderElementsOf(clients);
        assertThat(ClientKey.decode("")).isEmpty();
    }

    @Test
    void aRestartGetsTheFirstAttemptsPlanBackEvenWhenTheDataWouldNowBePackedOtherwise() {
        ExecutionContext manager = new ExecutionContext();
        int[] saves = {0};
        List<ClientPartitions.Sized> first = List.of(client("DE01", "C-A", 900, 1), client("DE01", "C-B/x,y", 500, 2),
                client("GB01", "C-C", 300, 1), client("US01", "C-D", 100, 1));

        Map<String, ExecutionContext> planned = ClientPartitions.plannedOnce(manager, () -> saves[0]++, () -> ClientPartitions.pack(first, 1));
        // what a restart would pack now: two clients gone (a draft acted on, a newer contracts.csv), so fewer partitions
        Map<String, ExecutionContext> restarted = ClientPartitions.plannedOnce(manager, () -> saves[0]++,
                () -> ClientPartitions.pack(first.subList(0, 2), 1));

        assertThat(saves[0]).as("the plan is saved once, when it is made").isOne();
        assertThat(restarted.keySet()).containsExactlyElementsOf(planned.keySet()).hasSize(4);
        planned.forEach((name, context) -> {
            assertThat(restarted.get(name).getString(ClientPartitions.CLIENTS)).isEqualTo(context.getString(ClientPartitions.CLIENTS));
            assertThat(restarted.get(name).getLong(LargestFirstPartitionHandler.ESTIMATED_ROWS))
                    .isEqualTo(context.getLong(LargestFirstPartitionHandler.ESTIMATED_ROWS));
        });
        assertThat(ClientKey.decode(restarted.values().stream().map(c -> c.getString(ClientPartitions.CLIENTS))
                .reduce((a, b) -> a + "," + b).orElseThrow())).contains(new ClientKey("DE01", "C-B/x,y"), new ClientKey("US01", "C-D"));
    }
}
