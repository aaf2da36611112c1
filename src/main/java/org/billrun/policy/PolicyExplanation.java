package org.billrun.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.billrun.billing.RuleCode;
import org.billrun.policy.PolicyFile.Candidate;
import org.billrun.policy.PolicyFile.Explained;

/**
 * Which settings applied to one record and why (billrun policy explain): for every key the policy
 * file sets, and for the keys that decided the record's own checks, the value in force for the record,
 * the scope that matched, the less specific values it overrode, and the scopes it is set for that the
 * record is not in. Approval keys are explained for the record's draft, which is routed under its
 * contract's scope; keys that cannot be scoped apply to the whole run.
 */
public record PolicyExplanation(PolicyScope scope, PolicyScope draftScope, List<Setting> settings) {

    /**
     * One key as it applied: {@code from} is the matched scope ("client=C-ACME"), "global" or "default";
     * {@code appliesTo} says whose it is: the record, its draft, or the whole run.
     */
    public record Setting(String key, String value, String from, List<Candidate> overrode, List<String> setElsewhere, String appliesTo) {}

    /**
     * @param rulesChecked the rules whose severity or switch decided something about the record (the ones it
     *        raised), shown with their severity even when the file does not set them
     * @param timeEntry whether the record is a time entry, whose daily maximum is shown even when at its default
     */
    public static PolicyExplanation of(PolicyFile file, PolicyScope scope, Collection<RuleCode> rulesChecked, boolean timeEntry) {
        PolicyScope draftScope = scope.withoutProject();
        Map<String, Explained> forRecord = index(file.explain(scope));
        Map<String, Explained> forDraft = index(file.explain(draftScope));
        for (RuleCode rule : rulesChecked) {
            forRecord.putIfAbsent(severityKey(rule), new Explained(severityKey(rule), null, "default", List.of(), List.of()));
        }
        if (timeEntry) {
            forRecord.putIfAbsent("time.max-hours-per-day", new Explained("time.max-hours-per-day", null, "default", List.of(), List.of()));
        }
        ValidationPolicy effective = ValidationPolicy.from(file.at(scope));
        List<Setting> settings = new ArrayList<>();
        for (Explained row : forRecord.values()) {
            String key = row.key();
            boolean draft = key.startsWith("approval.");
            Explained e = draft ? forDraft.get(key) : row;
            String appliesTo = draft ? "draft" : ScopedPolicy.scopable(key) ? "record" : "run";
            String value = e.value() != null ? e.value() : defaultValue(key, effective);
            settings.add(new Setting(key, value, e.matched(), e.overridden(), e.notMatching(), appliesTo));
        }
        return new PolicyExplanation(scope, draftScope, List.copyOf(settings));
    }

    private static Map<String, Explained> index(List<Explained> rows) {
        Map<String, Explained> byKey = new TreeMap<>();
        rows.forEach(r -> byKey.put(r.key(), r));
        return byKey;
    }

    private static String severityKey(RuleCode rule) {
        return "rule." + rule.name() + ".severity";
    }

    /** The documented default of a key this explanation shows at its default, where one can be named. */
    private static String defaultValue(String key, ValidationPolicy effective) {
        if (key.equals("time.max-hours-per-day")) {
            return effective.maxHoursPerDay().toPlainString();
        }
        if (key.startsWith("expense.receipt-required-above.")) {
            return "the category's (expense_policies.csv)";
        }
        String[] parts = key.split("\\.");
        if (parts.length == 3 && parts[0].equals("rule")) {
            RuleCode rule = RuleCode.valueOf(parts[1]);
            return parts[2].equals("severity") ? effective.severity(rule).label() : Boolean.toString(effective.enabled(rule));
        }
        return null;
    }
}
