package org.billrun.cli;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.billrun.billing.RecordKind;
import org.billrun.billing.RuleCode;
import org.billrun.policy.PolicyExplanation;
import org.billrun.policy.PolicyExplanation.Setting;
import org.billrun.policy.PolicyFile;
import org.billrun.policy.PolicyScope;
import org.billrun.validate.PolicyExplainQueries;
import org.billrun.validate.PolicyExplainQueries.RaisedException;
import org.billrun.validate.PolicyExplainQueries.RecordPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "policy", mixinStandardHelpOptions = true, description = "The firm's policy as a run applied it.",
        subcommands = PolicyCommand.Explain.class)
class PolicyCommand {

    @ParentCommand
    BillrunCli root;

    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = {"Show which policy settings applied to one record (time entry, expense or milestone) and why.",
                    "For each key: its value, the scope that matched (project, contract, client, model, country,",
                    "global or default), the less specific values it overrode, and where else it is set.",
                    "Approval keys are shown for the record's draft. Exit 2 when no run validated the record."})
    static class Explain implements Callable<Integer> {

        @ParentCommand
        PolicyCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--record", required = true, paramLabel = "ID", description = "The record's id: T-001580, EX-00047, M-VANDAM-07.")
        String recordId;

        @Option(names = "--run", paramLabel = "RUN", description = "The run whose policy to explain (default: the latest run that validated the record).")
        Long runId;

        @Mixin
        FormatOption.TableOrJson output;

        /** The JSON document: the record, its scope and its draft's, the policy file, the settings and the exceptions raised on it. */
        record Explained(long run, String period, String record, String kind, String state, PolicyScope scope, PolicyScope draftScope,
                String policySource, String policySha256, List<Setting> settings, List<RaisedException> exceptions) {}

        @Override
        public Integer call() throws Exception {
            OutputFormat format = output.format();
            PrintWriter out = spec.commandLine().getOut();
            try (AppContext app = parent.root.open(true)) {
                PolicyExplainQueries queries = app.bean(PolicyExplainQueries.class);
                long run = runId != null ? runId : queries.latestRunOf(recordId)
                        .orElseThrow(() -> new UsageException("no run validated a time entry, expense or milestone " + recordId));
                RecordPolicy record = queries.find(run, recordId)
                        .orElseThrow(() -> new UsageException("run " + run + " validated no time entry, expense or milestone " + recordId));
                Set<RuleCode> raised = new LinkedHashSet<>();
                record.exceptions().forEach(e -> raised.add(RuleCode.valueOf(e.ruleCode())));
                PolicyExplanation explanation = PolicyExplanation.of(PolicyFile.of(record.policySource(), record.policyContent()),
                        record.scope(), raised, record.kind() == RecordKind.TIME_ENTRY);
                Explained result = new Explained(run, record.period().toString(), record.key(), record.kind().label(), record.state(),
                        explanation.scope(), explanation.draftScope(), record.policySource(), record.policySha256(), explanation.settings(),
                        record.exceptions());
                if (format == OutputFormat.JSON) {
                    out.println(JsonOutput.write(result));
                } else {
                    print(result, out);
                }
            }
            out.flush();
            return ExitCodes.OK;
        }

        private static void print(Explained e, PrintWriter out) {
            out.printf("%s %s of run %d (%s): %s%n", e.kind().replace('_', ' '), e.record(), e.run(), e.period(), e.state());
            out.printf("scope: %s%n", e.scope().describe());
            out.printf("draft scope: %s%n", e.draftScope().describe());
            out.printf("policy: %s (sha256 %s)%n%n", e.policySource(), e.policySha256());
            TextTable table = new TextTable("key", "value", "from", "overrode", "also set for", "applies to");
            for (Setting s : e.settings()) {
                table.row(s.key(), s.value() == null ? "(default)" : s.value(), s.from(),
                        s.overrode().stream().map(c -> c.scope() + " " + c.value()).collect(Collectors.joining(", ")),
                        String.join(", ", s.setElsewhere()), s.appliesTo());
            }
            table.print(out);
            if (e.settings().isEmpty()) {
                out.println("the policy file sets nothing: every setting is at its documented default");
            }
            out.println();
            if (e.exceptions().isEmpty()) {
                out.println("no exceptions raised on this record");
            }
            for (RaisedException x : e.exceptions()) {
                out.printf("exception #%d %s (%s), %s%n", x.exceptionId(), x.ruleCode(), x.severity(), x.status());
            }
        }
    }
}
