package org.billrun.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.billrun.run.RunQueries;
import org.billrun.validate.MissingTime;
import org.billrun.validate.MissingTimeQueries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "missing-time", mixinStandardHelpOptions = true,
        description = {"Consultants whose recorded hours fall short of their expected hours so far in the period, with their managers.",
                "Written by each run's validation, counted up to the run's as-of date (run --as-of; default yesterday)."})
class MissingTimeCommand implements Callable<Integer> {

    @ParentCommand
    BillrunCli root;

    @Spec
    CommandSpec spec;

    @Mixin
    RunArgument runArgument;

    @Mixin
    FormatOption.Any output;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (AppContext app = root.open(true)) {
            long run = runArgument.resolve(app.bean(RunQueries.class));
            List<MissingTime.Row> rows = app.bean(MissingTimeQueries.class).report(run);
            switch (output.format()) {
                case JSON -> out.println(JsonOutput.write(rows));
                case CSV -> CsvOutput.print(out, new String[] {"consultant_id", "consultant", "entity", "manager_id", "manager", "as_of",
                        "working_days", "expected_hours", "recorded_hours", "missing_hours"}, rows,
                        r -> new String[] {r.consultantId(), r.consultantName(), r.entityId(), r.managerId(), r.managerName(),
                                r.asOf().toString(), Integer.toString(r.workingDays()), r.expectedHours().toPlainString(),
                                r.recordedHours().toPlainString(), r.missingHours().toPlainString()});
                case TABLE -> {
                    TextTable table = new TextTable("consultant", "name", "entity", "manager", "expected h", "recorded h", "missing h")
                            .numeric(4, 5, 6);
                    rows.forEach(r -> table.row(r.consultantId(), r.consultantName(), r.entityId(),
                            r.managerName() == null ? "" : r.managerName() + " (" + r.managerId() + ")", r.expectedHours().toPlainString(),
                            r.recordedHours().toPlainString(), r.missingHours().toPlainString()));
                    table.print(out);
                    out.printf("%,d consultants with missing time in run %d%s%n", rows.size(), run,
                            rows.isEmpty() ? "" : " (up to " + rows.get(0).asOf() + ", " + rows.get(0).workingDays() + " working days)");
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
