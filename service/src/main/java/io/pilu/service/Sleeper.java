package io.pilu.service;

import java.time.Duration;

/** Waits; the seam that lets rate-limit, backoff and retry logic be tested without real time passing. */
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
