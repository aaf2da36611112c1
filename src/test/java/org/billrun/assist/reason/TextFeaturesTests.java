package org.billrun.assist.reason;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextFeaturesTests {

    private static List<String> stems(String text) {
        return TextFeatures.of(text).stream().map(TextFeatures.Feature::stem).toList();
    }

    @Test
    void amountsDatesReferencesAndCurrenciesBecomeOneTokenEach() {
        assertThat(TextFeatures.words("Invoice NWDE-2026-0412 charges EUR 1,378.00 on 13.10.2026, 10% above"))
                .containsExactly("invoice", "zref", "charge", "zccy", "znum", "zdate", "znum", "zpct", "above");
        assertThat(TextFeatures.words("£212.40 and $1,100 on 2026-10-13")).containsExactly("zccy", "znum", "zccy", "znum", "zdate");
    }

    @Test
    void accentsFoldAndFrenchElisionSplits() {
        assertThat(TextFeatures.words("Déjà réglée, l'absence d'heures; Größe Żółć")).containsExactly("deja", "reglee", "absence",
                "heure", "grosse", "zolc");
    }

    @Test
    void functionWordsGoAndNegationsStay() {
        assertThat(TextFeatures.words("We did not order the dashboard")).containsExactly("not", "order", "dashboard");
        assertThat(TextFeatures.words("Die Stunden wurden nicht genehmigt")).containsExactly("stunden", "nicht", "genehmigt");
    }

    @Test
    void pluralsAndEndingsShareAStemWhileTheWordStaysReadable() {
        assertThat(stems("receipts receipt Receipt")).containsExactly("recei");
        assertThat(TextFeatures.of("duplicated charges").get(0)).isEqualTo(new TextFeatures.Feature("dupli", "duplicated"));
        assertThat(stems("entries")).containsExactly("entry");
        assertThat(stems("class status")).containsExactly("class", "statu");
    }

    @Test
    void eachFeatureCountsOnceAndPlaceholdersReadAsWords() {
        assertThat(TextFeatures.of("EUR 10 and EUR 20")).containsExactly(new TextFeatures.Feature("zccy", "(currency)"),
                new TextFeatures.Feature("znum", "(number)"));
    }
}
