package org.billrun.credit;

import java.util.Objects;

/**
 * Who acts on a credit: {@code user} ran the command (the OS user with the embedded database, the
 * database login with an external one); {@code as} is the person an administrator acts for with --as,
 * else null. The same rule as an approval's actor: the audit log names "user" or "user acting as as".
 */
public record CreditActor(String user, String as) {

    public CreditActor {
        Objects.requireNonNull(user, "user");
        if (as != null && as.isBlank()) {
            as = null;
        }
    }

    public static CreditActor of(String user) {
        return new CreditActor(user, null);
    }

    /** The person whose authority the action uses. */
    public String person() {
        return as != null ? as : user;
    }

    public String describe() {
        return as == null ? user : user + " acting as " + as;
    }
}
