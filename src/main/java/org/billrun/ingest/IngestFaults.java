package org.billrun.ingest;

import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Fault injection for restart tests: makes the ingest of one file fail when it reaches a given line,
 * as a crash there would. Inert unless armed by a test or by the property
 * {@code billrun.fault.ingest-fail-at=<file name>:<line>} (used by the end-to-end restart test).
 */
@Component
public class IngestFaults {

    private record Fault(String fileName, long line) {}

    private final AtomicReference<Fault> armed = new AtomicReference<>();

    public IngestFaults(@Value("${billrun.fault.ingest-fail-at:}") String failAt) {
        if (!failAt.isBlank()) {
            int colon = failAt.lastIndexOf(':');
            failAt(failAt.substring(0, colon), Long.parseLong(failAt.substring(colon + 1)));
        }
    }

    public void failAt(String fileName, long line) {
        armed.set(new Fault(fileName, line));
    }

    public void clear() {
        armed.set(null);
    }

    void check(SourceKind kind, long lineNo) {
        Fault fault = armed.get();
        if (fault != null && fault.fileName().equals(kind.fileName()) && lineNo >= fault.line()) {
            throw new IllegalStateException("injected fault: ingest of " + kind.fileName() + " stopped at line " + lineNo);
        }
    }
}
