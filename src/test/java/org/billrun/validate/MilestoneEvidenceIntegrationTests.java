package org.billrun.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.billrun.assist.evidence.MentionKind;
import org.billrun.infra.RefusedException;
import org.billrun.infra.Stage;
import org.billrun.run.RunOutcome;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Milestone acceptance evidence on the embedded database, on the sample firm's e-mails: a run proposes
 * what it finds, a person confirms, and only then does the milestone bill (under
 * milestone.evidence-required); without the key the export's acceptance reference still decides.
 */
@BillrunIntegrationTest
class MilestoneEvidenceIntegrationTests {

    private static final Path NORTHWIND = Path.of("sample-data/northwind");

    @Autowired
    RunService runService;

    @Autowired
    MilestoneEvidenceService decisions;

    @Autowired
    MilestoneEvidenceQueries evidence;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path temp;

    @BeforeEach
    void cleanDatabase() {
        new DatabaseState(jdbc).reset();
    }

    private long run(Path policy) throws Exception {
        RunOutcome outcome = runService.run(new RunRequest(YearMonth.of(2026, 10), "all", NORTHWIND, Stage.DRAFT, null, policy, null));
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        return outcome.runId();
    }

    private Path policyRequiringEvidence() throws Exception {
        Path policy = temp.resolve("policy.properties");
        Files.writeString(policy, Files.readString(NORTHWIND.resolve("policy.properties")) + "\nmilestone.evidence-required=true\n");
        return policy;
    }

    private String state(long runId, String milestone) {
        return jdbc.sql("SELECT state FROM validated_record WHERE run_id = ? AND record_kind = 'milestone' AND record_key = ?")
                .params(runId, milestone).query(String.class).single();
    }

    private List<String> billedMilestones() {
        return jdbc.sql("""
                SELECT s.record_key FROM draft_line_source s JOIN draft_invoice d ON d.run_id = s.run_id AND d.draft_id = s.draft_id
                WHERE s.record_kind = 'milestone' AND d.status = 'live' ORDER BY 1""").query(String.class).list();
    }

    private MilestoneEvidence proposal(String milestone, String file) {
        return evidence.list(new MilestoneEvidenceQueries.Filter(milestone, EvidenceState.PROPOSED, false)).stream()
                .filter(e -> e.file().equals(file)).findFirst().orElseThrow();
    }

