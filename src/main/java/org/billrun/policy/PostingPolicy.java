package org.billrun.policy;

import java.time.Duration;
import java.util.Set;

/**
 * How the post job retries a posting that failed for a passing reason (docs/posting.md, "Retries"): the
 * n-th failed attempt waits {@code base × 2^(n-1)}, never more than {@code cap}; after {@code maxAttempts}
 * attempts the posting is given up and goes to finance. The keys live in the firm's policy file; the
 * policy of the invoice's run applies.
 *
 * @param maxAttempts posting.retry.max-attempts, 1 to 100 (default 8)
 * @param base posting.retry.base-seconds, 1 to 3,600 (default 30)
 * @param cap posting.retry.cap-seconds, base to 86,400 (default 3,600)
 */
public record PostingPolicy(int maxAttempts, Duration base, Duration cap) {

    static final Set<String> KEYS = Set.of("posting.retry.max-attempts", "posting.retry.base-seconds", "posting.retry.cap-seconds");

    public PostingPolicy {
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new PolicyFile.PolicyException("posting.retry.max-attempts must be 1 to 100, not " + maxAttempts);
        }
        if (base.toSeconds() < 1 || base.toSeconds() > 3600) {
            throw new PolicyFile.PolicyException("posting.retry.base-seconds must be 1 to 3600, not " + base.toSeconds());
        }
        if (cap.compareTo(base) < 0 || cap.toSeconds() > 86_400) {
            throw new PolicyFile.PolicyException("posting.retry.cap-seconds must be posting.retry.base-seconds (" + base.toSeconds()
                    + ") to 86400, not " + cap.toSeconds());
        }
    }

    public static PostingPolicy defaults() {
        return from(PolicyFile.defaults());
    }

    public static PostingPolicy from(PolicyFile file) {
        for (String key : file.keysStartingWith("posting.")) {
            if (!KEYS.contains(key)) {
                throw new PolicyFile.PolicyException(file.source() + ": unknown key '" + key + "' (" + String.join(", ", KEYS.stream()
                        .sorted().toList()) + ", see docs/posting.md)");
            }
        }
        try {
            return new PostingPolicy(file.integer("posting.retry.max-attempts", 8),
                    Duration.ofSeconds(file.integer("posting.retry.base-seconds", 30)),
                    Duration.ofSeconds(file.integer("posting.retry.cap-seconds", 3600)));
        } catch (PolicyFile.PolicyException e) {
            throw e.getMessage().startsWith(file.source()) ? e : new PolicyFile.PolicyException(file.source() + ": " + e.getMessage());
        }
    }

    /** How long to wait after the {@code attempt}-th attempt (from 1) failed for a passing reason. */
    public Duration delayAfter(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, not " + attempt);
        }
        int doublings = Math.min(attempt - 1, 30);
        long seconds = base.toSeconds() << doublings;
        return seconds >= cap.toSeconds() || seconds <= 0 ? cap : Duration.ofSeconds(seconds);
    }

    /** Whether a passing failure of the {@code attempt}-th attempt is the last one allowed. */
    public boolean givesUpAfter(int attempt) {
        return attempt >= maxAttempts;
    }
}
