package io.pilu.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffPolicyTest {

    private final BackoffPolicy policy = new BackoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 6);

    @Test
    void ceilingDoublesUpToTheCap() {
        assertThat(java.util.stream.IntStream.rangeClosed(1, 8).mapToObj(policy::ceiling).map(Duration::toMillis))
                .containsExactly(1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L, 30000L);
        assertThat(policy.ceiling(10_000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void jitterStaysBetweenHalfAndAllOfTheCeiling() {
        for (int retry = 1; retry <= 8; retry++) {
            Duration ceiling = policy.ceiling(retry);
            assertThat(policy.delay(retry, () -> 0.0)).isEqualTo(ceiling.dividedBy(2));
            assertThat(policy.delay(retry, () -> 0.999_999)).isLessThanOrEqualTo(ceiling)
                    .isGreaterThan(ceiling.multipliedBy(99).dividedBy(100));
            assertThat(policy.delay(retry, () -> 0.5)).isEqualTo(ceiling.multipliedBy(3).dividedBy(4));
        }
    }

    @Test
    void retryAfterIsHonouredWhenLongerButCappedAtMax() {
        assertThat(policy.delay(1, () -> 0.0, Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.delay(1, () -> 0.0, Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delay(1, () -> 0.0, Duration.ofHours(3))).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delay(1, () -> 0.0, null)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void invalidPoliciesAreRefused() {
        assertThatThrownBy(() -> new BackoffPolicy(Duration.ZERO, Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BackoffPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BackoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
