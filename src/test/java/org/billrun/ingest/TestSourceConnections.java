package org.billrun.ingest;

import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * The source connections of every Spring test context: they log in to a {@link SourceDatabase} as the
 * test server's user, which a firm's scheduler would set in BILLRUN_SOURCE_USER (the test JVM's
 * environment cannot be set). Test code only: component scanning picks it up, as it does
 * support/InjectedFaults, so the database source tests share the one integration test context.
 */
@Primary
@Component
class TestSourceConnections extends SourceConnections {

    TestSourceConnections() {
        super(SourceDatabase.ENVIRONMENT);
    }
}
