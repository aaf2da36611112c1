package org.billrun.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.billrun.infra.Actor;
import org.billrun.validate.EvidenceState;
import org.billrun.validate.MilestoneEvidence;
import org.billrun.validate.MilestoneEvidenceQueries;
import org.billrun.validate.MilestoneEvidenceService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "milestones", mixinStandardHelpOptions = true,
        description = "Fixed-fee milestones: the acceptance evidence runs found in their documents, for a person to confirm (docs/assistance.md).",
        subcommands = {MilestonesCommand.Evidence.class})
class MilestonesCommand {

    private static final String EXIT_CODES = "Exit codes: 0 done, 2 bad usage (an unknown evidence id, evidence already decided or not an"
            + " acceptance, a reject without --comment), 4 database unreachable, 1 internal error.";

    @ParentCommand
    BillrunCli root;

    @Command(name = "evidence", mixinStandardHelpOptions = true,
            description = {"List, show, confirm or reject the acceptance evidence runs proposed for milestones.",
                    "A run reads the documents milestones.csv names in evidence_files and proposes each sentence that accepts a"
                            + " milestone; under the policy key milestone.evidence-required a milestone bills only once a person has"
                            + " confirmed one."},
            subcommands = {ListEvidence.class, Show.class, Confirm.class, Reject.class})
    static class Evidence {
        @ParentCommand
        MilestonesCommand parent;

        AppContext open() {
            return parent.root.open(true);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List the evidence found for milestones: proposals, decisions and the sentences that do not accept.",
                    "Plain mentions, contract terms and quoted text only with --all.", EXIT_CODES})
    static class ListEvidence implements Callable<Integer> {
        @ParentCommand
        Evidence parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--milestone", paramLabel = "ID", description = "Only this milestone's evidence.")
        String milestone;

        @Option(names = "--state", paramLabel = "S", description = "Only evidence in this state: proposed, confirmed, rejected, noted.")
        String state;

        @Option(names = "--all", description = "Also the sentences that only name the milestone, state terms or quote older mail.")
        boolean all;

        @Mixin
        FormatOption.Any output;

        @Override
        public Integer call() throws Exception {
            EvidenceState wanted = state(state);
            PrintWriter out = spec.commandLine().getOut();
            try (AppContext app = parent.open()) {
                print(out, output.format(), app.bean(MilestoneEvidenceQueries.class)
                        .list(new MilestoneEvidenceQueries.Filter(milestone, wanted, all)), false);
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Show one piece of evidence: the sentence, its file, date and sender, why it was proposed, the decision.",
                    EXIT_CODES})
    static class Show implements Callable<Integer> {
        @ParentCommand
        Evidence parent;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID", description = "The evidence id (E-12 or 12; billrun milestones evidence list).")
        String id;

        @Mixin
        FormatOption.TableOrJson output;

