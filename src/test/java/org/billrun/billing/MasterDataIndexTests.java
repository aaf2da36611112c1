package org.billrun.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MasterDataIndexTests {

    record Item(String id, int n) {}

    @Test
    void indexFindsEveryValueAmongFifteenThousandSequentialIds() {
        List<Item> items = IntStream.rangeClosed(1, 15_000).mapToObj(i -> new Item("E-%05d".formatted(i), i)).toList();

        Map<String, Item> byId = MasterData.index(items, Item::id);

        assertThat(byId).hasSize(15_000);
        assertThat(items).allSatisfy(item -> assertThat(byId.get(item.id())).isSameAs(item));
        assertThat(byId.get("E-15001")).isNull();
    }

    @Test
    void twoValuesWithOneIdAreRefused() {
        List<Item> items = List.of(new Item("C-1", 1), new Item("C-2", 2), new Item("C-1", 3));

        assertThatThrownBy(() -> MasterData.index(items, Item::id)).isInstanceOf(IllegalStateException.class).hasMessageContaining("C-1");
    }

    @Test
    void theIndexCannotBeChanged() {
        Map<String, Item> byId = MasterData.index(List.of(new Item("P-1", 1)), Item::id);

        assertThatThrownBy(() -> byId.put("P-2", new Item("P-2", 2))).isInstanceOf(UnsupportedOperationException.class);
    }
}
