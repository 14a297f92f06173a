package io.pilu.sink;

import io.pilu.service.Backoff;
import java.time.Duration;
import java.util.Objects;

/**
 * How the sink retries what Elasticsearch may accept later (HTTP 429, 5xx, connection failures): exponential
 * backoff with jitter between {@code initialBackoff} and {@code maxBackoff}, at most {@code maxRetries} times.
 *
 * @param initialBackoff delay before the first retry, before jitter (default 100 ms)
 * @param maxBackoff     the delay stops doubling here (default 30 s), so a long outage is probed twice a minute
 * @param maxRetries     retries of one batch before the sink stops with an error; {@value #UNLIMITED} (the default)
 *                       retries for as long as Elasticsearch is down, then catches up
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, long maxRetries) {

    public static final long UNLIMITED = -1;
    public static final long DEFAULT_INITIAL_BACKOFF_MS = 100;
    public static final long DEFAULT_MAX_BACKOFF_MS = 30_000;

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive, got " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "max backoff " + maxBackoff + " is below initial backoff " + initialBackoff);
        }
        if (maxRetries < UNLIMITED) {
            throw new IllegalArgumentException("max retries must be >= 0, or -1 for unlimited, got " + maxRetries);
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(
                Duration.ofMillis(DEFAULT_INITIAL_BACKOFF_MS), Duration.ofMillis(DEFAULT_MAX_BACKOFF_MS), UNLIMITED);
    }

    /** Whether another retry is allowed after {@code retriesSoFar} retries. */
    public boolean allowsRetry(long retriesSoFar) {
        return maxRetries == UNLIMITED || retriesSoFar < maxRetries;
    }

    /** The waits between retries: the project's {@link Backoff} from {@code initialBackoff} to {@code maxBackoff}. */
    public Backoff backoff() {
        return new Backoff(initialBackoff, maxBackoff);
    }
}
