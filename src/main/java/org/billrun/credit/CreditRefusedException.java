package org.billrun.credit;

import org.billrun.infra.RefusedException;

/**
 * A credit action the controls refuse (docs/credits.md, "Approval"): a person without a finance role or
 * outside the invoice's entity, approving a credit they asked for or approved already, above their limit,
 * or a credit no longer in review. The CLI exits with 9, as for a refused approval. The database refuses
 * the same (V25__credit_memos.sql).
 */
public class CreditRefusedException extends RefusedException {
    public CreditRefusedException(String message) {
        super(message);
    }
}
