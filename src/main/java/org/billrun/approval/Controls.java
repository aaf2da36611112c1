package org.billrun.approval;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;
import org.billrun.approval.ApprovalQueries.Person;
import org.billrun.billing.PersonRole;

/**
 * The controls on one approval (docs/approval.md, "Controls"), in plain Java: the service asks them
 * before it writes, and the database's trigger asks the same again (V14__approval.sql), so that neither a
 * bug here nor a direct SQL statement lets an approval through that breaks them.
 */
final class Controls {

    private Controls() {}

    /** What the service knows about the approval asked for. */
    record Request(Person person, String actingUser, String draftId, String entityId, String currency, BigDecimal gross,
            PersonRole role, String assignee, Set<String> preparers, Set<String> approvedAlready) {}

    /** Why {@code r} may not be given, or empty when it may. */
    static Optional<String> refusal(Request r) {
        Person p = r.person();
        if (r.preparers().contains(p.userId()) || r.preparers().contains(r.actingUser())) {
            return Optional.of(p.userId() + " prepared or adjusted " + r.draftId() + " and may not approve it");
        }
        if (r.approvedAlready().contains(p.userId()) || r.approvedAlready().contains(r.actingUser())) {
            return Optional.of(p.userId() + " already approved this version of " + r.draftId()
                    + "; another person must give the next approval");
        }
        if (!p.holds(r.role())) {
            return Optional.of(r.draftId() + " waits for a " + r.role().label() + "; " + p.userId() + " does not hold that role");
        }
        if (!p.actsFor(r.entityId())) {
            return Optional.of(p.userId() + " may not act for entity " + r.entityId() + " (" + r.draftId() + ")");
        }
        if (r.assignee() != null && !r.assignee().equals(p.userId())) {
            return Optional.of(r.draftId() + " waits for " + r.assignee() + ", its " + r.role().label());
        }
        BigDecimal limit = p.limits().get(r.currency());
        if (limit == null || limit.compareTo(r.gross()) < 0) {
            return Optional.of(r.draftId() + " gross " + r.gross().toPlainString() + " " + r.currency() + " is above the approval limit of "
                    + p.userId() + " (" + (limit == null ? "none" : limit.toPlainString()) + " " + r.currency() + ")");
        }
        return Optional.empty();
    }
}
