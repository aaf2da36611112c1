package org.billrun.run;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import org.billrun.infra.Stage;

/**
 * What the user asked for: bring this period and scope up to the given stage from this input.
 * The input is the folder {@code inputDir}, or the database {@code database} when that is not null.
 * {@code policy} is the firm's policy file (null: the input folder's policy.properties, if any);
 * {@code asOf} is the date the missing-time report counts up to (null: yesterday, within the period).
 */
public record RunRequest(YearMonth period, String scope, Path inputDir, Stage until, String definition, Path policy, LocalDate asOf,
        DatabaseInput database) {

    public RunRequest(YearMonth period, String scope, Path inputDir, Stage until, String definition, Path policy, LocalDate asOf) {
        this(period, scope, inputDir, until, definition, policy, asOf, null);
    }

    public RunRequest(YearMonth period, String scope, Path inputDir, Stage until, String definition) {
        this(period, scope, inputDir, until, definition, null, null);
    }

    /** A run that reads the database {@code database}. */
    public static RunRequest fromDatabase(YearMonth period, String scope, DatabaseInput database, Stage until, String definition,
            Path policy, LocalDate asOf) {
        return new RunRequest(period, scope, null, until, definition, policy, asOf, database);
    }

    /** What the run reads, as recorded with it: the folder's absolute path, or the database's JDBC URL. */
    public String input() {
        return database != null ? database.url() : inputDir.toAbsolutePath().normalize().toString();
    }

    /** The absolute path of the run definition holding the queries, or null for a folder. */
    public String queries() {
        return database == null ? null : database.definition().toAbsolutePath().normalize().toString();
    }
}
