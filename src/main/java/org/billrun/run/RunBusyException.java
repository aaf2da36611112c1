package org.billrun.run;

/** Another billrun process holds the lock for this period (one run of a period at a time, whatever the scope). */
public class RunBusyException extends RuntimeException {
    public RunBusyException(String message) {
        super(message);
    }
}
