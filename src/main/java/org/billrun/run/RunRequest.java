package org.billrun.run;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import org.billrun.infra.Stage;

/**
 * What the user asked for: bring this period and scope up to the given stage from this input.
 * {@code policy} is the firm's policy file (null: the input folder's policy.properties, if any);
 * {@code asOf} is the date the missing-time report counts up to (null: yesterday, within the period).
 */
public record RunRequest(YearMonth period, String scope, Path inputDir, Stage until, String definition, Path policy, LocalDate asOf) {

    public RunRequest(YearMonth period, String scope, Path inputDir, Stage until, String definition) {
        this(period, scope, inputDir, until, definition, null, null);
    }
}
