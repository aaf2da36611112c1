package org.billrun.generate;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Objects;

/**
 * What to generate: a synthetic firm of {@code consultants} people, with the period data of {@code period},
 * written as the CSV files of docs/input-formats.md into {@code outDir}. The same request always gives
 * byte-identical files.
 *
 * @param consultants number of consultants, 1 to 1,000,000
 * @param period      the billing period whose time entries and expenses are generated; 2015-01 to 2099-12
 * @param seed        any value; different seeds give different firms
 * @param outDir      the folder to write into (created if absent; the generated files in it are overwritten)
 * @param disputeHistoryMonths 0 for none (the default), else 12 to 120: also write dispute_history.csv, that many
 *                    months before the period of every client contract's invoices with disputes, credits and
 *                    payments, and evaluate the dispute risk score on it (docs/assistance.md)
 */
public record GenerationRequest(int consultants, YearMonth period, long seed, Path outDir, int disputeHistoryMonths) {

    /** A firm without dispute history: the input files only. */
    public GenerationRequest(int consultants, YearMonth period, long seed, Path outDir) {
        this(consultants, period, seed, outDir, 0);
    }

    public static final int MIN_CONSULTANTS = 1;
    public static final int MAX_CONSULTANTS = 1_000_000;
    public static final YearMonth FIRST_PERIOD = YearMonth.of(2015, 1);
    public static final YearMonth LAST_PERIOD = YearMonth.of(2099, 12);

    public GenerationRequest {
        if (consultants < MIN_CONSULTANTS || consultants > MAX_CONSULTANTS) {
            throw new IllegalArgumentException("consultants must be between " + MIN_CONSULTANTS + " and "
                    + MAX_CONSULTANTS + ", got " + consultants);
        }
        Objects.requireNonNull(period, "period");
        if (period.isBefore(FIRST_PERIOD) || period.isAfter(LAST_PERIOD)) {
            throw new IllegalArgumentException("period must be between " + FIRST_PERIOD + " and " + LAST_PERIOD
                    + ", got " + period);
        }
        Objects.requireNonNull(outDir, "outDir");
        if (disputeHistoryMonths != 0
                && (disputeHistoryMonths < DisputeHistory.MIN_MONTHS || disputeHistoryMonths > DisputeHistory.MAX_MONTHS)) {
            throw new IllegalArgumentException("dispute history must be between " + DisputeHistory.MIN_MONTHS + " and "
                    + DisputeHistory.MAX_MONTHS + " months, got " + disputeHistoryMonths);
        }
    }
}
