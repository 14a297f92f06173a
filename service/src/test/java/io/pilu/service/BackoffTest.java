package io.pilu.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    @Test
    void theFirstRetryWaitsUpToInitialAndTheCeilingDoublesUpToTheCap() {
        assertThat(IntStream.rangeClosed(1, 8).mapToObj(backoff::ceiling).map(Duration::toMillis))
                .containsExactly(1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L, 30000L);
        assertThat(backoff.ceiling(10_000)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.ceiling(Long.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void retriesCountFromOne() {
        assertThatThrownBy(() -> backoff.ceiling(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from 1");
    }

    @Test
    void jitterStaysBetweenHalfAndAllOfTheCeiling() {
        for (int retry = 1; retry <= 8; retry++) {
            Duration ceiling = backoff.ceiling(retry);
            assertThat(backoff.delay(retry, () -> 0.0)).isEqualTo(ceiling.dividedBy(2));
            assertThat(backoff.delay(retry, () -> 0.999_999))
                    .isLessThanOrEqualTo(ceiling)
                    .isGreaterThan(ceiling.multipliedBy(99).dividedBy(100));
            assertThat(backoff.delay(retry, () -> 0.5))
                    .isEqualTo(ceiling.multipliedBy(3).dividedBy(4));
        }
        Random random = new Random(42);
        for (int retry = 1; retry <= 20; retry++) {
            Duration ceiling = backoff.ceiling(retry);
            for (int i = 0; i < 200; i++) {
                assertThat(backoff.delay(retry, random::nextDouble)).isBetween(ceiling.dividedBy(2), ceiling);
            }
        }
    }

    @Test
    void jitterActuallyVaries() {
        Random random = new Random(7);
        assertThat(IntStream.range(0, 50)
                        .mapToObj(i -> backoff.delay(5, random::nextDouble))
                        .distinct()
                        .count())
                .isGreaterThan(10);
    }

    @Test
    void retryAfterIsHonouredWhenLongerButCappedAtMax() {
        assertThat(backoff.delay(1, () -> 0.0, Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.delay(1, () -> 0.0, Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delay(1, () -> 0.0, Duration.ofHours(3))).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(1, () -> 0.0, null)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void invalidBackoffsAreRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
