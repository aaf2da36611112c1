package org.billrun.assist.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billrun.assist.evidence.NorthwindEvidence.*;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The sample firm's evidence folder (sample-data/northwind/evidence, described in its README). */
class EvidenceFinderTests {

    private static List<EvidenceDocument> documents;

    @BeforeAll
    static void readTheFolder() {
        documents = NorthwindEvidence.documents();
    }

    private static List<MilestoneMention> of(List<MilestoneMention> mentions, String milestoneId, String file) {
        return mentions.stream().filter(m -> m.milestoneId().equals(milestoneId) && m.file().equals(file)).toList();
    }

    @Nested
    class Cascade {

        private final List<MilestoneMention> mentions = EvidenceFinder.find(CASCADE, CASCADE_MILESTONES, documents);

        @Test
        void theVpQualitysHtmlOnlyReplyIsTheBestEvidenceForM7WithItsSentenceDateAndReasons() {
            List<MilestoneMention> proposals = EvidenceFinder.proposals(mentions, "M-CASCADE-07");

            MilestoneMention best = proposals.get(0);
            assertThat(best.file()).isEqualTo("2026-10-27-cascade-m07-accepted.eml");
            assertThat(best.quote()).isEqualTo("We approve the IQ/OQ/PQ validation protocols and accept milestone M7 as of today.");
            assertThat(best.date()).isEqualTo(LocalDate.of(2026, 10, 27));
            assertThat(best.dateSource()).isEqualTo("the e-mail's Date header");
            assertThat(best.from()).isEqualTo("linda.park@cascadebio.example");
            assertThat(best.confidence()).isEqualTo(0.90);
            assertThat(best.why()).containsExactly("acceptance words \"accept\"", "named as \"M7\"",
                    "sent from the client's domain (linda.park@cascadebio.example)", "the author speaks for themselves",
                    "dated 2026-10-27 by the e-mail's Date header");
        }

        @Test
        void aColleaguesReportOfTheAcceptanceRanksBelowTheClientsOwnWords() {
            List<MilestoneMention> proposals = EvidenceFinder.proposals(mentions, "M-CASCADE-07");

            assertThat(proposals).extracting(MilestoneMention::file)
                    .containsExactly("2026-10-27-cascade-m07-accepted.eml", "2026-10-30-northwind-fwd-cascade-m07.eml");
            assertThat(proposals.get(1).confidence()).isEqualTo(0.55);
            assertThat(proposals.get(1).why()).anySatisfy(w -> assertThat(w).contains("not from the client's domain"));
        }

        @Test
        void forwardedAndQuotedAcceptancesAreNotNewEvidence() {
            assertThat(of(mentions, "M-CASCADE-07", "2026-10-30-northwind-fwd-cascade-m07.eml"))
                    .filteredOn(m -> m.quote().contains("accept milestone M7 as of today"))
                    .extracting(MilestoneMention::kind).containsExactly(MentionKind.QUOTED);
            assertThat(of(mentions, "M-CASCADE-07", "2026-10-30-cascade-m08-not-yet-accepted.eml"))
                    .extracting(MilestoneMention::kind).containsExactly(MentionKind.QUOTED);
        }

        @Test
        void theRejectedDraftIsARejectionNotAnAcceptance() {
            assertThat(of(mentions, "M-CASCADE-07", "2026-10-20-cascade-m07-rejected.eml")).singleElement()
                    .satisfies(m -> assertThat(m.kind()).isEqualTo(MentionKind.REJECTS))
                    .satisfies(m -> assertThat(m.why().get(0)).isEqualTo("rejection words \"reject\", \"return it for rework\""));
        }

        @Test
        void m8IsMentionedButNeverAcceptedSoItStaysWithoutEvidence() {
            assertThat(EvidenceFinder.proposals(mentions, "M-CASCADE-08")).isEmpty();
            assertThat(of(mentions, "M-CASCADE-08", "2026-10-30-cascade-m08-not-yet-accepted.eml")).extracting(MilestoneMention::kind)
                    .containsExactly(MentionKind.MENTION, MentionKind.NOT_YET, MentionKind.QUOTED, MentionKind.QUOTED);
            assertThat(of(mentions, "M-CASCADE-08", "2026-10-30-northwind-fwd-cascade-m07.eml")).extracting(MilestoneMention::kind)
                    .containsExactly(MentionKind.NOT_YET);
        }

        @Test
        void vanDamsMilestone7IsNotCascadesM7() {
            assertThat(mentions).noneMatch(m -> m.file().contains("vandam") || m.file().startsWith("K-VANDAM"));
        }
    }

    @Nested
    class VanDam {

        private final List<MilestoneMention> mentions = EvidenceFinder.find(VANDAM, VANDAM_MILESTONES, documents);

        @Test
        void theCoosAcceptanceIsProposedDatedByTheEmailNotByTheMeetingItMentions() {
            List<MilestoneMention> proposals = EvidenceFinder.proposals(mentions, "M-VANDAM-07");

            assertThat(proposals).singleElement().satisfies(m -> {
                assertThat(m.file()).isEqualTo("2026-10-22-vandam-m07-accepted.eml");
                assertThat(m.quote()).contains("hereby formally accepts milestone M-VANDAM-07");
                assertThat(m.date()).isEqualTo(LocalDate.of(2026, 10, 22));
                assertThat(m.confidence()).isEqualTo(0.95);
            });
        }

        @Test
        void milestone8IsOnlyToBeReviewedAskedAboutAndNotYetApproved() {
            assertThat(EvidenceFinder.proposals(mentions, "M-VANDAM-08")).isEmpty();
            assertThat(of(mentions, "M-VANDAM-08", "2026-10-22-vandam-m07-accepted.eml")).extracting(MilestoneMention::kind)
                    .containsExactly(MentionKind.NOT_YET);
            assertThat(of(mentions, "M-VANDAM-08", "2026-11-02-vandam-m08-question.eml")).extracting(MilestoneMention::kind)
                    .containsExactly(MentionKind.QUESTION, MentionKind.NOT_YET, MentionKind.NOT_YET);
        }

        @Test
        void theStatementOfWorkStatesTermsAndNeverAccepts() {
            List<MilestoneMention> sow = mentions.stream().filter(m -> m.file().equals("K-VANDAM-1-statement-of-work.txt")).toList();

            assertThat(sow).isNotEmpty().noneMatch(m -> m.kind() == MentionKind.ACCEPTS);
            assertThat(of(sow, "M-VANDAM-07", "K-VANDAM-1-statement-of-work.txt")).extracting(MilestoneMention::kind)
                    .containsExactly(MentionKind.MENTION, MentionKind.TERMS);
            assertThat(of(sow, "M-VANDAM-08", "K-VANDAM-1-statement-of-work.txt")).extracting(MilestoneMention::kind)
                    .containsExactly(MentionKind.MENTION, MentionKind.TERMS);
            assertThat(sow.get(0).date()).isEqualTo(LocalDate.of(2026, 3, 18));
        }
    }
}
