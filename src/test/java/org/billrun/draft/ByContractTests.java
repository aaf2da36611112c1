package org.billrun.draft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.billrun.validate.ValidationQueries.Billed;
import org.junit.jupiter.api.Test;

/** Drafting walks the contracts in id order beside the records ordered by contract, holding one contract's records at a time. */
class ByContractTests {

    @Test
    void eachContractGetsItsOwnRecordsInTheOrderTheyCame() {
        ByContract<String> records = new ByContract<>(rows("K-1:a", "K-1:b", "K-3:c", "K-3:d", "K-3:e").iterator());

        assertThat(records.take("K-1")).containsExactly("a", "b");
        assertThat(records.take("K-2")).isEmpty();
        assertThat(records.take("K-3")).containsExactly("c", "d", "e");
        assertThat(records.take("K-4")).isEmpty();
        assertThat(records.unknown()).isEmpty();
    }

    @Test
    void recordsOfContractsTheWalkSkipsAreUnknownWhetherBetweenOrAfterTheContractsTaken() {
        ByContract<String> records = new ByContract<>(rows("K-0:a", "K-1:b", "K-2:c", "K-2:d", "K-9:e").iterator());

        assertThat(records.take("K-1")).containsExactly("b");
        assertThat(records.take("K-3")).isEmpty();

        assertThat(records.unknown()).containsExactly("K-0", "K-2", "K-9");
    }

    @Test
    void recordsOutOfContractOrderAreRefusedRatherThanDraftedOnTheWrongInvoice() {
        ByContract<String> records = new ByContract<>(rows("K-1:a", "K-3:b", "K-2:c").iterator());

        assertThat(records.take("K-1")).containsExactly("a");
        assertThatThrownBy(() -> records.take("K-3")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not ordered by contract: K-2 after K-3");
    }

    @Test
    void contractsMustBeTakenInIncreasingOrder() {
        ByContract<String> records = new ByContract<>(rows("K-1:a").iterator());
        records.take("K-2");

        assertThatThrownBy(() -> records.take("K-1")).isInstanceOf(IllegalArgumentException.class);
    }

    /** "contract:record" pairs. */
    private static List<Billed<String>> rows(String... pairs) {
        return Arrays.stream(pairs).map(p -> new Billed<>(p.split(":")[0], p.split(":")[1])).toList();
    }
}
