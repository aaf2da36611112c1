package org.billrun.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigurationHashTests {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    @Test
    void theCanonicalTextListsParametersPolicyAndSourcesInTheDocumentedOrder() {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("time_entries.csv", A);
        sources.put("billing_history.csv", null);
        sources.put("clients.csv", B);

        assertThat(ConfigurationHash.canonical("2026-10", "all", "2026-10-31", "owner.finance=f\n", sources)).isEqualTo("""
                billrun-configuration/1
                period=2026-10
                scope=all
                as-of=2026-10-31
                policy.sha256=%s
                source.billing_history.csv=absent
                source.clients.csv=%s
                source.time_entries.csv=%s
                """.formatted(ConfigurationHash.sha256("owner.finance=f\n"), B, A));
    }

    @Test
    void theHashChangesWithAnySourceOrThePolicyButNotWithTheOrderFilesWereListedIn() {
        Map<String, String> oneOrder = new LinkedHashMap<>(Map.of("a.csv", A));
        oneOrder.put("b.csv", B);
        Map<String, String> otherOrder = new LinkedHashMap<>(Map.of("b.csv", B));
        otherOrder.put("a.csv", A);
        String hash = hash("policy", oneOrder);

        assertThat(hash("policy", otherOrder)).isEqualTo(hash);
        assertThat(hash("policy ", oneOrder)).isNotEqualTo(hash);
        assertThat(hash("policy", Map.of("a.csv", A, "b.csv", A))).isNotEqualTo(hash);
        assertThat(hash).matches("[0-9a-f]{64}");
    }

    @Test
    void twoPoliciesThatDifferOnlyInAScopedKeyHaveDifferentHashes() {
        String base = "owner.finance=f\ntime.max-hours-per-day=12\n";
        String deScoped = base + "time.max-hours-per-day[country=DE]=10\n";
        String gbScoped = base + "time.max-hours-per-day[country=GB]=10\n";
        String acmeWarn = base + "rule.TIME_UNAPPROVED.severity[client=C-ACME]=warn\n";
        String bauerWarn = base + "rule.TIME_UNAPPROVED.severity[client=C-BAUER]=warn\n";

        assertThat(hash(deScoped, Map.of("a.csv", A))).isNotEqualTo(hash(gbScoped, Map.of("a.csv", A)))
                .isNotEqualTo(hash(base, Map.of("a.csv", A)));
        assertThat(hash(acmeWarn, Map.of("a.csv", A))).isNotEqualTo(hash(bauerWarn, Map.of("a.csv", A)));
        assertThat(hash(deScoped, Map.of("a.csv", A))).isEqualTo(hash(deScoped, Map.of("a.csv", A)));
    }

    @Test
    void sha256IsTheStandardDigestOfTheUtf8Text() {
        assertThat(ConfigurationHash.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    private static String hash(String policy, Map<String, String> sources) {
        return ConfigurationHash.sha256(ConfigurationHash.canonical("2026-10", "all", "2026-10-31", policy, sources));
    }
}
