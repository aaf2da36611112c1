package org.billrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.billrun.support.BillrunProcess;
import org.billrun.support.TestFirms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `billrun purge` through the packaged jar: usage and policy errors with their exit codes, a dry run that prints what
 * it would remove and changes nothing, the purge itself with its audit entry, and `audit verify` intact after it.
 */
class PurgeFunctionalTests {

    @TempDir
    Path work;

    @Test
    void aDryRunThenAPurgeOfTheTinyFirmsMonthWithExitCodesAndAnIntactAuditLog() throws Exception {
        String dataDir = work.resolve("pg").toString();
        String reportsDir = work.resolve("reports").toString();
        Path input = TestFirms.copyOfTiny(work.resolve("tiny"));
        Path atOnce = Files.writeString(work.resolve("retention.properties"),
                "retention.staging-days=0\nretention.report-days=0\nretention.personal-data-months=0\n");
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        BillrunProcess.Result run = BillrunProcess.run(work, "--data-dir", dataDir, "--reports-dir", reportsDir, "run", "--period", "2026-10",
                "--until", "validate", "--input", input.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();

        BillrunProcess.Result dry = BillrunProcess.run(work, "--data-dir", dataDir, "--reports-dir", reportsDir, "purge", "--before", tomorrow,
                "--policy", atOnce.toString(), "--dry-run");

        assertThat(dry.exitCode()).as(dry.stderr()).isZero();
        assertThat(dry.stdout()).contains("Dry run of a purge before " + tomorrow, "staging of runs: 1", "validated_record",
                "rows to remove", "dry run: nothing changed");
        assertThat(validatedRecordsRemoved(dry.stdout())).isPositive();

        BillrunProcess.Result again = BillrunProcess.run(work, "--data-dir", dataDir, "--reports-dir", reportsDir, "purge", "--before", tomorrow,
                "--policy", atOnce.toString(), "--dry-run");
        assertThat(validatedRecordsRemoved(again.stdout())).as("the dry run removed nothing").isEqualTo(validatedRecordsRemoved(dry.stdout()));

        BillrunProcess.Result purge = BillrunProcess.run(work, "--data-dir", dataDir, "--reports-dir", reportsDir, "purge", "--before", tomorrow,
                "--policy", atOnce.toString());

        assertThat(purge.exitCode()).as(purge.stderr()).isZero();
        assertThat(purge.stdout()).contains("Purge before " + tomorrow, "rows removed").containsPattern("audit entry \\d+");
        assertThat(validatedRecordsRemoved(purge.stdout())).isEqualTo(validatedRecordsRemoved(dry.stdout()));
        BillrunProcess.Result verify = BillrunProcess.run(work, "--data-dir", dataDir, "audit", "verify");
        assertThat(verify.exitCode()).as(verify.stderr()).isZero();
        BillrunProcess.Result log = BillrunProcess.run(work, "--data-dir", dataDir, "audit", "log", "--format", "csv");
        assertThat(log.stdout()).contains("purged");

        BillrunProcess.Result json = BillrunProcess.run(work, "--data-dir", dataDir, "purge", "--before", tomorrow, "--policy",
                atOnce.toString(), "--dry-run", "--format", "json");
        assertThat(json.exitCode()).as(json.stderr()).isZero();
        assertThat(json.stdout()).contains("\"dryRun\" : true", "\"stagingRuns\"", "\"table\" : \"validated_record\"");
    }

    @Test
    void usageAndPolicyErrorsExitWithTheirCodes() throws Exception {
        String dataDir = work.resolve("pg").toString();
        BillrunProcess.Result noDate = BillrunProcess.run(work, "--data-dir", dataDir, "purge");
        assertThat(noDate.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noDate.stderr()).contains("--before");

        BillrunProcess.Result badDate = BillrunProcess.run(work, "--data-dir", dataDir, "purge", "--before", "2026-13-01");
        assertThat(badDate.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badDate.stderr()).contains("2026-13-01").doesNotContain("Exception");

        Path bad = Files.writeString(work.resolve("bad.properties"), "retention.legal-years=0\n");
        BillrunProcess.Result outOfRange = BillrunProcess.run(work, "--data-dir", dataDir, "purge", "--before", "2026-01-01", "--policy",
                bad.toString());
        assertThat(outOfRange.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(outOfRange.stderr()).contains("retention.legal-years = 0 is out of range: it must be 1 to 30");

        BillrunProcess.Result csv = BillrunProcess.run(work, "--data-dir", dataDir, "purge", "--before", "2026-01-01", "--format", "csv");
        assertThat(csv.exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    /** The "validated_record" row of the printed table. */
    private static long validatedRecordsRemoved(String stdout) {
        return stdout.lines().filter(l -> l.strip().startsWith("validated_record")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElseThrow();
    }
}
