package org.billrun.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SIGTERM inside a graceful command asks the running job to stop, once, whenever the job registers. */
class TerminationTests {

    @AfterEach
    void forgetTheSignal() {
        Termination.reset();
    }

    @Test
    void aSignalDuringAGracefulCommandRunsTheJobsStopActionAndIsRemembered() {
        AtomicInteger stops = new AtomicInteger();
        try (Termination.Scope graceful = Termination.graceful(); Termination.Scope job = Termination.onRequest(stops::incrementAndGet)) {
            Termination.signalled();

            assertThat(stops).hasValue(1);
            assertThat(Termination.requested()).isTrue();
        }
    }

    @Test
    void aJobThatStartsAfterTheSignalIsStoppedAsItRegisters() {
        AtomicInteger stops = new AtomicInteger();
        try (Termination.Scope graceful = Termination.graceful()) {
            Termination.signalled();
            try (Termination.Scope job = Termination.onRequest(stops::incrementAndGet)) {
                assertThat(stops).hasValue(1);
            }
        }
    }

    @Test
    void aJobThatEndedIsNotStoppedByALaterSignal() {
        AtomicInteger stops = new AtomicInteger();
        try (Termination.Scope graceful = Termination.graceful()) {
            Termination.onRequest(stops::incrementAndGet).close();
            Termination.signalled();

            assertThat(stops).hasValue(0);
            assertThat(Termination.requested()).isTrue();
        }
    }
}
