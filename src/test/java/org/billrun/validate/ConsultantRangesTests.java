package org.billrun.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.billrun.infra.partition.LargestFirstPartitionHandler;
import org.billrun.validate.ConsultantRanges.Count;
import org.billrun.validate.ConsultantRanges.Range;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class ConsultantRangesTests {

    @Test
    void rangesCoverEveryIdFromTheEmptyOneToTheLastWithoutGapsAndOfAboutEqualRecords() {
        List<Count> counts = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            counts.add(new Count("E-%03d".formatted(i), 100));
        }
        List<Range> ranges = ConsultantRanges.split(counts, 8);

        assertThat(ranges).hasSize(8);
        assertThat(ranges.get(0).from()).isEmpty();
        assertThat(ranges.get(7).to()).isNull();
        for (int i = 1; i < ranges.size(); i++) {
            assertThat(ranges.get(i).from()).isEqualTo(ranges.get(i - 1).to());
        }
        assertThat(ranges).extracting(Range::records).allSatisfy(r -> assertThat(r).isBetween(1200L, 1300L));
        assertThat(ranges.stream().mapToLong(Range::records).sum()).isEqualTo(10_000);
    }

    @Test
    void aSmallPeriodIsOnePartitionAndNoPartitionIsSmallerThanTheMinimumWhenThereAreSeveral() {
        List<Count> few = List.of(new Count("", 3), new Count("E-1", 200), new Count("E-2", 200));
        assertThat(ConsultantRanges.split(few, 8)).containsExactly(new Range("", null, 403));

        List<Count> some = List.of(new Count("A", 600), new Count("B", 600), new Count("C", 600));
        assertThat(ConsultantRanges.split(some, 8)).containsExactly(new Range("", "B", 600), new Range("B", "C", 600),
                new Range("C", null, 600));
    }

    @Test
    void aConsultantIsNeverSplitSoABigOneMakesABigRange() {
        List<Count> counts = List.of(new Count("A", 100), new Count("B", 5000), new Count("C", 100), new Count("D", 100), new Count("E", 700));
        List<Range> ranges = ConsultantRanges.split(counts, 4);

        assertThat(ranges).containsExactly(new Range("", "C", 5100), new Range("C", null, 900));
    }

    @Test
    void noPeriodRecordsStillGivesOnePartitionThatReadsNothing() {
        assertThat(ConsultantRanges.split(List.of(), 8)).containsExactly(new Range("", null, 0));
    }

    @Test
    void theKeptTextGivesTheSameRangesBackWhateverTheIdsContain() {
        List<Range> ranges = List.of(new Range("", "E 1|x\nz", 700), new Range("E 1|x\nz", "Ünïcode%20", 650), new Range("Ünïcode%20", null, 600));

        assertThat(ConsultantRanges.decode(ConsultantRanges.encode(ranges))).isEqualTo(ranges);
    }

    @Test
    void eachPartitionsContextNamesItsRangeAndSize() {
        Map<String, ExecutionContext> contexts = ConsultantRanges.contexts(List.of(new Range("", "M", 700), new Range("M", null, 650)));

        assertThat(contexts).containsOnlyKeys("consultants-1", "consultants-2");
        assertThat(contexts.get("consultants-1").getString(ConsultantRanges.FROM)).isEmpty();
        assertThat(contexts.get("consultants-1").getString(ConsultantRanges.TO)).isEqualTo("M");
        assertThat(contexts.get("consultants-2").getString(ConsultantRanges.FROM)).isEqualTo("M");
        assertThat(contexts.get("consultants-2").containsKey(ConsultantRanges.TO)).isFalse();
        assertThat(contexts.get("consultants-2").getLong(LargestFirstPartitionHandler.ESTIMATED_ROWS)).isEqualTo(650);
    }
}
