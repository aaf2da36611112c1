package org.billrun.validate;

import java.util.Optional;
import java.util.function.BiFunction;
import org.billrun.billing.RuleCode;

/**
 * One rule of the catalog applied to one record: empty when the record passes, else the message a
 * person can act on. Rules are plain functions of the record and the reference data in the context.
 */
public interface RecordRule<T, C> {

    RuleCode code();

    Optional<String> check(T record, C context);

    static <T, C> RecordRule<T, C> of(RuleCode code, BiFunction<T, C, Optional<String>> check) {
        return new RecordRule<>() {
            @Override
            public RuleCode code() {
                return code;
            }

            @Override
            public Optional<String> check(T record, C context) {
                return check.apply(record, context);
            }

            @Override
            public String toString() {
                return code.name();
            }
        };
    }
}
