package org.billrun.approval;

import java.util.Objects;

/**
 * Who acts: {@code user} ran the command (the OS user with the embedded database, the database login
 * with an external one); {@code as} is the person an administrator acts for with --as, else null.
 */
public record Acting(String user, String as) {

    public Acting {
        Objects.requireNonNull(user, "user");
        if (as != null && as.isBlank()) {
            as = null;
        }
    }

    public static Acting as(String user) {
        return new Acting(user, null);
    }

    /** The person whose authority the action uses. */
    public String person() {
        return as != null ? as : user;
    }

    /** How the audit log names who acted: "X" or "X acting as Y". */
    public String describe() {
        return as == null ? user : user + " acting as " + as;
    }
}
