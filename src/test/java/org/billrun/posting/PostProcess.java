package org.billrun.posting;

import java.util.Map;
import org.billrun.BillrunApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A post process for the exactly-once trial, in test code only: `billrun post` against the trial's database
 * and the fault-injecting {@link FlakyErp}, called again until nothing is left to post, in batches of 20 so
 * that a kill finds batches open. Exit 0 when every posting is final. Args: JDBC URL, ERP file (or outbox folder),
 * fault seed, and optionally the adapter (flaky, or file for the benchmark) and the batch size.
 */
public final class PostProcess {

    /** Printed once the context is up and posting starts: the trial kills after it. */
    static final String READY = "post process ready";

    private PostProcess() {}

    public static void main(String[] args) throws Exception {
        String adapter = args.length > 3 ? args[3] : "flaky";
        int limit = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BillrunApplication.class).properties(Map.of(
                "spring.datasource.url", args[0], "spring.datasource.username", "postgres", "spring.datasource.password", "",
                "spring.flyway.enabled", "false", "billrun.erp.adapter", adapter, "billrun.test.erp-file", args[1],
                "billrun.erp.outbox-dir", args[1], "billrun.test.fault-seed", args[2], "billrun.cli.actor", "trial",
                "logging.level.org.billrun", "WARN")).run()) {
            PostService post = context.getBean(PostService.class);
            System.out.println(READY);
            System.out.flush();
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            long started = System.nanoTime();
            while (jdbc.sql("SELECT count(*) FROM posting WHERE state IN ('pending', 'sending', 'failed_retryable')").query(Long.class)
                    .single() > 0) {
                if (post.post(null, limit).batches().isEmpty()) {
                    Thread.sleep(200); // waiting for a backoff
                }
            }
            System.out.println("posting took " + java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
        }
        System.exit(0);
    }
}
