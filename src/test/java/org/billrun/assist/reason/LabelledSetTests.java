package org.billrun.assist.reason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelledSetTests {

    @Test
    void theShippedSetHasAtLeast400TextsAndEveryClassIsWellRepresented() {
        List<LabelledText> examples = LabelledSet.shipped().examples();

        Map<DisputeReason, Integer> perClass = new EnumMap<>(DisputeReason.class);
        examples.forEach(e -> perClass.merge(e.reason(), 1, Integer::sum));
        assertThat(examples).hasSizeGreaterThanOrEqualTo(400);
        assertThat(perClass).containsOnlyKeys(DisputeReason.values());
        assertThat(perClass.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(50));
        assertThat(new HashSet<>(examples.stream().map(LabelledText::text).toList())).as("no text twice").hasSize(examples.size());
    }

    @Test
    void theSplitIsTheSameForTheSameSeedStratifiedAndDisjoint() {
        LabelledSet set = LabelledSet.shipped();

        LabelledSet.Split a = set.split(0.25, 19);
        LabelledSet.Split b = set.split(0.25, 19);
        LabelledSet.Split c = set.split(0.25, 20);

        assertThat(a).isEqualTo(b);
        assertThat(a.test()).isNotEqualTo(c.test());
        assertThat(a.train()).doesNotContainAnyElementsOf(a.test());
        assertThat(a.train().size() + a.test().size()).isEqualTo(set.examples().size());
        for (DisputeReason reason : DisputeReason.values()) {
            long inClass = set.examples().stream().filter(e -> e.reason() == reason).count();
            assertThat(a.test().stream().filter(e -> e.reason() == reason).count()).isEqualTo(Math.round(inClass * 0.25));
        }
    }

    @Test
    void foldsCoverEveryTextExactlyOnce() {
        LabelledSet set = LabelledSet.shipped();

        List<LabelledSet.Split> folds = set.folds(5, 19);

        assertThat(folds.stream().mapToInt(f -> f.test().size()).sum()).isEqualTo(set.examples().size());
        assertThat(folds.stream().flatMap(f -> f.test().stream()).toList()).containsExactlyInAnyOrderElementsOf(set.examples());
    }

    @Test
    void anUnknownLabelNamesTheLineAndTheLabelsExpected() {
        String csv = "text,label\n\"Rate is wrong.\",rate\nToo many hours,hourz\n";

        assertThatThrownBy(() -> LabelledSet.read(new StringReader(csv), "reasons.csv"))
                .hasMessageContaining("reasons.csv line 3, column label")
                .hasMessageContaining("unknown dispute reason 'hourz'")
                .hasMessageContaining("expense_policy");
    }

    @Test
    void aWrongHeaderIsRefused() {
        assertThatThrownBy(() -> LabelledSet.read(new StringReader("label,text\nrate,x\n"), "reasons.csv"))
                .hasMessage("reasons.csv line 1: expected the header text,label");
    }
}
