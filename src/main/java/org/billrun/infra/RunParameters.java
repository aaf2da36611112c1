package org.billrun.infra;

import java.time.LocalDate;
import java.time.YearMonth;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * What identifies a billing run and what it reads. A run is one Spring Batch job instance keyed by
 * period, scope and run number (identifying parameters); the input folder, the last stage, the run
 * definition it came from, the policy file and the as-of date are recorded but do not make a new
 * instance. A restart keeps them, so every attempt of a run applies the same policy and date. The
 * billrun version that started the run is recorded with them for the run report.
 * <p>
 * {@code inputDir} is what the run reads: a folder's absolute path, or a database's JDBC URL when
 * {@code queries} (the absolute path of the run definition holding the source queries) is not null.
 */
public record RunParameters(YearMonth period, String scope, long runNumber, String inputDir, Stage until, String definition,
        String policyFile, LocalDate asOf, String queries) {

    public static final String ALL_ENTITIES = "all";

    public RunParameters(YearMonth period, String scope, long runNumber, String inputDir, Stage until, String definition,
            String policyFile, LocalDate asOf) {
        this(period, scope, runNumber, inputDir, until, definition, policyFile, asOf, null);
    }

    /** Whether the run reads a database through the queries of its run definition, rather than a folder. */
    public boolean readsDatabase() {
        return queries != null;
    }

    public JobParameters toJobParameters() {
        return new JobParametersBuilder()
                .addString("period", period.toString())
                .addString("scope", scope)
                .addLong("run", runNumber)
                .addString("input", inputDir, false)
                .addString("until", until.label(), false)
                .addString("definition", definition == null ? "" : definition, false)
                .addString("policy", policyFile == null ? "" : policyFile, false)
                .addString("asOf", asOf.toString(), false)
                .addString("version", SoftwareVersion.current(), false)
                .addString("queries", queries == null ? "" : queries, false)
                .toJobParameters();
    }

    public static RunParameters from(JobParameters parameters) {
        YearMonth period = YearMonth.parse(parameters.getString("period"));
        String asOf = parameters.getString("asOf");
        return new RunParameters(
                period,
                parameters.getString("scope"),
                parameters.getLong("run"),
                parameters.getString("input"),
                Stage.parse(parameters.getString("until")),
                emptyToNull(parameters.getString("definition")),
                emptyToNull(parameters.getString("policy")),
                asOf == null ? period.atEndOfMonth() : LocalDate.parse(asOf),
                emptyToNull(parameters.getString("queries")));
    }

    /** The day before {@code today}, kept within the period: the last day whose time can be expected to be in. */
    public static LocalDate defaultAsOf(YearMonth period, LocalDate today) {
        LocalDate yesterday = today.minusDays(1);
        if (yesterday.isAfter(period.atEndOfMonth())) {
            return period.atEndOfMonth();
        }
        return yesterday.isBefore(period.atDay(1)) ? period.atDay(1).minusDays(1) : yesterday;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
