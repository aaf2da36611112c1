package org.billrun.assist.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The brief's own sentences, one document each, through the whole finder: only an acceptance is proposed, the
 * mentions that do not accept come back with what they say, and a date next to the acceptance dates it.
 */
class EvidenceFinderSentencesTests {

    private static final ContractContext ACME = new ContractContext("K-ACME-9", "acme.example", List.of("Acme Industrie"));
    private static final List<MilestoneRef> MILESTONES = List.of(
            new MilestoneRef("M-ACME-02", "K-ACME-9", "Data migration rehearsal", new BigDecimal("30000.00"), "EUR"),
            new MilestoneRef("M-ACME-03", "K-ACME-9", "Go-live", new BigDecimal("20000.00"), "EUR"));

    private static List<MilestoneMention> find(String sentence) throws IOException {
        String text = "Date: 2026-10-29\nContract K-ACME-9, Acme Industrie.\n\n" + sentence + "\n";
        return EvidenceFinder.find(ACME, MILESTONES, List.of(EvidenceDocuments.text("note.txt", text.getBytes(StandardCharsets.UTF_8))))
                .stream().filter(m -> m.milestoneId().equals("M-ACME-02")).toList();
    }

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(delimiter = '|', value = {
            "We accept milestone M2.|ACCEPTS",
            "Milestone M-ACME-02 is signed off.|ACCEPTS",
            "M2 is not yet accepted.|NOT_YET",
            "We will review M2 next week.|NOT_YET",
            "We cannot accept M-ACME-02 in its current form.|REJECTS",
            "Could you confirm that M2 is accepted?|QUESTION",
            "Please sign off milestone M2.|REQUESTS",
            "The data migration rehearsal took place on site.|MENTION"})
    void onlyAnAcceptanceIsProposed(String sentence, MentionKind kind) throws IOException {
        List<MilestoneMention> mentions = find(sentence);

        assertThat(mentions).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(kind);
            assertThat(m.quote()).isEqualTo(sentence);
            assertThat(m.file()).isEqualTo("note.txt");
        });
        assertThat(EvidenceFinder.proposals(mentions, "M-ACME-02")).hasSize(kind == MentionKind.ACCEPTS ? 1 : 0);
    }

    @ParameterizedTest(name = "\"{0}\" is dated {1} by {2}")
    @CsvSource(delimiter = '|', value = {
            "Milestone M-ACME-02 was signed off on 27 October 2026.|2026-10-27|the sentence",
            "We accept milestone M-ACME-02.|2026-10-29|the document's Date line",
            "After the rehearsal review of 3 October 2026 and the follow-up calls with our IT team, we accept M-ACME-02.|2026-10-29|the document's Date line"})
    void anAcceptanceIsDatedByADateNextToItsWordsElseByTheDocument(String sentence, LocalDate date, String source) throws IOException {
        assertThat(find(sentence)).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(MentionKind.ACCEPTS);
            assertThat(m.date()).isEqualTo(date);
            assertThat(m.dateSource()).isEqualTo(source);
        });
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', value = {
            "We accept M2, but M3 is still under review.|M-ACME-03|NOT_YET",
            "M3 is pending; we accept M2.|M-ACME-03|NOT_YET"})
    void twoMilestonesInOneSentenceAreJudgedApart(String sentence, String other, MentionKind otherKind) throws IOException {
        String text = "Date: 2026-10-29\nContract K-ACME-9.\n\n" + sentence + "\n";
        List<MilestoneMention> mentions = EvidenceFinder.find(ACME, MILESTONES,
                List.of(EvidenceDocuments.text("note.txt", text.getBytes(StandardCharsets.UTF_8))));

        assertThat(mentions).filteredOn(m -> m.milestoneId().equals("M-ACME-02")).singleElement()
                .extracting(MilestoneMention::kind).isEqualTo(MentionKind.ACCEPTS);
        assertThat(mentions).filteredOn(m -> m.milestoneId().equals(other)).singleElement()
                .extracting(MilestoneMention::kind).isEqualTo(otherKind);
    }
}
