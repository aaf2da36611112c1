package org.billrun.posting;

import java.util.Map;
import org.billrun.BillrunApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A post process for the exactly-once trial, in test code only: `billrun post` against the trial's database
 * and the fault-injecting {@link FlakyErp}, called again until nothing is left to post, in batches of 20 so
 * that a kill finds batches open. Exit 0 when every posting is final. Args: JDBC URL, ERP file, fault seed.
 */
public final class PostProcess {

    /** Printed once the context is up and posting starts: the trial kills after it. */
    static final String READY = "post process ready";

    private PostProcess() {}

    public static void main(String[] args) throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BillrunApplication.class).properties(Map.of(
                "spring.datasource.url", args[0], "spring.datasource.username", "postgres", "spring.datasource.password", "",
                "spring.flyway.enabled", "false", "billrun.erp.adapter", "flaky", "billrun.test.erp-file", args[1],
                "billrun.test.fault-seed", args[2], "billrun.cli.actor", "trial", "logging.level.org.billrun", "WARN")).run()) {
            PostService post = context.getBean(PostService.class);
            System.out.println(READY);
            System.out.flush();
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            while (jdbc.sql("SELECT count(*) FROM posting WHERE state IN ('pending', 'sending', 'failed_retryable')").query(Long.class)
                    .single() > 0) {
                if (post.post(null, 20).batches().isEmpty()) {
                    Thread.sleep(200); // waiting for a backoff
                }
            }
        }
        System.exit(0);
    }
}
