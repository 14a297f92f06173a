package io.pilu.ingest.http;

import java.time.Duration;

/** Waits; a seam so rate-limit and backoff logic is tested without real time passing. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /** Real sleeping. */
    Sleeper SYSTEM = d -> {
        if (!d.isNegative() && !d.isZero()) {
            Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
        }
    };
}
