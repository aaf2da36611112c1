package org.billrun.policy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.billrun.billing.BillingModel;
import org.billrun.billing.Money;
import org.billrun.billing.PersonRole;
import org.billrun.billing.RouteCode;

/**
 * Which approvals an invoice version needs (docs/approval.md, "Approval matrix"). Each routing reason
 * asks for one approval by its reviewer's role (rule {@code route.CODE}); each matrix rule whose
 * conditions all hold asks for the roles it lists. A role asked for several times by one rule needs that
 * many different people; across rules the largest count wins. Steps come in the escalation order
 * (project manager before finance before finance controller by default). No step at all means the
 * version is approved by the policy: straight through.
 *
 * @param rules the policy's {@code approval.rule.NAME} rules, by name
 * @param order the escalation order: steps are taken in it and an overdue task moves to the next role
 * @param routeReviewers the role that reviews each routing reason
 */
public record ApprovalMatrix(List<Rule> rules, List<PersonRole> order, Map<RouteCode, PersonRole> routeReviewers) {

    /** The rule recorded for a version the policy approves without anyone: no routing reason, no matrix rule. */
    public static final String STRAIGHT_THROUGH = "straight-through";

    public ApprovalMatrix {
        rules = List.copyOf(rules);
        order = List.copyOf(order);
        routeReviewers = Map.copyOf(routeReviewers);
    }

    /**
     * One rule of the matrix: when every condition given holds (a list holds when any of its values
     * matches; an absent condition always holds), the invoice needs approvals of {@code steps}.
     *
     * @param grossAbove per currency: the gross must be above this; a currency not listed does not match
     *                   (empty: any gross)
     * @param routed true: only versions routed for review; false: only straight-through ones; null: both
     */
    public record Rule(String name, List<PersonRole> steps, Map<String, BigDecimal> grossAbove, Set<RouteCode> reasons,
            Set<BillingModel> models, Set<String> entities, Boolean routed) {

        public Rule {
            steps = List.copyOf(steps);
            grossAbove = Map.copyOf(grossAbove);
            reasons = Set.copyOf(reasons);
            models = Set.copyOf(models);
            entities = Set.copyOf(entities);
        }

        public boolean applies(ApprovalFacts facts) {
            if (!grossAbove.isEmpty()) {
                BigDecimal limit = grossAbove.get(facts.gross().currency());
                if (limit == null || facts.gross().compareTo(Money.of(limit, facts.gross().currency())) <= 0) {
                    return false;
                }
            }
            return (reasons.isEmpty() || facts.reasons().stream().anyMatch(reasons::contains))
                    && (models.isEmpty() || models.contains(facts.model()))
                    && (entities.isEmpty() || entities.contains(facts.entity()))
                    && (routed == null || routed != facts.straightThrough());
        }
    }

    /** The approvals {@code facts} needs, in the order they are taken; empty when the policy approves it. */
    public List<ApprovalStep> steps(ApprovalFacts facts) {
        Map<PersonRole, List<String>> slots = new EnumMap<>(PersonRole.class);
        for (RouteCode code : RouteCode.values()) {
            if (facts.reasons().contains(code)) {
                require(slots, routeReviewers.get(code), 1, "route." + code.name());
            }
        }
        for (Rule rule : rules) {
            if (rule.applies(facts)) {
                Map<PersonRole, Integer> counts = new LinkedHashMap<>();
                rule.steps().forEach(role -> counts.merge(role, 1, Integer::sum));
                counts.forEach((role, count) -> require(slots, role, count, rule.name()));
            }
        }
        List<ApprovalStep> steps = new ArrayList<>();
        for (PersonRole role : order) {
            slots.getOrDefault(role, List.of()).forEach(rule -> steps.add(new ApprovalStep(role, rule)));
        }
        return List.copyOf(steps);
    }

    /** The role an overdue task of {@code role} escalates to: the next one in the escalation order, if any. */
    public Optional<PersonRole> nextRole(PersonRole role) {
        int at = order.indexOf(role);
        return at < 0 || at + 1 >= order.size() ? Optional.empty() : Optional.of(order.get(at + 1));
    }

    private static void require(Map<PersonRole, List<String>> slots, PersonRole role, int count, String rule) {
        List<String> names = slots.computeIfAbsent(role, r -> new ArrayList<>());
        while (names.size() < count) {
            names.add(rule);
        }
    }
}
