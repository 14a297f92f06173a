package io.pilu.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(5_000), RetryPolicy.UNLIMITED);

    @Test
    void ceilingDoublesFromInitialAndStopsAtMax() {
        Backoff b = new Backoff(policy, () -> 0.0);
        assertThat(b.ceilingMillis(0)).isEqualTo(100);
        assertThat(b.ceilingMillis(1)).isEqualTo(200);
        assertThat(b.ceilingMillis(5)).isEqualTo(3_200);
        assertThat(b.ceilingMillis(6)).isEqualTo(5_000);
        assertThat(b.ceilingMillis(1_000_000)).isEqualTo(5_000);
    }

    @Test
    void jitterStaysWithinTheUpperHalfOfTheCeiling() {
        Random random = new Random(42);
        Backoff b = new Backoff(policy, random::nextDouble);
        for (int retry = 0; retry < 20; retry++) {
            long ceiling = b.ceilingMillis(retry);
            for (int i = 0; i < 200; i++) {
                assertThat(b.delayMillis(retry)).isBetween(ceiling / 2, ceiling);
            }
        }
        assertThat(new Backoff(policy, () -> 0.0).delayMillis(3)).isEqualTo(400);
        assertThat(new Backoff(policy, () -> 0.999999).delayMillis(3)).isEqualTo(800);
    }

    @Test
    void jitterActuallyVaries() {
        Random random = new Random(7);
        Backoff b = new Backoff(policy, random::nextDouble);
        assertThat(java.util.stream.IntStream.range(0, 50).mapToLong(i -> b.delayMillis(4)).distinct().count()).isGreaterThan(10);
    }

    @Test
    void unlimitedPolicyAlwaysAllowsAnotherRetryAndALimitedOneStops() {
        assertThat(policy.allowsRetry(1_000_000)).isTrue();
        RetryPolicy three = new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(1), 3);
        assertThat(three.allowsRetry(2)).isTrue();
        assertThat(three.allowsRetry(3)).isFalse();
    }
}
