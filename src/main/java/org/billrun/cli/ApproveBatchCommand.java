package org.billrun.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.billrun.approval.Acting;
import org.billrun.approval.ActionRefusedException;
import org.billrun.approval.ApprovalService;
import org.billrun.infra.Actor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "approve-batch", mixinStandardHelpOptions = true,
        description = {"Give approvals on behalf of several people in one command, from a CSV file.",
                "The file has the header draft_id,user_id; each line is one approval of the draft's next step by that person, as `approve DRAFT --as USER` would give it",
                "(admin role only; each audited as \"you acting as USER\"; every control applies to USER). Lines run in order, so a",
                "draft's steps can follow each other. For approvals signed off elsewhere and for scripted loops (scripts/benchmark-approval).",
                "Exit codes: 0 every line approved; 2 bad usage or file; 9 a line refused by a control (the other lines still run;",
                "each refusal is printed with its line)."})
class ApproveBatchCommand implements Callable<Integer> {

    @ParentCommand
    BillrunCli root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "CSV with the header draft_id,user_id.")
    Path file;

    @Option(names = "--comment", paramLabel = "TEXT", description = "Kept with each approval in the audit log.")
    String comment;

    record Line(int lineNo, String draftId, String userId) {}

    @Override
    public Integer call() throws Exception {
        List<Line> lines = read(file);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int refused = 0;
        try (AppContext app = root.open(true)) {
            ApprovalService service = app.bean(ApprovalService.class);
            String user = app.bean(Actor.class).name();
            service.openReviews();
            long start = System.nanoTime();
            for (Line line : lines) {
                try {
                    out.println(service.approve(line.draftId(), new Acting(user, line.userId()), comment).message());
                } catch (ActionRefusedException e) {
                    refused++;
                    err.printf("billrun: %s line %d (%s, %s): refused: %s%n", file, line.lineNo(), line.draftId(), line.userId(), e.getMessage());
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            out.printf("%,d approvals given, %,d refused, in %d.%03d s%n", lines.size() - refused, refused, millis / 1000, millis % 1000);
        }
        out.flush();
        err.flush();
        return refused == 0 ? ExitCodes.OK : ExitCodes.REFUSED;
    }

    static List<Line> read(Path file) {
        List<String> text;
        try {
            text = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
        if (text.isEmpty() || !text.get(0).strip().replace("\uFEFF", "").equals("draft_id,user_id")) {
            throw new UsageException(file + ": the first line must be the header draft_id,user_id");
        }
        List<Line> lines = new ArrayList<>();
        for (int i = 1; i < text.size(); i++) {
            String row = text.get(i).strip();
            if (row.isEmpty()) {
                continue;
            }
            String[] cells = row.split(",", -1);
            if (cells.length != 2 || cells[0].isBlank() || cells[1].isBlank()) {
                throw new UsageException(file + " line " + (i + 1) + ": expected draft_id,user_id, not '" + row + "'");
            }
            lines.add(new Line(i + 1, cells[0].strip(), cells[1].strip()));
        }
        return lines;
    }
}