        @Override
        public Integer call() throws Exception {
            long evidenceId = id(id);
            PrintWriter out = spec.commandLine().getOut();
            try (AppContext app = parent.open()) {
                MilestoneEvidence e = app.bean(MilestoneEvidenceQueries.class).find(evidenceId)
                        .orElseThrow(() -> new UsageException("there is no evidence E-" + evidenceId + " (billrun milestones evidence list)"));
                print(out, output.format(), List.of(e), true);
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "confirm", mixinStandardHelpOptions = true,
            description = {"Confirm a proposal as the milestone's acceptance evidence; the next run lets the milestone bill.",
                    "Who confirms (the command's actor), when and the comment go into the audit log.", EXIT_CODES})
    static class Confirm implements Callable<Integer> {
        @ParentCommand
        Evidence parent;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID", description = "The proposal's id (E-12 or 12).")
        String id;

        @Option(names = "--comment", paramLabel = "T", description = "Why, or what was checked (recorded with the decision).")
        String comment;

        @Mixin
        FormatOption.TableOrJson output;

        @Override
        public Integer call() throws Exception {
            long evidenceId = id(id);
            PrintWriter out = spec.commandLine().getOut();
            try (AppContext app = parent.open()) {
                String actor = app.bean(Actor.class).name();
                print(out, output.format(), List.of(app.bean(MilestoneEvidenceService.class).confirm(evidenceId, comment, actor)), true);
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true,
            description = {"Reject a proposal: the sentence is not the milestone's acceptance; the comment says why.",
                    "Audited like a confirmation; the milestone stays held until other evidence is confirmed.", EXIT_CODES})
    static class Reject implements Callable<Integer> {
        @ParentCommand
        Evidence parent;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID", description = "The proposal's id (E-12 or 12).")
        String id;

        @Option(names = "--comment", required = true, paramLabel = "T", description = "Why it is not the acceptance.")
        String comment;

        @Mixin
        FormatOption.TableOrJson output;

        @Override
        public Integer call() throws Exception {
            long evidenceId = id(id);
            PrintWriter out = spec.commandLine().getOut();
            try (AppContext app = parent.open()) {
                String actor = app.bean(Actor.class).name();
                print(out, output.format(), List.of(app.bean(MilestoneEvidenceService.class).reject(evidenceId, comment, actor)), true);
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    static long id(String value) {
        String digits = value.strip().toUpperCase(Locale.ROOT);
        digits = digits.startsWith("E-") ? digits.substring(2) : digits;
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new UsageException("an evidence id is a number or E-number (billrun milestones evidence list), not '" + value + "'");
        }
    }

    private static EvidenceState state(String value) {
        if (value == null) {
            return null;
        }
        try {
            return EvidenceState.of(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--state is one of " + Arrays.stream(EvidenceState.values()).map(EvidenceState::label).toList()
                    + ", not '" + value.toLowerCase(Locale.ROOT) + "'");
        }
    }

    private static final String[] HEADER = {"evidence_id", "milestone_id", "contract_id", "kind", "state", "confidence", "evidence_date",
            "date_source", "file", "sender", "quote", "why", "found_by_run", "last_seen_run", "decided_by", "decided_at", "comment"};

    private static void print(PrintWriter out, OutputFormat format, List<MilestoneEvidence> rows, boolean single) throws IOException {
        format.print(out, rows, HEADER, e -> new String[] {Long.toString(e.id()), e.milestoneId(), e.contractId(), e.kindLabel(),
                e.state().label(), e.confidence().toPlainString(), e.date() == null ? null : e.date().toString(), e.dateSource(), e.file(),
                e.sender(), e.quote(), e.why(), Long.toString(e.foundByRun()), Long.toString(e.lastSeenRun()), e.decidedBy(),
                time(e.decidedAt()), e.comment()}, () -> {
                    if (single) {
                        describe(out, rows.get(0));
                        return;
                    }
                    if (rows.isEmpty()) {
                        out.println("No milestone evidence.");
                        return;
                    }
                    TextTable table = new TextTable("id", "milestone", "says", "state", "conf.", "date", "file", "sentence");
                    rows.forEach(e -> table.row(e.ref(), e.milestoneId(), e.kindLabel(), e.state().label(),
                            e.state() == EvidenceState.NOTED ? "" : e.confidence().toPlainString(), e.date() == null ? "" : e.date().toString(),
                            e.file(), e.shortQuote(70)));
                    table.print(out);
                });
    }

    private static void describe(PrintWriter out, MilestoneEvidence e) {
        out.printf("evidence %s: milestone %s (contract %s), %s, %s%n", e.ref(), e.milestoneId(), e.contractId(), e.kindLabel(),
                e.state().label());
        out.printf("  sentence:   \"%s\"%n", e.quote().replaceAll("\\s+", " ").strip());
        out.printf("  file:       %s (SHA-256 %s)%n", e.file(), e.fileSha256());
        if (e.sender() != null) {
            out.printf("  from:       %s%n", e.sender());
        }
        if (e.date() != null) {
            out.printf("  date:       %s (from %s)%n", e.date(), e.dateSource());
        }
        if (e.state() != EvidenceState.NOTED) {
            out.printf("  confidence: %s%n", e.confidence().toPlainString());
        }
        out.printf("  why:        %s%n", e.why());
        out.printf("  found:      by run %d, last seen by run %d%n", e.foundByRun(), e.lastSeenRun());
        switch (e.state()) {
            case PROPOSED -> out.printf("  decision:   none yet (billrun milestones evidence confirm %d, or reject %d --comment T)%n", e.id(), e.id());
            case CONFIRMED, REJECTED -> out.printf("  decision:   %s by %s at %s%s%n", e.state().label(), e.decidedBy(), time(e.decidedAt()),
                    e.comment() == null ? "" : ": " + e.comment());
            case NOTED -> out.println("  decision:   none: it does not accept the milestone, so it is shown for context only");
        }
    }

    private static String time(java.time.OffsetDateTime t) {
        return t == null ? null : t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
