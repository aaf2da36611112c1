package org.billrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.billrun.support.BillrunProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * `billrun milestones evidence` as a user runs it on the sample firm with milestone.evidence-required on: the run
 * proposes, the command confirms (exit 0) or refuses (exit 2, one line, no stack trace), the next run bills the
 * confirmed milestone and review show cites its evidence.
 */
class MilestoneEvidenceFunctionalTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path work;

    @Test
    void aProposalConfirmedFromTheCommandLineBillsItsMilestoneOnTheNextRun() throws Exception {
        String dataDir = work.resolve("pgdata").toString();
        Path policy = work.resolve("policy.properties");
        Files.writeString(policy, Files.readString(Path.of("sample-data/northwind/policy.properties"), StandardCharsets.UTF_8)
                + "milestone.evidence-required=true\n");
        String[] run = {"--data-dir", dataDir, "--reports-dir", work.resolve("reports").toString(), "run", "--period", "2026-10", "--input",
                "sample-data/northwind", "--policy", policy.toString(), "--until", "draft"};
        BillrunProcess.Result first = BillrunProcess.run(work, run);
        assertThat(first.exitCode()).as(first.stderr()).isZero();

        BillrunProcess.Result listed = BillrunProcess.run(work, "--data-dir", dataDir, "milestones", "evidence", "list", "--milestone",
                "M-CASCADE-07", "--state", "proposed", "--format", "json");
        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        JsonNode best = JSON.readTree(listed.stdout()).get(0);
        assertThat(best.get("file").asString()).isEqualTo("evidence/2026-10-27-cascade-m07-accepted.eml");
        assertThat(best.get("kind").asString()).isEqualTo("ACCEPTS");
        long id = best.get("id").asLong();

        BillrunProcess.Result rejectWithoutWhy = BillrunProcess.run(work, "--data-dir", dataDir, "milestones", "evidence", "reject",
                Long.toString(id));
        assertThat(rejectWithoutWhy.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(rejectWithoutWhy.stderr()).contains("--comment");

        BillrunProcess.Result confirmed = BillrunProcess.run(work, "--data-dir", dataDir, "milestones", "evidence", "confirm", "E-" + id,
                "--comment", "the VP Quality's own e-mail");
        assertThat(confirmed.exitCode()).as(confirmed.stderr()).isZero();
        assertThat(confirmed.stdout()).contains("evidence E-" + id + ": milestone M-CASCADE-07 (contract K-CASCADE-1), accepts, confirmed",
                "the VP Quality's own e-mail");

        BillrunProcess.Result again = BillrunProcess.run(work, "--data-dir", dataDir, "milestones", "evidence", "confirm", Long.toString(id));
        assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.stderr()).contains("is confirmed, not proposed; it was decided already")
                .doesNotContain("\tat ", "Exception:", "Caused by");

        BillrunProcess.Result second = BillrunProcess.run(work, run);
        assertThat(second.exitCode()).as(second.stderr()).isZero();
        BillrunProcess.Result review = BillrunProcess.run(work, "--data-dir", dataDir, "review", "show", "2026-10-NWUS-K-CASCADE-1");
        assertThat(review.exitCode()).as(review.stderr()).isZero();
        assertThat(review.stdout()).contains("Milestone M-CASCADE-07: Validation protocols (IQ/OQ/PQ) approved")
                .containsPattern("Evidence +M-CASCADE-07: E-" + id + " confirmed by \\S+ on \\d{4}-\\d{2}-\\d{2}: \"We approve the IQ/OQ/PQ"
                        + " validation protocols and accept milestone M7 as of today.\" \\(evidence/2026-10-27-cascade-m07-accepted.eml, 2026-10-27\\)");
    }
}
