package org.billrun.assist.evidence;

import java.math.BigDecimal;
import org.billrun.billing.Milestone;

/** The milestone evidence is looked for: id, contract, description and fee (the fee stays BigDecimal: it is money). */
public record MilestoneRef(String milestoneId, String contractId, String description, BigDecimal amount, String currency) {

    public static MilestoneRef of(Milestone milestone) {
        return new MilestoneRef(milestone.milestoneId(), milestone.contractId(), milestone.description(), milestone.amount(),
                milestone.currency());
    }
}