    @Test
    void aRunProposesAPersonConfirmsAndTheNextRunBillsTheMilestone() throws Exception {
        Path policy = policyRequiringEvidence();
        long first = run(policy);

        assertThat(state(first, "M-CASCADE-07")).as("accepted in the PSA, but no one confirmed the evidence yet").isEqualTo("held");
        assertThat(state(first, "M-VANDAM-07")).isEqualTo("held");
        assertThat(billedMilestones()).isEmpty();
        MilestoneEvidence vpQuality = proposal("M-CASCADE-07", "evidence/2026-10-27-cascade-m07-accepted.eml");
        MilestoneEvidence forward = proposal("M-CASCADE-07", "evidence/2026-10-30-northwind-fwd-cascade-m07.eml");
        assertThat(vpQuality.confidence()).isEqualByComparingTo("0.90");
        assertThat(vpQuality.date()).hasToString("2026-10-27");
        assertThat(forward.confidence()).as("a colleague's report ranks below the client's own words").isEqualByComparingTo("0.55");
        assertThat(evidence.list(new MilestoneEvidenceQueries.Filter("M-CASCADE-07", null, false)).get(0)).isEqualTo(vpQuality);
        assertThat(jdbc.sql("""
                SELECT message FROM validation_exception WHERE rule_code = 'MILESTONE_NO_EVIDENCE' AND record_key = 'M-CASCADE-07'""")
                .query(String.class).single())
                .contains("proposal", vpQuality.ref(), "awaits a decision", "evidence/2026-10-27-cascade-m07-accepted.eml",
                        "billrun milestones evidence confirm " + vpQuality.id());
        assertThat(evidence.list(new MilestoneEvidenceQueries.Filter("M-CASCADE-08", null, false)))
                .as("M8 is mentioned, asked about and not yet accepted: noted, never proposed")
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.state()).isEqualTo(EvidenceState.NOTED))
                .anySatisfy(e -> assertThat(e.kind()).isEqualTo(MentionKind.NOT_YET));
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'evidence_proposed'").query(Long.class).single())
                .as("each proposal audited once").isEqualTo(jdbc.sql("SELECT count(*) FROM milestone_evidence WHERE kind = 'accepts'")
                        .query(Long.class).single());

        MilestoneEvidence confirmed = decisions.confirm(vpQuality.id(), "checked against DocuSign", "kbusch");
        decisions.reject(forward.id(), "a colleague's forward, not the client's acceptance", "kbusch");
        long stored = jdbc.sql("SELECT count(*) FROM milestone_evidence").query(Long.class).single();
        long second = run(policy);

        assertThat(confirmed.state()).isEqualTo(EvidenceState.CONFIRMED);
        assertThat(confirmed.decidedBy()).isEqualTo("kbusch");
        assertThat(state(second, "M-CASCADE-07")).isEqualTo("valid");
        assertThat(state(second, "M-VANDAM-07")).as("still waiting for its confirmation").isEqualTo("held");
        assertThat(billedMilestones()).containsExactly("M-CASCADE-07");
        assertThat(jdbc.sql("""
                SELECT status FROM validation_exception WHERE rule_code = 'MILESTONE_NO_EVIDENCE' AND record_key = 'M-CASCADE-07'""")
                .query(String.class).single()).as("closed by the run that no longer raises it").isEqualTo("resolved");
        assertThat(jdbc.sql("SELECT count(*) FROM milestone_evidence").query(Long.class).single())
                .as("the same documents give the same rows").isEqualTo(stored);
        assertThat(evidence.find(vpQuality.id()).orElseThrow().lastSeenRun()).isEqualTo(second);
        assertThat(jdbc.sql("""
                SELECT actor || ' ' || action || ' ' || subject_id FROM audit_log WHERE action IN ('evidence_confirmed', 'evidence_rejected')
                ORDER BY audit_id""").query(String.class).list())
                .containsExactly("kbusch evidence_confirmed " + vpQuality.id(), "kbusch evidence_rejected " + forward.id());
    }

    @Test
    void onlyAnUndecidedAcceptanceCanBeDecidedAndARejectionNeedsAReason() throws Exception {
        run(policyRequiringEvidence());
        MilestoneEvidence vanDam = proposal("M-VANDAM-07", "evidence/2026-10-22-vandam-m07-accepted.eml");
        MilestoneEvidence notYet = evidence.list(new MilestoneEvidenceQueries.Filter("M-CASCADE-08", EvidenceState.NOTED, false)).get(0);

        assertThatThrownBy(() -> decisions.reject(vanDam.id(), " ", "kbusch")).isInstanceOf(RefusedException.class)
                .hasMessageContaining("--comment is required");
        assertThatThrownBy(() -> decisions.confirm(notYet.id(), null, "kbusch")).isInstanceOf(RefusedException.class)
                .hasMessageContaining("is noted, not proposed; it does not accept its milestone");
        decisions.confirm(vanDam.id(), null, "kbusch");
        assertThatThrownBy(() -> decisions.reject(vanDam.id(), "changed my mind", "kbusch")).isInstanceOf(RefusedException.class)
                .hasMessageContaining("is confirmed, not proposed; it was decided already");
        assertThatThrownBy(() -> decisions.confirm(999_999, null, "kbusch")).isInstanceOf(RefusedException.class)
                .hasMessageContaining("there is no evidence E-999999");
    }

    @Test
    void withoutTheKeyTheAcceptanceReferenceDecidesAsBeforeAndTheProposalsAreStillShown() throws Exception {
        long runId = run(null);

        assertThat(state(runId, "M-CASCADE-07")).isEqualTo("valid");
        assertThat(state(runId, "M-VANDAM-07")).isEqualTo("valid");
        assertThat(state(runId, "M-CASCADE-08")).as("no acceptance reference, as before").isEqualTo("held");
        assertThat(billedMilestones()).containsExactly("M-CASCADE-07", "M-VANDAM-07");
        assertThat(proposal("M-VANDAM-07", "evidence/2026-10-22-vandam-m07-accepted.eml").confidence()).isEqualByComparingTo("0.95");
    }
}
