package org.billrun.validate;

import org.billrun.billing.Consultant;
import org.billrun.billing.MasterData;
import org.billrun.billing.OwnerRole;
import org.billrun.billing.Project;
import org.billrun.policy.ValidationPolicy;

/**
 * Names the person who owns an exception: the consultant who recorded the work; the project's
 * manager (or, for work on an unknown project, the consultant's own manager); for finance, the
 * person or team the policy names (owner.finance), else nobody in particular.
 */
final class Owners {

    private Owners() {}

    static String of(OwnerRole role, String consultantId, String projectId, MasterData master, ValidationPolicy policy) {
        return switch (role) {
            case CONSULTANT -> consultantId;
            case PROJECT_MANAGER -> {
                Project project = master.project(projectId);
                if (project != null && project.projectManagerId() != null && !project.projectManagerId().isEmpty()) {
                    yield project.projectManagerId();
                }
                Consultant consultant = master.consultant(consultantId);
                yield consultant == null || consultant.managerId() == null || consultant.managerId().isEmpty() ? null : consultant.managerId();
            }
            case FINANCE -> policy.financeOwner();
        };
    }
}
