package org.billrun.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billrun.validate.Fixtures.OCTOBER;
import static org.billrun.validate.Fixtures.oct;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.billrun.assist.evidence.MentionKind;
import org.billrun.billing.Milestone;
import org.billrun.billing.RuleCode;
import org.billrun.policy.PolicyFile;
import org.billrun.policy.ValidationPolicy;
import org.billrun.validate.ContractChecks.EvidenceLookup;
import org.junit.jupiter.api.Test;

/**
 * How a milestone's stored evidence decides whether it bills (docs/assistance.md, "In billrun"): under
 * milestone.evidence-required only confirmed evidence lets an accepted milestone bill, and the exception says
 * what awaits a decision; without the key the export's acceptance reference is the evidence, as before.
 */
class MilestoneEvidenceChecksTests {

    private static final ValidationPolicy REQUIRED = ValidationPolicy.from(PolicyFile.of("policy.properties", "milestone.evidence-required=true\n"));

    private static Milestone cascade07(String... files) {
        return new Milestone(Fixtures.milestone("M-CASCADE-07", "K-CASCADE-1", "Validation protocols (IQ/OQ/PQ) approved", "50000.00",
                "USD", "accepted", oct(27), "Email <20261027.QA-118@cascadebio.example> from VP Quality", true, 17).ref(),
                "M-CASCADE-07", "K-CASCADE-1", "Validation protocols (IQ/OQ/PQ) approved", new BigDecimal("50000.00"), "USD", oct(28),
                "accepted", null, "Email <20261027.QA-118@cascadebio.example> from VP Quality", true, List.of(files));
    }

    private static MilestoneEvidence evidence(long id, MentionKind kind, EvidenceState state, String quote, String file, String confidence,
            LocalDate date) {
        boolean decided = state == EvidenceState.CONFIRMED || state == EvidenceState.REJECTED;
        return new MilestoneEvidence(id, "M-CASCADE-07", "K-CASCADE-1", kind, file, "ab12", quote, date, "the e-mail's Date header",
                "r.okafor@cascadebio.example", new BigDecimal(confidence), "acceptance words \"accept\"", state, 1, 1, OffsetDateTime.now(),
                decided ? "kbusch" : null, decided ? OffsetDateTime.now() : null, null);
    }

    private static final MilestoneEvidence ACCEPTANCE = evidence(3, MentionKind.ACCEPTS, EvidenceState.PROPOSED,
            "We formally accept milestone M-CASCADE-07, the validation protocols.", "evidence/2026-10-27-cascade-m07-accepted.eml", "0.90",
            oct(27));

    private static List<ValidatedRecord> check(ValidationPolicy policy, Milestone m, EvidenceLookup lookup) {
        return new ContractChecks(OCTOBER, policy, Fixtures.firm().with(m).master()).milestones(Set.of(), Map.of(m.milestoneId(), lookup));
    }

    private static String message(List<ValidatedRecord> records) {
        assertThat(records).singleElement().satisfies(r -> assertThat(r.findings()).singleElement()
                .satisfies(f -> assertThat(f.rule()).isEqualTo(RuleCode.MILESTONE_NO_EVIDENCE)));
        return records.get(0).findings().get(0).message();
    }

    @Test
    void underTheKeyAProposalAloneDoesNotBillAndTheExceptionNamesItAndTheCommandThatConfirmsIt() {
        var records = check(REQUIRED, cascade07("evidence/2026-10-27-cascade-m07-accepted.eml"),
                new EvidenceLookup(List.of(ACCEPTANCE), List.of()));

        assertThat(message(records)).isEqualTo("milestone M-CASCADE-07 (Validation protocols (IQ/OQ/PQ) approved, USD 50,000.00) is marked"
                + " billable but no one has confirmed acceptance evidence for it (milestone.evidence-required): proposal E-3 awaits a"
                + " decision, \"We formally accept milestone M-CASCADE-07, the validation protocols.\""
                + " (evidence/2026-10-27-cascade-m07-accepted.eml, confidence 0.90); confirm it with billrun milestones evidence confirm 3");
    }

