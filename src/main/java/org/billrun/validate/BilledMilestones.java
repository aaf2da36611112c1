package org.billrun.validate;

import java.time.YearMonth;
import java.util.Set;

/**
 * The milestones other periods already bill, by milestone id: a milestone, like a time entry, bills
 * once across all periods, so validation leaves these out of the period's records. Drafting keeps
 * the live drafts, and drafting reads validation, so validation asks through this interface; the
 * run wires it to drafting's query class.
 */
@FunctionalInterface
public interface BilledMilestones {

    /** Ids of the milestones on a live draft of a period other than {@code period}. */
    Set<String> billedOutside(YearMonth period);
}
