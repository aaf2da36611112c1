package org.billrun.validate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.billrun.billing.Contract;
import org.billrun.billing.MasterData;
import org.billrun.billing.RecordKind;
import org.billrun.billing.TrailingHours;
import org.billrun.masterdata.BillingHistoryReader;
import org.billrun.validate.ContractChecks.ConsultantHours;
import org.billrun.validate.ContractChecks.PeriodValue;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * After the period's records: reads the evidence documents of the milestones marked billable that no other period bills
 * and validates those milestones, then totals the valid records
 * per contract and the billable hours per consultant, and runs the contract-level checks on them.
 * One transaction; its writes are upserts, so a restart repeats it harmlessly.
 */
class ContractCheckStep implements Tasklet {

    private final ValidationRun run;
    private final ValidationWriter writer;
    private final ExceptionStore exceptions;
    private final BilledMilestones billedMilestones;
    private final JdbcClient jdbc;
    private final MilestoneEvidenceProposer evidence;
    private final RunInput input;
    private final BillingHistoryReader billingHistory;

    ContractCheckStep(ValidationRun run, ValidationWriter writer, ExceptionStore exceptions, BilledMilestones billedMilestones,
            JdbcClient jdbc, MilestoneEvidenceProposer evidence, RunInput input, BillingHistoryReader billingHistory) {
        this.run = run;
        this.billingHistory = billingHistory;
        this.evidence = evidence;
        this.input = input;
        this.writer = writer;
        this.exceptions = exceptions;
        this.billedMilestones = billedMilestones;
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        MasterData master = run.master();
        ContractChecks checks = new ContractChecks(run.period(), run.policies(), master);
        Set<String> billedOutside = billedMilestones.billedOutside(run.period());
        // the evidence documents are read here, with the milestones they concern, so that a confirmation made since the last run counts
        Map<String, ContractChecks.EvidenceLookup> found = evidence.propose(run.runId(), input.value(), master, checks.milestonesToCheck(billedOutside));
        List<ValidatedRecord> milestones = checks.milestones(billedOutside, found);
        // A tasklet step can run again after its work committed: Spring Batch records it COMPLETED in a transaction of
        // its own after the tasklet's, so a SIGKILL between the two leaves it STARTED (and JobOperator.stop, which
        // billrun no longer calls, marked it STOPPED). The milestones' states of an earlier attempt are replaced, not
        // written twice.
        jdbc.sql("DELETE FROM validated_record WHERE run_id = ? AND record_kind = ?").params(run.runId(), RecordKind.MILESTONE.label())
                .update();
        writer.write(milestones);
        jdbc.sql("ANALYZE validated_record").update();

        // what the valid records of each contract are worth in its currency, by kind of record
        Map<String, BigDecimal> time = new HashMap<>();
        Map<String, BigDecimal> expenses = new HashMap<>();
        Map<String, BigDecimal> milestoneValues = new HashMap<>();
        jdbc.sql("""
                SELECT contract_id, record_kind, currency, sum(amount) FROM validated_record
                WHERE run_id = ? AND state = 'valid' AND contract_id IS NOT NULL AND amount IS NOT NULL
                GROUP BY contract_id, record_kind, currency""")
                .param(run.runId())
                .query(rs -> {
                    Contract contract = master.contract(rs.getString(1));
                    if (contract != null && contract.currency().equals(rs.getString(3))) {
                        Map<String, BigDecimal> sums = switch (rs.getString(2)) {
                            case "time_entry" -> time;
                            case "expense" -> expenses;
                            default -> milestoneValues;
                        };
                        sums.put(contract.contractId(), rs.getBigDecimal(4));
                    }
                });
        Map<String, PeriodValue> values = new HashMap<>();
        for (String contract : master.contracts().keySet()) {
            values.put(contract, new PeriodValue(time.getOrDefault(contract, BigDecimal.ZERO), expenses.getOrDefault(contract, BigDecimal.ZERO)));
        }
        TrailingHours trailing = checks.trailingHours();
        billingHistory.consultantRows(trailing.first(), trailing.period(), trailing::add);

        List<Finding> findings = new ArrayList<>(checks.caps(values));
        findings.addAll(checks.spikes(values, milestoneValues));
        findings.addAll(checks.hoursAboveNorm(hoursFarAboveTheirNumbers(checks, trailing), trailing));
        exceptions.upsert(findings, run.period().toString(), run.scope(), run.runId());
        contribution.incrementWriteCount(milestones.size() + findings.size());
        return RepeatStatus.FINISHED;
    }

    /**
     * The billable hours and main project of each consultant whose hours this period are far above their numbers
     * ({@link ContractChecks#farAboveTheirNumbers}): only they can be above the norm. The hours of every consultant come
     * from validated_record alone; the main project needs each entry's project from time_entry, so it is asked for
     * those few only (at 3M entries, joining every entry of the period took 4.7 s of this step's 5.3 s).
     */
    private List<ConsultantHours> hoursFarAboveTheirNumbers(ContractChecks checks, TrailingHours trailing) {
        List<String> candidates = new ArrayList<>();
        jdbc.sql("""
                SELECT consultant_id, sum(hours) FROM validated_record
                WHERE run_id = ? AND record_kind = 'time_entry' AND state <> 'non_billable' AND consultant_id IS NOT NULL
                GROUP BY consultant_id""")
                .param(run.runId())
                .query(rs -> {
                    BigDecimal hours = rs.getBigDecimal(2);
                    if (hours != null && checks.farAboveTheirNumbers(rs.getString(1), hours, trailing)) {
                        candidates.add(rs.getString(1));
                    }
                });
        if (candidates.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT v.consultant_id, sum(v.hours), mode() WITHIN GROUP (ORDER BY t.project_id)
                FROM validated_record v JOIN time_entry t ON t.id = v.record_row_id
                WHERE v.run_id = :run AND v.record_kind = 'time_entry' AND v.state <> 'non_billable'
                  AND v.consultant_id = ANY (:consultants)
                GROUP BY v.consultant_id""")
                .param("run", run.runId())
                .param("consultants", candidates.toArray(String[]::new))
                .query((rs, i) -> new ConsultantHours(rs.getString(1), rs.getBigDecimal(2), rs.getString(3)))
                .list();
    }
}