    @Test
    void underTheKeyConfirmedEvidenceLetsTheMilestoneBillDatedByTheEvidenceWhenTheExportHasNoDate() {
        MilestoneEvidence confirmed = evidence(3, MentionKind.ACCEPTS, EvidenceState.CONFIRMED, ACCEPTANCE.quote(), ACCEPTANCE.file(), "0.90",
                oct(27));

        var records = check(REQUIRED, cascade07("evidence/2026-10-27-cascade-m07-accepted.eml"),
                new EvidenceLookup(List.of(confirmed), List.of()));

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.findings()).isEmpty();
            assertThat(r.amount()).isEqualByComparingTo("50000.00");
            assertThat(r.date()).as("milestones.csv gives no accepted_on here").isEqualTo(oct(27));
        });
    }

    @Test
    void underTheKeyAMentionThatDoesNotAcceptHoldsTheMilestoneQuotingTheSentence() {
        MilestoneEvidence notYet = evidence(5, MentionKind.NOT_YET, EvidenceState.NOTED, "M8 is not yet accepted: we will review it next week.",
                "evidence/2026-10-30-cascade-m08-not-yet-accepted.eml", "0", oct(30));
        MilestoneEvidence rejected = evidence(4, MentionKind.ACCEPTS, EvidenceState.REJECTED, "Cascade signed off M7.",
                "evidence/2026-10-30-northwind-fwd-cascade-m07.eml", "0.55", oct(30));

        String message = message(check(REQUIRED, cascade07("evidence/2026-10-30-cascade-m08-not-yet-accepted.eml"),
                new EvidenceLookup(List.of(rejected, notYet), List.of())));

        assertThat(message).endsWith("is marked billable but no one has confirmed acceptance evidence for it (milestone.evidence-required):"
                + " its evidence documents hold no acceptance to confirm (1 proposal rejected);"
                + " evidence/2026-10-30-cascade-m08-not-yet-accepted.eml says \"M8 is not yet accepted: we will review it next week.\" (not_yet, E-5)");
    }

    @Test
    void underTheKeyAMilestoneWithoutEvidenceDocumentsIsHeldSayingWhichColumnNamesThem() {
        assertThat(message(check(REQUIRED, cascade07(), EvidenceLookup.NONE)))
                .endsWith("(milestone.evidence-required): milestones.csv names no evidence document for it (column evidence_files)");
    }

    @Test
    void aDocumentThatCouldNotBeReadIsNamedWithItsReason() {
        assertThat(message(check(REQUIRED, cascade07("evidence/missing.eml"),
                new EvidenceLookup(List.of(), List.of("evidence/missing.eml: no such file (evidence_files names files relative to the input folder)")))))
                .endsWith("; not read: evidence/missing.eml: no such file (evidence_files names files relative to the input folder)");
    }

    @Test
    void withoutTheKeyTheAcceptanceReferenceIsTheEvidenceAsBeforeAndAProposalChangesNothing() {
        var records = check(Fixtures.policy(), cascade07("evidence/2026-10-27-cascade-m07-accepted.eml"),
                new EvidenceLookup(List.of(ACCEPTANCE), List.of()));

        assertThat(records).singleElement().satisfies(r -> assertThat(r.findings()).isEmpty());
    }

    @Test
    void confirmedEvidenceDoesNotBillAMilestoneThePsaStillCallsPlanned() {
        Milestone planned = new Milestone(cascade07().ref(), "M-CASCADE-07", "K-CASCADE-1", "Validation protocols (IQ/OQ/PQ) approved",
                new BigDecimal("50000.00"), "USD", oct(28), "planned", null, null, true, List.of("evidence/2026-10-27-cascade-m07-accepted.eml"));
        MilestoneEvidence confirmed = evidence(3, MentionKind.ACCEPTS, EvidenceState.CONFIRMED, ACCEPTANCE.quote(), ACCEPTANCE.file(), "0.90",
                oct(27));

        assertThat(message(check(REQUIRED, planned, new EvidenceLookup(List.of(confirmed), List.of()))))
                .endsWith("is marked billable but its status is planned, not accepted");
    }

    @Test
    void evidenceFilesAreSplitAtSemicolonsOrBarsWithoutBlanksOrRepeats() {
        assertThat(Milestone.evidenceFiles(" evidence/a.eml; evidence/b.txt | ;evidence/a.eml ")).containsExactly("evidence/a.eml", "evidence/b.txt");
        assertThat(Milestone.evidenceFiles(null)).isEmpty();
        assertThat(Milestone.evidenceFiles("  ")).isEmpty();
    }
}
