package io.pilu.ingest.http;

import io.pilu.service.Backoff;
import java.time.Duration;

/**
 * How the client retries throttled (429), failing (5xx) or timed-out requests: the project's {@link Backoff} (equal
 * jitter, the first retry waits up to {@code initial}), at most {@code maxAttempts} attempts.
 *
 * @param initial     wait before the first retry (before jitter)
 * @param max         cap on a single wait
 * @param maxAttempts attempts in total (first try included) before giving up
 */
public record BackoffPolicy(Duration initial, Duration max, int maxAttempts) {

    public BackoffPolicy {
        new Backoff(initial, max); // validates 0 < initial <= max
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1, got " + maxAttempts);
        }
    }

    /** The waits between attempts. */
    public Backoff schedule() {
        return new Backoff(initial, max);
    }
}
