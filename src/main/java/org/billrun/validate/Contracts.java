package org.billrun.validate;

import java.util.Optional;
import org.billrun.billing.Contract;
import org.billrun.billing.MasterData;
import org.billrun.billing.Project;

/** Wording and checks about a record's contract that time entries and expenses share. */
final class Contracts {

    private Contracts() {}

    /** "runs from 2026-10-05 (open-ended)" or "runs from 2026-01-01 to 2026-10-15". */
    static String term(Contract contract) {
        return "runs from " + contract.startDate() + (contract.endDate() == null ? " (open-ended)" : " to " + contract.endDate());
    }

    /** Whether a known project's contract exists and belongs to the client the project claims. */
    static Optional<String> mismatch(Project project, MasterData master) {
        if (project == null) {
            return Optional.empty();
        }
        Contract contract = master.contract(project.contractId());
        if (contract == null) {
            return Optional.of("project " + project.projectId() + " names contract " + project.contractId() + ", which is not in contracts.csv");
        }
        if (contract.clientId().equals(project.clientId())) {
            return Optional.empty();
        }
        return Optional.of("project " + project.projectId() + " claims client " + project.clientId() + " but its contract "
                + contract.contractId() + " belongs to " + contract.clientId() + " (projects.csv line " + project.ref().line() + ")");
    }
}
