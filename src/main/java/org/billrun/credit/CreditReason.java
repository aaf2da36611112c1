package org.billrun.credit;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Why a credit memo is issued (credit_memo.reason_code; the database checks the same values). The first
 * eight are the dispute reasons of issue 19, so that a dispute resolved by a credit keeps its class;
 * docs/credits.md explains each.
 */
public enum CreditReason {
    /** A wrong rate billed. */
    RATE,
    /** Wrong hours billed. */
    HOURS,
    /** Work outside the agreed scope. */
    SCOPE,
    /** The same work or expense billed twice. */
    DUPLICATE,
    /** An expense outside the client's expense policy. */
    EXPENSE_POLICY,
    /** Work or an expense without the evidence the client asks for. */
    MISSING_EVIDENCE,
    /** A wrong tax rule, rate or treatment. */
    TAX,
    /** A concession to the client, nothing billed wrong. */
    GOODWILL,
    /** The invoice should not have been issued at all. */
    CANCELLED,
    /** Anything else: the comment says what. */
    OTHER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason of a code as typed ({@code expense_policy}, {@code expense-policy}); an unknown code names the known ones. */
    public static CreditReason of(String code) {
        String normal = code == null ? "" : code.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(r -> r.name().equals(normal)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown credit reason '" + code + "' (one of " + codes() + ")"));
    }

    public static String codes() {
        return Arrays.stream(values()).map(CreditReason::label).collect(Collectors.joining(", "));
    }
}
