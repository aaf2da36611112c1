package org.billrun.billing;

import java.util.Locale;

/**
 * A role a person of the directory holds (docs/approval.md). The approval matrix names the roles whose
 * approvals an invoice needs; the database checks the same values wherever a role is stored.
 */
public enum PersonRole {
    CONSULTANT, PROJECT_MANAGER, FINANCE, FINANCE_CONTROLLER, AUDITOR, ADMIN;

    /** Reads a role as written in the directory or the policy file: project_manager, project-manager. */
    public static PersonRole parse(String value) {
        String code = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (PersonRole role : values()) {
            if (role.name().equals(code)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + value.strip() + "' (expected one of "
                + String.join(", ", java.util.Arrays.stream(values()).map(PersonRole::label).toList()) + ")");
    }

    /** The value stored in the database and written in files. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
