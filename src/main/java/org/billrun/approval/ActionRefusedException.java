package org.billrun.approval;

import org.billrun.infra.RefusedException;

/**
 * An approval action the controls refuse (docs/approval.md, "Controls"): self-approval, over the limit,
 * outside the person's entities, without the task's role, a version that is not the latest or no longer
 * in review. The CLI exits with 9. The database refuses the same actions (V14__approval.sql); its message
 * comes through unchanged when the service's own checks were passed.
 */
public class ActionRefusedException extends RefusedException {
    public ActionRefusedException(String message) {
        super(message);
    }
}
