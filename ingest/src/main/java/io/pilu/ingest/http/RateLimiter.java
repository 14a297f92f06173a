package io.pilu.ingest.http;

import io.pilu.service.Sleeper;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A global request-rate limit: permits are handed out no closer together than {@code 1 / permitsPerSecond}, with
 * no burst allowance, because the exchange throttles bursts (429) and one crawler must look like one polite
 * browser. One instance is shared by listing requests, the session warm-up and document downloads. Thread-safe;
 * waiting happens outside the lock.
 */
public final class RateLimiter {

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private long nextFreeNanos;
    private boolean started;

    public RateLimiter(double permitsPerSecond) {
        this(permitsPerSecond, System::nanoTime, Sleeper.SYSTEM);
    }

    public RateLimiter(double permitsPerSecond, LongSupplier nanoClock, Sleeper sleeper) {
        if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
            throw new IllegalArgumentException(
                    "rate limit must be a positive number of requests/s, got " + permitsPerSecond);
        }
        this.intervalNanos = Math.round(1e9 / permitsPerSecond);
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    /** Blocks until a request may be sent. */
    public void acquire() throws InterruptedException {
        long waitNanos = reserve();
        if (waitNanos > 0) {
            sleeper.sleep(Duration.ofNanos(waitNanos));
        }
    }

    /** Books the next slot and returns how long the caller must wait for it. */
    synchronized long reserve() {
        long now = nanoClock.getAsLong();
        long slot = started ? Math.max(now, nextFreeNanos) : now;
        started = true;
        nextFreeNanos = slot + intervalNanos;
        return slot - now;
    }
}
