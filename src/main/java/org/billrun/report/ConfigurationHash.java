package org.billrun.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configuration hash of a run: one SHA-256 that changes when anything that decides the run's
 * outcome changes, so an auditor can tell two runs had the same configuration. It covers the parameters
 * that decide the outcome (period, scope, as-of date), the SHA-256 of the policy content the run applied,
 * and the SHA-256 of every source file. Paths, the run number and where the run stopped are left out:
 * the same files and policy on another machine give the same hash.
 *
 * <p>Canonical text (UTF-8, one {@code key=value} per line, each ending in LF), in this order:
 * <pre>
 * billrun-configuration/1
 * period=2026-10
 * scope=all
 * as-of=2026-10-31
 * policy.sha256=&lt;hex of the policy content, or none&gt;
 * source.&lt;file name&gt;=&lt;hex, or absent&gt;     one line per file, by file name (code point order)
 * </pre>
 */
public final class ConfigurationHash {

    private ConfigurationHash() {}

    /** @param sources file name to its SHA-256, null for a file the run found absent */
    public static String canonical(String period, String scope, String asOf, String policyContent, Map<String, String> sources) {
        StringBuilder text = new StringBuilder("billrun-configuration/1\n");
        text.append("period=").append(period).append('\n');
        text.append("scope=").append(scope).append('\n');
        text.append("as-of=").append(asOf == null ? "none" : asOf).append('\n');
        text.append("policy.sha256=").append(policyContent == null ? "none" : sha256(policyContent)).append('\n');
        new TreeMap<>(sources).forEach((file, sha) -> text.append("source.").append(file).append('=')
                .append(sha == null ? "absent" : sha).append('\n'));
        return text.toString();
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
