package org.billrun.validate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.billrun.billing.RecordRef;
import org.billrun.billing.RuleCode;
import org.billrun.policy.ValidationPolicy;

/**
 * Applies a list of rules to a record under the firm's policy as it applies to that record (its
 * scope): switched-off rules are skipped, billing rules skip non-billable records, and each failure
 * becomes a {@link Finding} with the policy's severity and its owner.
 */
final class RuleRunner<T, C> {

    /** Who owns a failure of this rule for this record: the named person, or null when nobody is known. */
    interface Owners<T> {
        String ownerOf(RuleCode rule, T record);
    }

    private final List<RecordRule<T, C>> rules;
    private final ValidationPolicy policy;

    /** The rules the default policy switches on: what most records run, checked once rather than per record. */
    private final List<RecordRule<T, C>> enabledByDefault;

    RuleRunner(List<RecordRule<T, C>> rules, ValidationPolicy policy) {
        this.rules = List.copyOf(rules);
        this.policy = policy;
        this.enabledByDefault = rules.stream().filter(r -> policy.enabled(r.code())).toList();
    }

    List<Finding> run(T record, RecordRef ref, boolean billable, C context, Owners<T> owners, BigDecimal amount, String currency) {
        return run(record, ref, billable, context, owners, amount, currency, policy);
    }

    /** The rules under {@code policy}: the policy of the record's scope. */
    List<Finding> run(T record, RecordRef ref, boolean billable, C context, Owners<T> owners, BigDecimal amount, String currency,
            ValidationPolicy policy) {
        List<Finding> findings = new ArrayList<>(0);
        boolean byDefault = policy == this.policy;
        for (RecordRule<T, C> rule : byDefault ? enabledByDefault : rules) {
            if (rule.code().billableOnly() && !billable || !byDefault && !policy.enabled(rule.code())) {
                continue;
            }
            rule.check(record, context).ifPresent(message -> findings.add(new Finding(ref, rule.code(), policy.severity(rule.code()),
                    rule.code().ownerRole(), owners.ownerOf(rule.code(), record), message, amount, currency)));
        }
        return findings;
    }
}
