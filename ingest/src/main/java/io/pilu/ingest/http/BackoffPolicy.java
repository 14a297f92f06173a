package io.pilu.ingest.http;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with "equal jitter" for throttled (429), failing (5xx) or timed-out requests: retry {@code n}
 * waits between half and all of {@code min(max, initial * 2^(n-1))}. The jitter spreads retries of several crawlers
 * (or pages) apart; the guaranteed half keeps the wait growing.
 *
 * @param initial     wait before the first retry (before jitter)
 * @param max         cap on a single wait
 * @param maxAttempts attempts in total (first try included) before giving up
 */
public record BackoffPolicy(Duration initial, Duration max, int maxAttempts) {

    public BackoffPolicy {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " / " + max);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1, got " + maxAttempts);
        }
    }

    /** The cap before jitter for retry number {@code retry} (1 = first retry). */
    public Duration ceiling(int retry) {
        long initialNanos = initial.toNanos();
        int shift = Math.min(retry - 1, 40); // 2^40 × any sane initial is past every cap; avoids overflow
        double nanos = initialNanos * Math.pow(2, shift);
        return nanos >= max.toNanos() ? max : Duration.ofNanos((long) nanos);
    }

    /** The wait before retry {@code retry}, with {@code random} in [0, 1). */
    public Duration delay(int retry, DoubleSupplier random) {
        long ceiling = ceiling(retry).toNanos();
        long half = ceiling / 2;
        return Duration.ofNanos(half + (long) (random.getAsDouble() * (ceiling - half)));
    }

    /**
     * The wait honouring a server's {@code Retry-After} when it asks for longer than our own delay, but never more
     * than {@link #max()}: a hostile or broken header must not park the crawler for hours.
     */
    public Duration delay(int retry, DoubleSupplier random, Duration retryAfter) {
        Duration own = delay(retry, random);
        if (retryAfter == null || retryAfter.compareTo(own) <= 0) {
            return own;
        }
        return retryAfter.compareTo(max) > 0 ? max : retryAfter;
    }
}
