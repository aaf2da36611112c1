package org.billrun.report;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.billrun.draft.DraftInvoiceQueries;
import org.billrun.infra.EmbeddedPostgresServer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Times the exception reports and the invoice PDFs of one run in a database that holds it, in a fresh
 * JVM as the report stage would run them (no Spring context: the writers only need a JdbcClient).
 * For the generated 2,500-consultant firm, after {@code billrun --data-dir DIR run ... --until draft}:
 *
 * <pre>./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java $(cat scripts/jvm.options) -cp target/classes:target/test-classes:$(cat /tmp/cp.txt) \
 *     org.billrun.report.ReportBenchmark DIR RUN OUT [ROUNDS]</pre>
 *
 * The database must not be in use by another billrun process. {@code -Dbench.parts=true} also times
 * reading the drafts alone. Prints figures only; not a test (surefire runs *Tests classes).
 */
public final class ReportBenchmark {

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        long run = Long.parseLong(args[1]);
        Path out = Files.createDirectories(Path.of(args[2]));
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(server.jdbcUrl(), server.user(), server.password()));
            int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 1;
            for (int round = 1; round <= rounds; round++) {
                time("exception reports (CSV)", () -> new ExceptionReportWriter(jdbc).write(run, out, Set.of(ReportFormat.CSV)));
                time("exception reports (PDF)", () -> new ExceptionReportWriter(jdbc).write(run, out, Set.of(ReportFormat.PDF)));
                time("invoice PDFs", () -> new InvoicePdfWriter(new DraftInvoiceQueries(jdbc)).write(run, out, Set.of(ReportFormat.PDF)));
            }
            if (Boolean.getBoolean("bench.parts")) {
                time("  of which reading the drafts", () -> {
                    System.out.println("  drafts: " + new DraftInvoiceQueries(jdbc).ofRun(run).size());
                    return List.of();
                });
            }
        }
    }

    interface Part {
        List<Path> write() throws Exception;
    }

    /** Wall time, and the JVM's CPU time: on a shared machine the wall time says more about the neighbours. */
    private static void time(String what, Part part) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        List<Path> files = part.write();
        long wall = System.nanoTime() - start;
        cpu = os.getProcessCpuTime() - cpu;
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        System.out.printf("%-30s %5d files %6.1f MB %6.2f s wall %6.2f s cpu%n", what, files.size(), bytes / 1e6, wall / 1e9, cpu / 1e9);
    }
}
