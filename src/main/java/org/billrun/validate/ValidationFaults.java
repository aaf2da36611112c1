package org.billrun.validate;

import java.util.concurrent.atomic.AtomicReference;
import org.billrun.billing.RecordRef;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Fault injection for restart tests: makes validation fail when it reaches a given record, as a crash
 * there would. Inert unless armed by a test or by {@code billrun.fault.validate-fail-at=<file>:<line>}.
 */
@Component
public class ValidationFaults {

    private record Fault(String file, int line) {}

    private final AtomicReference<Fault> armed = new AtomicReference<>();

    public ValidationFaults(@Value("${billrun.fault.validate-fail-at:}") String failAt) {
        if (!failAt.isBlank()) {
            int colon = failAt.lastIndexOf(':');
            failAt(failAt.substring(0, colon), Integer.parseInt(failAt.substring(colon + 1)));
        }
    }

    public void failAt(String file, int line) {
        armed.set(new Fault(file, line));
    }

    public void clear() {
        armed.set(null);
    }

    void check(RecordRef record) {
        Fault fault = armed.get();
        if (fault != null && fault.file().equals(record.file()) && record.line() >= fault.line()) {
            throw new IllegalStateException("injected fault: validation stopped at " + record.where());
        }
    }
}
