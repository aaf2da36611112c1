package org.billrun.cli;

import java.io.PrintWriter;
import java.util.List;
import org.billrun.validate.MissingTime;
import org.billrun.validate.MissingTimeQueries;
import picocli.CommandLine.Command;

@Command(name = "missing-time", mixinStandardHelpOptions = true,
        description = {"Consultants whose recorded hours fall short of their expected hours so far in the period, with their managers.",
                "Written by each run's validation, counted up to the run's as-of date (run --as-of; default yesterday)."})
class MissingTimeCommand extends RunRowsCommand {

    @Override
    void print(AppContext app, long run, OutputFormat format, PrintWriter out) throws Exception {
        List<MissingTime.Row> rows = app.bean(MissingTimeQueries.class).report(run);
        format.print(out, rows, new String[] {"consultant_id", "consultant", "entity", "manager_id", "manager", "as_of",
                "working_days", "expected_hours", "recorded_hours", "missing_hours"},
                r -> new String[] {r.consultantId(), r.consultantName(), r.entityId(), r.managerId(), r.managerName(),
                        r.asOf().toString(), Integer.toString(r.workingDays()), r.expectedHours().toPlainString(),
                        r.recordedHours().toPlainString(), r.missingHours().toPlainString()}, () -> {
                    TextTable table = new TextTable("consultant", "name", "entity", "manager", "expected h", "recorded h", "missing h")
                            .numeric(4, 5, 6);
                    rows.forEach(r -> table.row(r.consultantId(), r.consultantName(), r.entityId(),
                            r.managerName() == null ? "" : r.managerName() + " (" + r.managerId() + ")", r.expectedHours().toPlainString(),
                            r.recordedHours().toPlainString(), r.missingHours().toPlainString()));
                    table.print(out);
                    out.printf("%,d consultants with missing time in run %d%s%n", rows.size(), run,
                            rows.isEmpty() ? "" : " (up to " + rows.get(0).asOf() + ", " + rows.get(0).workingDays() + " working days)");
                });
    }
}
