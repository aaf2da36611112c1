package org.billrun.generate;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The generated firm's policy.properties: its approval matrix for drafts, like the sample firm's, so a
 * run of a generated firm routes drafts the way a real firm would (docs/drafting.md, "Routing"). A
 * draft no exception touches, with no write-down or retainer overage, goes straight through when its
 * gross is within its currency's auto-approve limit, and waits for finance above it. Without limits
 * every draft would wait ("no auto-approve limit is set"). Every other key keeps its documented default.
 */
final class PolicyWriter {

    static final String FILE = "policy.properties";

    /**
     * The auto-approve limit in EUR; the other currencies get the same amount at the generator's price
     * level ({@link Firm#PER_MILLE_OF_EUR}), to 5,000. On the 2,500-consultant firm (seed 42) about three
     * in four drafts are within it, and 57 % of all drafts go straight through (the sample firm: 46 %).
     */
    static final BigDecimal LIMIT_EUR = new BigDecimal("250000");
    private static final BigDecimal LIMIT_STEP = new BigDecimal("5000");

    private PolicyWriter() {}

    static Path write(Firm f, Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("# The billing policy of " + f.brand + ", a firm made up by billrun generate (seed " + f.seed + ").\n");
            out.write("# Only the approval matrix for drafts is set (docs/drafting.md, \"Routing\"); every other key keeps its\n");
            out.write("# documented default. A draft above its currency's limit (gross) waits for finance; any write-down\n");
            out.write("# goes to the project manager.\n");
            for (int cur = 0; cur < Firm.CURRENCIES.length; cur++) {
                out.write("approval.auto-approve-limit." + Firm.CURRENCIES[cur] + "=" + limit(cur).toPlainString() + "\n");
            }
            out.write("approval.write-down-threshold-pct=0\n");
        }
        return file;
    }

    /** {@link #LIMIT_EUR} in currency {@code cur} of {@link Firm#CURRENCIES}, rounded to 5,000, with cents. */
    static BigDecimal limit(int cur) {
        BigDecimal amount = LIMIT_EUR.multiply(BigDecimal.valueOf(Firm.PER_MILLE_OF_EUR[cur])).movePointLeft(3);
        return amount.divide(LIMIT_STEP, 0, RoundingMode.HALF_UP).multiply(LIMIT_STEP).setScale(2);
    }
}
