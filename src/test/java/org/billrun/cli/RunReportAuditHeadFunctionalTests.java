package org.billrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.billrun.support.BillrunProcess;
import org.billrun.support.TestDatabase;
import org.billrun.support.TestFirms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The run report records the audit chain's head (entry, hash, and the HMAC under the audit key when one is configured):
 * the same head {@code billrun audit verify --anchor} then prints, so the report kept outside the database anchors the log.
 */
class RunReportAuditHeadFunctionalTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String KEY = "a-report-anchoring-key-of-more-than-32-bytes";

    @TempDir
    Path work;

    @Test
    void theRunReportRecordsTheHeadThatAuditVerifyAnchorPrints() throws Exception {
        Path keyFile = work.resolve("audit.key");
        Files.writeString(keyFile, KEY + "\n");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        Map<String, String> withKey = Map.of("BILLRUN_AUDIT_KEY_FILE", keyFile.toString());
        String db = TestDatabase.createDatabase("report_audit_head");
        Path input = TestFirms.copyOfTiny(work.resolve("tiny"));

        BillrunProcess.Result run = BillrunProcess.run(work, withKey, "--db-url", db, "--db-user", "postgres", "run", "--period", "2026-10",
                "--input", input.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        Path reports = Path.of(JSON.readTree(run.stdout()).get("reports").asString());
        JsonNode head = JSON.readTree(reports.resolve("run-report.json").toFile()).get("audit");
        assertThat(head.get("entry").asLong()).isPositive();
        assertThat(head.get("hash").asString()).matches("[0-9a-f]{64}");
        assertThat(head.get("hmac").asString()).matches("[0-9a-f]{64}");
        assertThat(Files.readString(reports.resolve("run-report.csv"))).contains("section,audit_head\nentry,hash,hmac\n"
                + head.get("entry").asLong() + "," + head.get("hash").asString() + "," + head.get("hmac").asString() + "\n");

        BillrunProcess.Result anchored = BillrunProcess.run(work, withKey, "--db-url", db, "--db-user", "postgres", "audit", "verify",
                "--anchor");
        assertThat(anchored.exitCode()).as(anchored.stderr()).isZero();
        assertThat(anchored.stdout()).contains("anchored head: entry " + head.get("entry").asLong() + " hash " + head.get("hash").asString()
                + " hmac " + head.get("hmac").asString());

        // without the key the report records the same head, unsigned
        BillrunProcess.Result unsigned = BillrunProcess.run(work, "--db-url", db, "--db-user", "postgres", "report", "1",
                "--format", "json", "--out", work.resolve("again").toString());
        assertThat(unsigned.exitCode()).as(unsigned.stderr()).isZero();
        JsonNode again = JSON.readTree(work.resolve("again").resolve("run-report.json").toFile()).get("audit");
        assertThat(again.get("entry").asLong()).isEqualTo(head.get("entry").asLong());
        assertThat(again.get("hash").asString()).isEqualTo(head.get("hash").asString());
        assertThat(again.get("hmac").isNull()).isTrue();
    }
}
