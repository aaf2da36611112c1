package org.billrun.run;

import java.time.YearMonth;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * What identifies a billing run and what it reads. A run is one Spring Batch job instance keyed by
 * period, scope and run number (identifying parameters); the input folder, the last stage and the
 * run definition it came from are recorded but do not make a new instance.
 */
public record RunParameters(YearMonth period, String scope, long runNumber, String inputDir, Stage until, String definition) {

    public static final String ALL_ENTITIES = "all";

    public JobParameters toJobParameters() {
        return new JobParametersBuilder()
                .addString("period", period.toString())
                .addString("scope", scope)
                .addLong("run", runNumber)
                .addString("input", inputDir, false)
                .addString("until", until.label(), false)
                .addString("definition", definition == null ? "" : definition, false)
                .toJobParameters();
    }

    public static RunParameters from(JobParameters parameters) {
        String definition = parameters.getString("definition");
        return new RunParameters(
                YearMonth.parse(parameters.getString("period")),
                parameters.getString("scope"),
                parameters.getLong("run"),
                parameters.getString("input"),
                Stage.parse(parameters.getString("until")),
                definition == null || definition.isEmpty() ? null : definition);
    }
}
