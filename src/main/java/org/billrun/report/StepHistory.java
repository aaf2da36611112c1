package org.billrun.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's steps as the report shows them, from every execution of every attempt. A step that ran in
 * several attempts (it failed, or the process was killed, and the run was resumed) counts with its
 * last execution, the one that decided how far the run got; its earlier executions are its history.
 * Parallel partitions of a step (loadSourceFile:partitionN) are folded into one step, each partition
 * with its own last execution. Plain Java over the rows of Spring Batch's step executions.
 */
final class StepHistory {

    /** The steps whose completion completes a stage, last stage first. */
    private static final Map<String, String> LAST_STEP_OF_STAGE = stages();

    /** One step execution: its step (partition included), the attempt of the run it belongs to (1, 2, ...), its outcome. */
    record Execution(String step, int attempt, String status, long reads, long writes, BigDecimal seconds) {}

    private StepHistory() {}

    private static Map<String, String> stages() {
        Map<String, String> stages = new LinkedHashMap<>();
        stages.put("report", ReportJobConfiguration.STEP_NAME);
        stages.put("draft", "recordDrafts");
        stages.put("validate", "settleExceptions");
        stages.put("ingest", "mergeSources");
        return stages;
    }

    /**
     * Every step but the report stage's own, in the order they first ran: the execution that counted
     * and, under it, the earlier attempts (partitions of one attempt folded together).
     */
    static List<RunReport.StepTiming> steps(List<Execution> executions) {
        return steps(executions, false);
    }

    /** Every step, the report stage's own included (billrun status shows a run that has finished writing its reports). */
    static List<RunReport.StepTiming> allSteps(List<Execution> executions) {
        return steps(executions, true);
    }

    private static List<RunReport.StepTiming> steps(List<Execution> executions, boolean withReportStep) {
        List<RunReport.StepTiming> steps = new ArrayList<>();
        byShownStep(executions).forEach((step, partitions) -> {
            if (!withReportStep && step.equals(ReportJobConfiguration.STEP_NAME)) {
                return;
            }
            List<Execution> counted = new ArrayList<>();
            Map<Integer, List<Execution>> earlier = new TreeMap<>();
            for (List<Execution> attempts : partitions.values()) {
                counted.add(attempts.get(attempts.size() - 1));
                attempts.subList(0, attempts.size() - 1).forEach(e -> earlier.computeIfAbsent(e.attempt(), a -> new ArrayList<>()).add(e));
            }
            Folded now = Folded.of(counted);
            steps.add(new RunReport.StepTiming(step, now.status, now.reads, now.writes, now.seconds, now.attempt,
                    earlier.values().stream().map(Folded::of)
                            .map(f -> new RunReport.StepAttempt(f.attempt, f.status, f.reads, f.writes, f.seconds)).toList()));
        });
        return steps;
    }

    /**
     * The last stage the run completed ({@code none}, {@code ingest}, {@code validate}, {@code draft}
     * or {@code report}), by the execution of each stage's last step that counted. The report stage
     * completes with the report it writes: {@code reportStageWriting} when it is the one asking.
     */
    static String completedThrough(List<Execution> executions, boolean reportStageWriting) {
        if (reportStageWriting) {
            return "report";
        }
        Map<String, String> counted = new TreeMap<>();
        executions.forEach(e -> counted.put(e.step(), e.status()));
        for (Map.Entry<String, String> stage : LAST_STEP_OF_STAGE.entrySet()) {
            if ("COMPLETED".equals(counted.get(stage.getValue()))) {
                return stage.getKey();
            }
        }
        return "none";
    }

    /** Executions by the step the report shows, then by partition (the step itself when it has none), in the order they ran. */
    private static Map<String, Map<String, List<Execution>>> byShownStep(List<Execution> executions) {
        Map<String, Map<String, List<Execution>>> steps = new LinkedHashMap<>();
        for (Execution e : executions) {
            int colon = e.step().indexOf(':');
            String shown = colon < 0 ? e.step() : e.step().substring(0, colon);
            steps.computeIfAbsent(shown, s -> new LinkedHashMap<>()).computeIfAbsent(e.step(), p -> new ArrayList<>()).add(e);
        }
        return steps;
    }

    /** Executions of one step shown as one: completed when all completed, counts and seconds summed. */
    private record Folded(int attempt, String status, long reads, long writes, String seconds) {

        static Folded of(List<Execution> executions) {
            boolean allCompleted = executions.stream().allMatch(e -> e.status().equals("COMPLETED"));
            String status = allCompleted ? "COMPLETED"
                    : executions.stream().map(Execution::status).max(String::compareTo).orElseThrow();
            BigDecimal seconds = executions.stream().map(Execution::seconds).filter(s -> s != null).reduce(BigDecimal::add)
                    .map(s -> s.setScale(3, RoundingMode.HALF_UP)).orElse(null);
            return new Folded(executions.stream().mapToInt(Execution::attempt).max().orElseThrow(), status,
                    executions.stream().mapToLong(Execution::reads).sum(), executions.stream().mapToLong(Execution::writes).sum(),
                    seconds == null ? null : seconds.toPlainString());
        }
    }
}
