package io.pilu.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy =
            new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(5_000), RetryPolicy.UNLIMITED);

    @Test
    void itsBackoffStartsAtTheInitialDelayForTheFirstRetry() {
        assertThat(policy.backoff().ceiling(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoff().ceiling(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoff().ceiling(7)).isEqualTo(Duration.ofMillis(5_000));
    }

    @Test
    void unlimitedPolicyAlwaysAllowsAnotherRetryAndALimitedOneStops() {
        assertThat(policy.allowsRetry(1_000_000)).isTrue();
        RetryPolicy three = new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(1), 3);
        assertThat(three.allowsRetry(2)).isTrue();
        assertThat(three.allowsRetry(3)).isFalse();
    }
}
