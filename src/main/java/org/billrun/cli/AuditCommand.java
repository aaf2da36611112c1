package org.billrun.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.billrun.audit.AuditKey;
import org.billrun.audit.AuditLog;
import org.billrun.audit.AuditQueries;
import org.billrun.audit.AuditQueries.Logged;
import org.billrun.audit.AuditQueries.Subject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "audit", mixinStandardHelpOptions = true, description = "The append-only audit log.",
        subcommands = {AuditCommand.Log.class, AuditCommand.Verify.class})
class AuditCommand {

    @ParentCommand
    BillrunCli root;

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Recompute the audit log's hash chain and check every row against it.",
                    "Exit 0 when intact; exit 8 naming the first row that was changed, or whose predecessor was changed or removed,",
                    "or when the head anchored by the last approval action (audit_anchor) is gone: the last entries were removed.",
                    "With the audit key ($" + AuditKey.FILE_ENV + " or --audit-key-file), also exit 8 when an anchor's HMAC does not match:",
                    "a chain rebuilt with recomputed hashes."})
    static class Verify implements Callable<Integer> {

        @ParentCommand
        AuditCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--audit-key-file", paramLabel = "FILE",
                description = "The audit key (owner-only file, at least 32 bytes) to check the anchors' HMACs with; default $"
                        + AuditKey.FILE_ENV + ".")
        Path keyFile;

        @Option(names = "--anchor",
                description = "When intact, anchor the head now (signed with the audit key, if any) and print it, to record outside the database.")
        boolean anchor;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (AppContext app = parent.root.open(true)) {
                AuditLog audit = app.bean(AuditLog.class);
                Optional<AuditKey> key = keyFile != null ? Optional.of(AuditKey.read(keyFile)) : audit.configuredKey();
                AuditLog.Verification result = audit.verify(key);
                if (result.intact()) {
                    out.printf("audit log intact: %,d entries, last hash %s%n", result.rows(), result.lastHash());
                    if (result.keyed()) {
                        out.printf("anchors: %,d, of which %,d signed and checked with the audit key%n", result.anchors(), result.signedAnchors());
                    }
                    if (anchor) {
                        Optional<AuditLog.Head> head = audit.anchorHead(audit.actor(), key);
                        out.println(head.map(h -> "anchored head: entry " + h.auditId() + " hash " + h.hash()
                                + (h.hmac() == null ? "" : " hmac " + h.hmac())).orElse("nothing to anchor: the audit log is empty"));
                    }
                    out.flush();
                    return ExitCodes.OK;
                }
                if (result.firstBrokenRow().isPresent()) {
                    spec.commandLine().getErr().printf("billrun: audit log broken at entry %d (of %,d): its content or the entry before it was changed or removed%n",
                            result.firstBrokenRow().get(), result.rows());
                } else {
                    spec.commandLine().getErr().printf("billrun: audit log broken: %s%n", result.anchorBroken().or(result::hmacBroken).get());
                }
                return ExitCodes.AUDIT_BROKEN;
            }
        }
    }

    @Command(name = "log", mixinStandardHelpOptions = true,
            description = {"List the audit log's entries, oldest first: when, who, what, to which subject, in which run, and why.",
                    "Each entry shows the start of its hash; csv and json give the whole hash (billrun audit verify checks the chain)."})
    static class Log implements Callable<Integer> {

        @ParentCommand
        AuditCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--subject", paramLabel = "TYPE[:ID]",
                description = "Only the entries of one subject (exception:17, run:3) or of one type of subject (exception, run).")
        String subject;

        @Mixin
        FormatOption.Any output;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Subject wanted = Subject.parse(subject);
            try (AppContext app = parent.root.open(true)) {
                List<Logged> entries = app.bean(AuditQueries.class).list(wanted);
                output.format().print(out, entries, new String[] {"id", "at", "actor", "action", "subject_type", "subject_id", "run",
                        "detail", "hash"}, e -> new String[] {Long.toString(e.id()), e.at().toString(), e.actor(), e.action(),
                        e.subjectType(), Long.toString(e.subjectId()), e.runId() == null ? "" : e.runId().toString(),
                        e.detail() == null ? "" : e.detail(), e.hash()}, () -> {
                    TextTable table = new TextTable("id", "at", "actor", "action", "subject", "run", "hash", "detail").numeric(0, 5);
                    for (Logged e : entries) {
                        table.row(e.id(), Times.format(e.at().atZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime()), e.actor(),
                                e.action(), e.subject(), e.runId(), e.hash().substring(0, 12), e.detail());
                    }
                    table.print(out);
                    out.printf("%,d audit entries%s%n", entries.size(), subject == null ? "" : " of " + subject.strip());
                });
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
