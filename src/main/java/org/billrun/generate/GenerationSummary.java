package org.billrun.generate;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.billrun.assist.risk.RiskEvaluation;

/**
 * What {@link FirmGenerator#generate} wrote.
 *
 * @param outDir      the folder written into
 * @param rowsPerFile file name to number of data rows (header line not counted), in the order the files were
 *                    written (the order of docs/input-formats.md)
 * @param policyFile  the firm's policy.properties (its approval limits for drafts)
 * @param disputeRisk the dispute risk score trained on the dispute history's earlier periods and judged on its last
 *                    {@link FirmGenerator#HELD_OUT_MONTHS} months; null when no dispute history was asked for
 */
public record GenerationSummary(Path outDir, Map<String, Long> rowsPerFile, Path policyFile, RiskEvaluation disputeRisk) {

    public GenerationSummary {
        Objects.requireNonNull(outDir, "outDir");
        rowsPerFile = Collections.unmodifiableMap(new LinkedHashMap<>(rowsPerFile));
    }

    /** Data rows over all files. */
    public long totalRows() {
        return rowsPerFile.values().stream().mapToLong(Long::longValue).sum();
    }
}
