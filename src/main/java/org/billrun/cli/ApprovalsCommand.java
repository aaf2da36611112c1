package org.billrun.cli;

import java.io.PrintWriter;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.billrun.approval.Acting;
import org.billrun.approval.ApprovalQueries.Task;
import org.billrun.approval.ApprovalService;
import org.billrun.approval.ApprovalService.QueueEntry;
import org.billrun.infra.Actor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "approvals", mixinStandardHelpOptions = true,
        description = {"List the approval queue: what waits for whom, since when and due when.",
                "For every live draft in review: the approval it waits for, of which role and person, by which matrix rule,",
                "since when and due when. Exit codes: 0 done; 9 --mine for someone not in the directory."})
class ApprovalsCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'");

    @ParentCommand
    BillrunCli root;

    @Spec
    CommandSpec spec;

    @Option(names = "--mine", description = "Only what you may approve (your roles, entities and tasks named for you).")
    boolean mine;

    @Option(names = "--overdue", description = "Only tasks past their due time (the policy's hours per role).")
    boolean overdue;

    @Option(names = "--entity", paramLabel = "ENTITY", description = "Only this legal entity's drafts.")
    String entity;

    @Option(names = "--as", paramLabel = "USER", description = "With --mine: the queue of this person (admin role only).")
    String as;

    @Mixin
    FormatOption.Any format;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (AppContext app = root.open(true)) {
            Acting who = new Acting(app.bean(Actor.class).name(), as);
            List<QueueEntry> rows = app.bean(ApprovalService.class).queue(who, mine, overdue, entity);
            format.format().print(out, rows, new String[] {"draft_id", "run_id", "version", "entity_id", "client_id", "currency", "gross",
                    "step", "role", "waits_for", "rule", "since", "due", "overdue", "waits_for_in_directory"}, e -> {
                        Task t = e.row().task();
                        return new String[] {e.row().draftId(), Long.toString(e.row().runId()), Integer.toString(e.row().versionNo()),
                                e.row().entityId(), e.row().clientId(), e.row().currency(), e.row().gross().toPlainString(),
                                Integer.toString(t.stepNo()), t.role().label(), t.assignee(), t.rule(), iso(t.createdAt()), iso(t.dueAt()),
                                Boolean.toString(e.overdue()), Boolean.toString(e.assigneeInDirectory())};
                    }, () -> {
                        TextTable table = new TextTable("draft", "v", "entity", "client", "gross", "step", "waits for", "rule", "since", "due")
                                .numeric(4);
                        rows.forEach(e -> {
                            Task t = e.row().task();
                            table.row(e.row().draftId(), e.row().versionNo(), e.row().entityId(), e.row().clientId(),
                                    e.row().gross().toPlainString() + " " + e.row().currency(), t.stepNo(),
                                    t.role().label() + (t.assignee() == null ? "" : " " + t.assignee())
                                            + (e.assigneeInDirectory() ? "" : " (not in the directory)"), t.rule(), time(t.createdAt()),
                                    time(t.dueAt()) + (e.overdue() ? " OVERDUE" : ""));
                        });
                        table.print(out);
                        long late = rows.stream().filter(QueueEntry::overdue).count();
                        out.printf("%,d approvals waiting%s%n", rows.size(), late == 0 ? "" : ", " + late + " overdue");
                        rows.stream().filter(e -> !e.assigneeInDirectory()).map(e -> e.row().task().assignee()).distinct()
                                .forEach(a -> out.printf("%s, named as project manager in projects.csv, is not in the directory (people.csv):"
                                        + " nobody can approve their steps until they are added (or the steps escalate)%n", a));
                    });
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String time(OffsetDateTime t) {
        return t == null ? "(after the step before)" : TIME.format(t.withOffsetSameInstant(ZoneOffset.UTC));
    }

    private static String iso(OffsetDateTime t) {
        return t == null ? null : t.toInstant().toString();
    }
}
