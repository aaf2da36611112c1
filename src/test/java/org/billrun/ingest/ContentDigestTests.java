package org.billrun.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContentDigestTests {

    private static String digest(List<String[]> rows) {
        ContentDigest digest = new ContentDigest();
        rows.forEach(digest::add);
        return digest.state();
    }

    private static String[] row(String... values) {
        return values;
    }

    @Test
    void theSameRowsInTheSameOrderGiveTheSameDigest() {
        List<String[]> rows = List.of(row("T-1", "7.5", null), row("T-2", "王芳", "x"));

        assertThat(digest(rows)).hasSize(64).isEqualTo(digest(List.of(row("T-1", "7.5", null), row("T-2", "王芳", "x"))));
    }

    @Test
    void noRowsGiveTheEmptyDigest() {
        assertThat(digest(List.of())).isEqualTo(ContentDigest.EMPTY);
    }

    @Test
    void anyChangeChangesTheDigest() {
        String original = digest(List.of(row("T-1", "7.5", null), row("T-2", "3", "x")));

        assertThat(digest(List.of(row("T-2", "3", "x"), row("T-1", "7.5", null)))).as("order").isNotEqualTo(original);
        assertThat(digest(List.of(row("T-1", "7.5", ""), row("T-2", "3", "x")))).as("empty is not null").isNotEqualTo(original);
        assertThat(digest(List.of(row("T-1", "7.50", null), row("T-2", "3", "x")))).as("a value").isNotEqualTo(original);
        assertThat(digest(List.<String[]>of(row("T-1", "7.5", null)))).as("a row less").isNotEqualTo(original);
        assertThat(digest(List.of(row("T-17.5", "", null), row("T-2", "3", "x")))).as("values moved across a boundary")
                .isNotEqualTo(digest(List.of(row("T-1", "7.5", null), row("T-2", "3", "x"))));
    }

    @Test
    void aDigestCarriedOnFromItsSavedStateEndsAsOneThatNeverStopped() {
        ContentDigest first = new ContentDigest();
        first.add(row("T-1", "7.5"));
        ContentDigest resumed = new ContentDigest(first.state());
        resumed.add(row("T-2", "x".repeat(10_000)));

        assertThat(resumed.state()).isEqualTo(digest(List.of(row("T-1", "7.5"), row("T-2", "x".repeat(10_000)))));
    }
}
