package org.billrun.policy;

import org.billrun.billing.PersonRole;

/**
 * One approval an invoice version needs: a person of {@code role}, asked for by the matrix rule named
 * {@code rule} (an {@code approval.rule.NAME} of the policy file, or {@code route.CODE} for a routing
 * reason), which is recorded with the task so that an auditor sees why the approval was required.
 */
public record ApprovalStep(PersonRole role, String rule) {}
