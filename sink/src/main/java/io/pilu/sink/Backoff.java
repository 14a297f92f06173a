package io.pilu.sink;

import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Delay before retry number {@code n} (0-based) under a {@link RetryPolicy}: the ceiling doubles each time from
 * {@code initialBackoff} up to {@code maxBackoff}, and the actual delay is drawn uniformly from the upper half of
 * the ceiling ("equal jitter"). Jitter matters because several sink instances hit by the same outage would otherwise
 * retry in lock-step and hammer the recovering cluster together; keeping the lower half out guarantees the delay
 * still grows, so a down cluster is not polled in a tight loop.
 */
public final class Backoff {

    private final RetryPolicy policy;
    private final DoubleSupplier random;

    /** {@code random} returns values in [0, 1): tests pass a fixed one, production {@code ThreadLocalRandom}. */
    public Backoff(RetryPolicy policy, DoubleSupplier random) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.random = Objects.requireNonNull(random, "random");
    }

    public static Backoff of(RetryPolicy policy) {
        return new Backoff(policy, () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
    }

    /** The un-jittered ceiling for retry {@code retry}: {@code min(max, initial * 2^retry)}. */
    public long ceilingMillis(long retry) {
        long initial = policy.initialBackoff().toMillis();
        long max = policy.maxBackoff().toMillis();
        // 2^62 overflows nothing below; past ~40 doublings every sensible ceiling is already at max
        if (retry >= 40) {
            return max;
        }
        double ceiling = initial * Math.pow(2, retry);
        return (long) Math.min(max, ceiling);
    }

    /** The jittered delay for retry {@code retry}, in [ceiling/2, ceiling]. */
    public long delayMillis(long retry) {
        long ceiling = ceilingMillis(retry);
        long half = ceiling / 2;
        return half + Math.round((ceiling - half) * random.getAsDouble());
    }
}
