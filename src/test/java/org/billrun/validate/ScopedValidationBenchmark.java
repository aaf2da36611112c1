package org.billrun.validate;

import static org.billrun.validate.Fixtures.time;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.billrun.billing.LegalEntity;
import org.billrun.billing.MasterData;
import org.billrun.billing.TimeEntry;
import org.billrun.policy.PolicyFile;
import org.billrun.policy.PolicyScopes;
import org.billrun.policy.RecordPolicies;
import org.billrun.policy.ScopedPolicy;
import org.billrun.policy.ValidationPolicy;

/**
 * The hot path of scoped policies in isolation: validates the same 160,000 time entries (the generated
 * 2,500-consultant firm's count) under the sample firm's master data with a policy without scoped keys
 * and with scoped keys in every dimension, and prints the thread's CPU time per record (less disturbed
 * by a loaded machine than wall time). No database, no Spring:
 *
 * <pre>./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp target/classes:target/test-classes:$(cat /tmp/cp.txt) org.billrun.validate.ScopedValidationBenchmark [ROUNDS]</pre>
 *
 * Prints figures only; not a test (surefire runs *Tests classes).
 */
public final class ScopedValidationBenchmark {

    private static final String SCOPED = """
            rule.TIME_UNAPPROVED.severity[client=C-KESTREL]=warn
            rule.TIME_AFTER_CUTOFF.enabled[model=retainer]=false
            time.max-hours-per-day[country=DE]=10
            time.max-hours-per-day[project=P-ACME-ERP]=14
            time.max-hours-per-day[contract=K-HUDSON-1]=11
            owner.finance[country=GB]=finance-uk@example
            """;

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        MasterData master = Fixtures.master();
        Map<String, LegalEntity> entities = Map.of(
                "DE01", new LegalEntity("DE01", "GmbH", "DE", "EUR", null, "", "NWDE"),
                "GB01", new LegalEntity("GB01", "Ltd", "GB", "GBP", null, "", "NWGB"),
                "US01", new LegalEntity("US01", "Inc.", "US", "USD", null, "", "NWUS"));
        String[][] projects = {{"P-ACME-ERP", "TK-ACME-ERP-1"}, {"P-KESTREL-POS", "TK-KESTREL-POS-3"}, {"P-HUDSON-DD", "TK-HUDSON-DD-2"}};
        List<TimeEntry> entries = new ArrayList<>();
        for (int i = 0; i < 160_000; i++) {
            String[] p = projects[i % projects.length];
            entries.add(time().id("T-" + i, i + 2).on(p[0], p[1]).date(Fixtures.oct(1 + i % 31)).build());
        }
        TimeEntry[] all = entries.toArray(TimeEntry[]::new);
        TimeEntryContext plain = Fixtures.timeContext(master, Fixtures.policy(), all);
        TimeEntryValidator unscoped = validator(plain, master, entities, "");
        TimeEntryValidator scoped = validator(plain, master, entities, SCOPED);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
            double x = nanosPerRecord(threads, unscoped, entries);
            double y = nanosPerRecord(threads, scoped, entries);
            if (round > 0) { // the first round warms the JIT up
                a.add(x);
                b.add(y);
            }
        }
        System.out.printf("validate one time entry, CPU ns per record, median of %d rounds of %,d: without scoped keys %.0f, with %d scoped keys %.0f%n",
                rounds, entries.size(), median(a), SCOPED.lines().count(), median(b));
    }

    private static TimeEntryValidator validator(TimeEntryContext plain, MasterData master, Map<String, LegalEntity> entities, String scopedKeys) {
        PolicyFile file = PolicyFile.of("policy.properties", scopedKeys);
        RecordPolicies<ValidationPolicy> policies = new RecordPolicies<>(ScopedPolicy.of(file, ValidationPolicy::from),
                new PolicyScopes(master, entities));
        return new TimeEntryValidator(new TimeEntryContext(plain.period(), plain.cutoff(), policies.global(), master, plain.dailyHours(), policies));
    }

    private static double nanosPerRecord(ThreadMXBean threads, TimeEntryValidator validator, List<TimeEntry> entries) {
        long start = threads.getCurrentThreadCpuTime();
        long findings = 0;
        for (TimeEntry e : entries) {
            findings += validator.validate(e).findings().size();
        }
        long spent = threads.getCurrentThreadCpuTime() - start;
        if (findings < 0) {
            throw new IllegalStateException();
        }
        return (double) spent / entries.size();
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private ScopedValidationBenchmark() {}
}
