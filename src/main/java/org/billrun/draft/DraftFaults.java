package org.billrun.draft;

import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Fault injection for restart tests: makes the draft step fail after it wrote every draft but before
 * its transaction commits, as a crash there would. Inert unless armed by a test or by
 * {@code billrun.fault.draft-fail-after-write=true}.
 */
@Component
public class DraftFaults {

    private final AtomicBoolean armed = new AtomicBoolean();

    public DraftFaults(@Value("${billrun.fault.draft-fail-after-write:false}") boolean failAfterWrite) {
        armed.set(failAfterWrite);
    }

    public void failAfterWrite() {
        armed.set(true);
    }

    public void clear() {
        armed.set(false);
    }

    void check(int written) {
        if (armed.get()) {
            throw new IllegalStateException("injected fault: drafting stopped after writing " + written + " drafts, before commit");
        }
    }
}
