package org.billrun.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.stream.Collectors;
import org.billrun.infra.InputFileException;
import org.billrun.policy.PolicyFile;
import org.billrun.policy.RetentionPolicy;
import org.billrun.retention.Purge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "purge", mixinStandardHelpOptions = true,
        description = {"Remove the staging data of finished runs and their reports folders past the policy's retention, and pseudonymise"
                + " consultants' names and e-mails and decided milestone evidence's senders and quotes past theirs (README, \"Operations\","
                + " \"Retention\").",
                "Only what is older than both --before and the kind's retention.* key goes. Invoices, postings, the lineage of every"
                        + " draft kept and the audit log stay; a run with drafts not yet final (in review, approved and not posted) is kept"
                        + " whole and listed. Every purge is an audit entry.",
                "Exit codes: 0 done (also when nothing was due), 2 bad usage, 3 bad policy file, 4 database unreachable."})
class PurgeCommand extends ResultCommand<Purge.Outcome> {

    @ParentCommand
    BillrunCli root;

    @Option(names = "--before", required = true, paramLabel = "DATE",
            description = "Purge what is older than this day (yyyy-MM-dd, start of the day UTC), within the retention policy.")
    LocalDate before;

    @Option(names = "--dry-run", description = "Print what would be removed and pseudonymised; change nothing.")
    boolean dryRun;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "The policy file whose retention.* keys apply; default: the policy the latest run applied, else the defaults.")
    Path policyFile;

    @Override
    AppContext open() {
        return root.open(true);
    }

    @Override
    Purge.Outcome result(AppContext app) {
        Purge purge = app.bean(Purge.class);
        PolicyFile file;
        RetentionPolicy policy;
        try {
            file = policyFile != null ? PolicyFile.read(policyFile) : purge.latestRunPolicy();
            policy = RetentionPolicy.from(file);
        } catch (PolicyFile.PolicyException e) {
            throw new InputFileException(e.getMessage());
        }
        return purge.purge(before, policy, file.source(), Clock.systemUTC().instant().truncatedTo(ChronoUnit.SECONDS), dryRun);
    }

    @Override
    void printText(Purge.Outcome o, PrintWriter out) {
        RetentionPolicy p = o.policy();
        out.printf("%s before %s, policy %s%n", o.dryRun() ? "Dry run of a purge" : "Purge", o.before(), o.policySource());
        out.printf("  staging (retention.staging-days=%d): runs finished before %s%n", p.stagingDays(), o.cutoffs().staging());
        out.printf("  reports (retention.report-days=%d): runs finished before %s%n", p.reportDays(), o.cutoffs().reports());
        out.printf("  personal data (retention.personal-data-months=%d): loaded before %s%n", p.personalDataMonths(),
                o.cutoffs().personalData());
        out.printf("staging of runs: %s%n", o.stagingRuns().isEmpty() ? "none"
                : o.stagingRuns().stream().map(String::valueOf).collect(Collectors.joining(", ")));
        TextTable removed = new TextTable("table", o.dryRun() ? "rows to remove" : "rows removed");
        o.removed().forEach(c -> removed.row(c.table(), String.format("%,d", c.rows())));
        removed.print(out);
        out.printf("reports folders %s: %d%n", o.dryRun() ? "to remove" : "removed", o.reportFolders().size());
        o.reportFolders().forEach(f -> out.println("  " + f));
        out.printf("personal data %s: %s%n", o.dryRun() ? "to pseudonymise" : "pseudonymised", o.pseudonymised().stream()
                .map(c -> c.table() + " " + String.format("%,d", c.rows()) + " rows").collect(Collectors.joining(", ")));
        o.kept().forEach(k -> out.printf("kept: run %d (%s %s): %s%n", k.runId(), k.period(), k.scope(), k.why()));
        out.printf("kept past the legal period (retention.legal-years=%d, before %s; billrun never removes them): %s%n", p.legalYears(),
                o.cutoffs().legal(), o.pastLegalPeriod().stream().map(c -> c.table() + " " + String.format("%,d", c.rows()))
                        .collect(Collectors.joining(", ")));
        if (o.dryRun()) {
            out.println("dry run: nothing changed");
        } else {
            out.printf("%,d rows removed, %,d rows pseudonymised, %d reports folders removed; audit entry %d%n", o.rowsRemoved(),
                    o.rowsPseudonymised(), o.reportFolders().size(), o.auditId());
        }
    }
}
