package org.billrun.policy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.billrun.billing.BillingModel;
import org.billrun.billing.OwnerRole;
import org.billrun.billing.PersonRole;
import org.billrun.billing.RouteCode;
import org.billrun.policy.PolicyFile.PolicyException;

/**
 * The approval stage's policy, from the policy file's {@code approval.*} keys (docs/approval.md,
 * "Approval matrix" and "Due times"): the matrix rules, the escalation order, the hours each role has
 * for a review task and whether those hours count only on business days. The routing keys
 * ({@code approval.auto-approve-limit.*}, {@code approval.write-down-threshold-pct},
 * {@code approval.route.*}) stay {@link DraftPolicy}'s; this class reads the route reviewers from it.
 *
 * @param holidays public holidays per legal entity ({@code holidays.ENTITY}): not business days
 */
public record ApprovalPolicy(ApprovalMatrix matrix, Map<PersonRole, Integer> slaHours, boolean businessDays, ZoneId zone,
        Map<String, Set<LocalDate>> holidays) {

    static final String RULE = "approval.rule.";
    static final String SLA_HOURS = "approval.sla-hours.";
    static final String BUSINESS_DAYS = "approval.sla.business-days";
    static final String ZONE = "approval.sla.zone";
    static final String ORDER = "approval.escalation-order";
    static final int DEFAULT_SLA_HOURS = 24;
    private static final List<PersonRole> DEFAULT_ORDER = List.of(PersonRole.PROJECT_MANAGER, PersonRole.FINANCE, PersonRole.FINANCE_CONTROLLER);
    private static final Set<String> CONDITIONS = Set.of("when.reason", "when.model", "when.entity", "when.routed");

    public ApprovalPolicy {
        slaHours = Map.copyOf(slaHours);
        holidays = Map.copyOf(holidays);
    }

    public static ApprovalPolicy defaults() {
        return from(PolicyFile.defaults());
    }

    /** Whether {@code key} is one of this class's keys (DraftPolicy leaves them to it). */
    static boolean owns(String key) {
        return key.startsWith(RULE) || key.startsWith(SLA_HOURS) || key.equals(BUSINESS_DAYS) || key.equals(ZONE) || key.equals(ORDER);
    }

    public static ApprovalPolicy from(PolicyFile file) {
        DraftPolicy routing = DraftPolicy.from(file);
        List<PersonRole> order = order(file);
        Map<RouteCode, PersonRole> reviewers = new EnumMap<>(RouteCode.class);
        for (RouteCode code : RouteCode.values()) {
            OwnerRole reviewer = routing.reviewer(code, OwnerRole.PROJECT_MANAGER);
            reviewers.put(code, reviewer == OwnerRole.FINANCE ? PersonRole.FINANCE : PersonRole.PROJECT_MANAGER);
        }
        Map<PersonRole, Integer> hours = new EnumMap<>(PersonRole.class);
        for (PersonRole role : order) {
            hours.put(role, DEFAULT_SLA_HOURS);
        }
        for (String key : file.keysStartingWith(SLA_HOURS)) {
            PersonRole role = role(file, key, key.substring(SLA_HOURS.length()));
            if (!order.contains(role)) {
                throw new PolicyException(file.source() + ": " + key + ": " + role.label() + " does not review invoices (not in " + ORDER + ")");
            }
            int value = file.integer(key, DEFAULT_SLA_HOURS);
            if (value <= 0) {
                throw new PolicyException(file.source() + ": " + key + " must be a positive number of hours, not " + value);
            }
            hours.put(role, value);
        }
        Map<String, Set<LocalDate>> holidays = new HashMap<>();
        for (String key : file.keysStartingWith("holidays.")) {
            holidays.put(key.substring("holidays.".length()), file.dates(key));
        }
        boolean businessDays = file.parse(BUSINESS_DAYS, "true", ApprovalPolicy::bool, "true or false");
        ZoneId zone = file.zone(ZONE, "UTC");
        return new ApprovalPolicy(new ApprovalMatrix(rules(file, order), order, reviewers), hours, businessDays, zone, holidays);
    }

    /** The hours a task of {@code role} has before it is overdue. */
    public int slaHours(PersonRole role) {
        return slaHours.getOrDefault(role, DEFAULT_SLA_HOURS);
    }

    private static List<PersonRole> order(PolicyFile file) {
        List<PersonRole> order = new ArrayList<>();
        String value = file.text(ORDER, null);
        if (value == null) {
            return DEFAULT_ORDER;
        }
        for (String part : value.split(",")) {
            PersonRole role = role(file, ORDER, part);
            if (role == PersonRole.CONSULTANT || role == PersonRole.AUDITOR || order.contains(role)) {
                throw new PolicyException(file.source() + ": " + ORDER + " = '" + value + "': " + role.label()
                        + (order.contains(role) ? " is listed twice" : " does not approve invoices"));
            }
            order.add(role);
        }
        if (!order.contains(PersonRole.PROJECT_MANAGER) || !order.contains(PersonRole.FINANCE)) {
            throw new PolicyException(file.source() + ": " + ORDER + " = '" + value
                    + "' must list project_manager and finance: routing sends drafts to them");
        }
        return List.copyOf(order);
    }

    private static List<ApprovalMatrix.Rule> rules(PolicyFile file, List<PersonRole> order) {
        Map<String, Map<String, String>> byName = new TreeMap<>();
        for (String key : file.keysStartingWith(RULE)) {
            String rest = key.substring(RULE.length());
            int dot = rest.indexOf('.');
            String name = dot < 0 ? rest : rest.substring(0, dot);
            if (dot < 0 || !name.matches("[a-z0-9][a-z0-9-]*")) {
                throw new PolicyException(file.source() + ": unknown key '" + key
                        + "' (approval.rule.NAME.steps or approval.rule.NAME.when.*, NAME in lower case, digits and dashes)");
            }
            byName.computeIfAbsent(name, n -> new TreeMap<>()).put(rest.substring(dot + 1), key);
        }
        List<ApprovalMatrix.Rule> rules = new ArrayList<>();
        byName.forEach((name, keys) -> rules.add(rule(file, name, keys, order)));
        return rules;
    }

    private static ApprovalMatrix.Rule rule(PolicyFile file, String name, Map<String, String> keys, List<PersonRole> order) {
        String stepsKey = RULE + name + ".steps";
        if (!keys.containsKey("steps")) {
            throw new PolicyException(file.source() + ": rule " + name + " has no " + stepsKey + " (the roles it asks for)");
        }
        List<PersonRole> steps = new ArrayList<>();
        for (String part : file.text(stepsKey, "").split(",")) {
            PersonRole role = role(file, stepsKey, part);
            if (!order.contains(role)) {
                throw new PolicyException(file.source() + ": " + stepsKey + ": " + role.label() + " does not approve invoices (not in " + ORDER + ")");
            }
            if (!steps.isEmpty() && order.indexOf(role) < order.indexOf(steps.get(steps.size() - 1))) {
                throw new PolicyException(file.source() + ": " + stepsKey + " lists " + role.label() + " after "
                        + steps.get(steps.size() - 1).label() + "; approvals are taken in the order of " + ORDER);
            }
            steps.add(role);
        }
        Map<String, BigDecimal> grossAbove = new HashMap<>();
        for (Map.Entry<String, String> entry : keys.entrySet()) {
            String sub = entry.getKey();
            String key = entry.getValue();
            if (sub.startsWith("when.gross-above.") && sub.substring("when.gross-above.".length()).matches("[A-Z]{3}")) {
                BigDecimal amount = file.decimal(key, null);
                if (amount.signum() < 0) {
                    throw new PolicyException(file.source() + ": " + key + " must not be negative, not " + amount.toPlainString());
                }
                grossAbove.put(sub.substring("when.gross-above.".length()), amount);
            } else if (!sub.equals("steps") && !CONDITIONS.contains(sub)) {
                throw new PolicyException(file.source() + ": unknown key '" + key + "' (a rule has steps and the conditions "
                        + "when.gross-above.CCY, when.reason, when.model, when.entity, when.routed; see docs/approval.md)");
            }
        }
        Set<RouteCode> reasons = list(file, RULE + name + ".when.reason", RouteCode::valueOf, "routing reasons such as TAX_RULE, AMOUNT_ABOVE_LIMIT");
        Set<BillingModel> models = list(file, RULE + name + ".when.model", BillingModel::parse,
                "billing models such as time_and_materials, fixed_fee, retainer, not_to_exceed");
        Set<String> entities = list(file, RULE + name + ".when.entity", s -> s, "legal entity ids");
        Boolean routed = keys.containsKey("when.routed") ? file.parse(RULE + name + ".when.routed", null, ApprovalPolicy::bool, "true or false") : null;
        return new ApprovalMatrix.Rule(name, steps, grossAbove, reasons, models, entities, routed);
    }

    private static <T> Set<T> list(PolicyFile file, String key, java.util.function.Function<String, T> parser, String expected) {
        Set<T> values = new HashSet<>();
        for (String part : file.text(key, "").split(",")) {
            if (!part.isBlank()) {
                try {
                    values.add(parser.apply(part.strip()));
                } catch (RuntimeException e) {
                    throw new PolicyException(file.source() + ": " + key + ": '" + part.strip() + "' is not one of the " + expected);
                }
            }
        }
        return values;
    }

    private static PersonRole role(PolicyFile file, String key, String value) {
        try {
            return PersonRole.parse(value);
        } catch (IllegalArgumentException e) {
            throw new PolicyException(file.source() + ": " + key + ": " + e.getMessage());
        }
    }

    private static boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(value);
        };
    }
}
