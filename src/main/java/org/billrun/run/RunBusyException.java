package org.billrun.run;

/** Another billrun process holds the lock for this period and scope. */
public class RunBusyException extends RuntimeException {
    public RunBusyException(String message) {
        super(message);
    }
}
