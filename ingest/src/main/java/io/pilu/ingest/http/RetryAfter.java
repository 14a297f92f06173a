package io.pilu.ingest.http;

import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The wait an exchange asks for with {@code Retry-After} on a 429 or 503, for every client that talks to one (bse.cn,
 * cninfo): the backoff waits at least that long, within its cap ({@link io.pilu.service.Backoff}).
 */
public final class RetryAfter {

    private RetryAfter() {}

    /** The wait {@code response}'s {@code Retry-After} asks for, or null when it asks for none we can read. */
    public static Duration of(HttpResponse<?> response) {
        return response.headers()
                .firstValue("Retry-After")
                .map(RetryAfter::parse)
                .orElse(null);
    }

    /**
     * A {@code Retry-After} value in seconds; null for the HTTP-date form (our own backoff is good enough) and for
     * anything that is not a non-negative number of seconds.
     */
    static Duration parse(String value) {
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
