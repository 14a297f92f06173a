package io.pilu.service;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with "equal jitter", the one used wherever Pilu retries (the crawler's requests to bse.cn, the
 * sink's bulk requests to Elasticsearch): retry {@code n} (1 = the first retry) waits between half and all of
 * {@code min(max, initial * 2^(n-1))}. The jitter spreads apart the retries of several instances hit by the same
 * outage, which would otherwise hammer the recovering server in lock-step; the guaranteed half keeps the wait
 * growing, so a server that is down is not polled in a tight loop.
 *
 * @param initial the ceiling of the first retry's wait
 * @param max     cap on a single wait
 */
public record Backoff(Duration initial, Duration max) {

    /** Uniform in [0, 1): production jitter. Tests pass a fixed value instead. */
    public static final DoubleSupplier RANDOM =
            () -> ThreadLocalRandom.current().nextDouble();

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " / " + max);
        }
    }

    /** The cap before jitter for retry number {@code retry} (1 = first retry). */
    public Duration ceiling(long retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries count from 1, got " + retry);
        }
        long shift = Math.min(retry - 1, 40); // 2^40 × any sane initial is past every cap; avoids overflow
        double nanos = initial.toNanos() * Math.pow(2, shift);
        return nanos >= max.toNanos() ? max : Duration.ofNanos((long) nanos);
    }

    /** The wait before retry {@code retry}, in [ceiling/2, ceiling], with {@code random} in [0, 1). */
    public Duration delay(long retry, DoubleSupplier random) {
        long ceiling = ceiling(retry).toNanos();
        long half = ceiling / 2;
        return Duration.ofNanos(half + (long) (random.getAsDouble() * (ceiling - half)));
    }

    /**
     * The wait honouring a server's {@code Retry-After} when it asks for longer than our own delay, but never more
     * than {@link #max()}: a hostile or broken header must not park the caller for hours.
     */
    public Duration delay(long retry, DoubleSupplier random, Duration retryAfter) {
        Duration own = delay(retry, random);
        if (retryAfter == null || retryAfter.compareTo(own) <= 0) {
            return own;
        }
        return retryAfter.compareTo(max) > 0 ? max : retryAfter;
    }
}
