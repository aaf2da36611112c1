package org.billrun.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.billrun.approval.Escalator;
import org.billrun.approval.Escalator.Escalation;
import org.billrun.metrics.ApprovalMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "escalate", mixinStandardHelpOptions = true,
        description = {"Hand each overdue review task to the next role of the policy's approval.escalation-order (a scheduler job:"
                + " jobs/schedulers has its timer and crontab line).",
                "The new task is due that role's hours from now; both are in the audit log. A task of the last role stays and is listed."
                        + " Running it again changes nothing until another task is overdue.",
                "Exit codes: 0 done (also when nothing was overdue), 4 database unreachable, 1 internal error."})
class EscalateCommand implements Callable<Integer> {

    @ParentCommand
    BillrunCli root;

    @Spec
    CommandSpec spec;

    @Mixin
    FormatOption.Any output;

    @Override
    public Integer call() throws Exception {
        OutputFormat format = output.format();
        PrintWriter out = spec.commandLine().getOut();
        try (AppContext app = root.open(true)) {
            java.time.Instant now = Clock.systemUTC().instant();
            List<Escalation> rows = app.bean(Escalator.class).escalate(now);
            app.bean(ApprovalMetrics.class).record(now, rows.stream().filter(Escalation::moved).count());
            format.print(out, rows, new String[] {"draft_id", "run_id", "version", "step", "task_id", "from_role", "to_role", "rule",
                    "was_due", "due"},
                    e -> new String[] {e.draftId(), Long.toString(e.runId()), Integer.toString(e.versionNo()), Integer.toString(e.stepNo()),
                            Long.toString(e.taskId()), e.from().label(), e.moved() ? e.to().label() : "", e.rule(), e.wasDue().toString(),
                            e.moved() ? e.due().toString() : ""},
                    () -> {
                        TextTable table = new TextTable("draft", "version", "step", "from", "to", "rule", "was due", "now due");
                        rows.forEach(e -> table.row(e.draftId(), e.versionNo(), e.stepNo(), e.from().label(),
                                e.moved() ? e.to().label() : "(last role: stays)", e.rule(), e.wasDue(), e.moved() ? e.due() : ""));
                        if (!rows.isEmpty()) {
                            table.print(out);
                        }
                        long moved = rows.stream().filter(Escalation::moved).count();
                        out.printf("%,d overdue task%s: %,d escalated, %,d with the last role of the escalation order%n", rows.size(),
                                rows.size() == 1 ? "" : "s", moved, rows.size() - moved);
                    });
        }
        out.flush();
        return ExitCodes.OK;
    }
}
