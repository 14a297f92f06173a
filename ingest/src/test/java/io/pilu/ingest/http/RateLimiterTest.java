package io.pilu.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilu.service.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    /** A clock that only moves when the limiter sleeps (or the test advances it). */
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private final List<Duration> sleeps = new ArrayList<>();
    private final Sleeper fakeSleep = d -> {
        sleeps.add(d);
        now.addAndGet(d.toNanos());
    };

    @Test
    void spacesRequestsEvenlyWithNoBurst() throws Exception {
        RateLimiter limiter = new RateLimiter(2.0, now::get, fakeSleep);
        long start = now.get();
        for (int i = 0; i < 5; i++) {
            limiter.acquire();
        }
        assertThat(sleeps)
                .containsExactly(
                        Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(500));
        assertThat(Duration.ofNanos(now.get() - start)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void idleTimeIsNotSavedUpForABurst() throws Exception {
        RateLimiter limiter = new RateLimiter(2.0, now::get, fakeSleep);
        limiter.acquire();
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        limiter.acquire();
        limiter.acquire();
        assertThat(sleeps).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void sharedByConcurrentCallersEachGetsItsOwnSlot() {
        RateLimiter limiter = new RateLimiter(4.0, now::get, fakeSleep);
        assertThat(List.of(limiter.reserve(), limiter.reserve(), limiter.reserve()))
                .containsExactly(0L, 250_000_000L, 500_000_000L);
    }

    @Test
    void nonPositiveRatesAreRefused() {
        assertThatThrownBy(() -> new RateLimiter(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
