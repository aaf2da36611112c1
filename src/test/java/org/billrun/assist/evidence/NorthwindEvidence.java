package org.billrun.assist.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

/** The sample firm's fixed-fee contracts, their milestones (milestones.csv) and evidence folder. */
final class NorthwindEvidence {

    static final Path FOLDER = Path.of("sample-data/northwind/evidence");

    static final ContractContext CASCADE = new ContractContext("K-CASCADE-1", "cascadebio.example",
            List.of("Cascade Biotech", "CB-44120"));
    static final ContractContext VANDAM = new ContractContext("K-VANDAM-1", "vandam.example", List.of("Van Dam Logistiek", "VD/2026/118"));

    static final List<MilestoneRef> CASCADE_MILESTONES = List.of(
            milestone("M-CASCADE-06", "K-CASCADE-1", "Traceability matrix and risk assessment", "50000.00", "USD"),
            milestone("M-CASCADE-07", "K-CASCADE-1", "Validation protocols (IQ/OQ/PQ) approved", "50000.00", "USD"),
            milestone("M-CASCADE-08", "K-CASCADE-1", "Submission readiness review", "20000.00", "USD"),
            milestone("M-CASCADE-09", "K-CASCADE-1", "Validation summary report", "45000.00", "USD"));
    static final List<MilestoneRef> VANDAM_MILESTONES = List.of(
            milestone("M-VANDAM-06", "K-VANDAM-1", "High-level solution design", "45000.00", "EUR"),
            milestone("M-VANDAM-07", "K-VANDAM-1", "Detailed solution design, inbound and outbound flows", "45000.00", "EUR"),
            milestone("M-VANDAM-08", "K-VANDAM-1", "Implementation plan and cutover strategy", "50000.00", "EUR"),
            milestone("M-VANDAM-09", "K-VANDAM-1", "Go-live support, site 1 (Rotterdam)", "40000.00", "EUR"));

    private NorthwindEvidence() {}

    static MilestoneRef milestone(String id, String contract, String description, String amount, String currency) {
        return new MilestoneRef(id, contract, description, new BigDecimal(amount), currency);
    }

    static List<EvidenceDocument> documents() {
        try {
            return EvidenceDocuments.readFolder(FOLDER).documents();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
