package org.billrun.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PostingPolicyTests {

    @Test
    void theDefaultsRetryEightTimesFromThirtySecondsDoublingUpToAnHour() {
        PostingPolicy policy = PostingPolicy.defaults();

        assertThat(policy.maxAttempts()).isEqualTo(8);
        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.delayAfter(7)).isEqualTo(Duration.ofSeconds(1920));
        assertThat(policy.delayAfter(8)).as("capped").isEqualTo(Duration.ofHours(1));
        assertThat(policy.givesUpAfter(7)).isFalse();
        assertThat(policy.givesUpAfter(8)).isTrue();
    }

    @Test
    void theBackoffNeverOverflowsPastTheCap() {
        PostingPolicy policy = new PostingPolicy(100, Duration.ofSeconds(3600), Duration.ofDays(1));

        assertThat(policy.delayAfter(40)).isEqualTo(Duration.ofDays(1));
        assertThat(policy.delayAfter(100)).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void thePolicyFileSetsTheKeys() {
        PostingPolicy policy = PostingPolicy.from(PolicyFile.of("policy.properties", """
                posting.retry.max-attempts=3
                posting.retry.base-seconds=5
                posting.retry.cap-seconds=12
                """));

        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofSeconds(12));
        assertThat(policy.givesUpAfter(3)).isTrue();
    }

    @Test
    void anUnknownKeyOrAValueOutOfRangeIsRefusedNamingIt() {
        assertThatThrownBy(() -> PostingPolicy.from(PolicyFile.of("p.properties", "posting.retry.max-attempt=3")))
                .hasMessageContaining("p.properties: unknown key 'posting.retry.max-attempt'");
        assertThatThrownBy(() -> PostingPolicy.from(PolicyFile.of("p.properties", "posting.retry.max-attempts=0")))
                .hasMessageContaining("p.properties: posting.retry.max-attempts must be 1 to 100, not 0");
        assertThatThrownBy(() -> PostingPolicy.from(PolicyFile.of("p.properties", "posting.retry.base-seconds=60\nposting.retry.cap-seconds=30")))
                .hasMessageContaining("posting.retry.cap-seconds must be");
        assertThatThrownBy(() -> ValidationPolicy.from(PolicyFile.of("p.properties", "posting.retry.cap-second=30")))
                .as("a run refuses the typo too").hasMessageContaining("unknown key 'posting.retry.cap-second'");
    }
}
