package io.pilu.infra;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Polls a readiness probe until it answers, the child dies, or the timeout passes. The two failures throw an
 * {@link InfraStartException} that carries the child's last log lines, which is where the reason is.
 */
final class StartupWait {

    /** A readiness check: empty while not ready yet; may throw while the child is still starting. */
    @FunctionalInterface
    interface Probe<T> {
        Optional<T> check() throws Exception;
    }

    private StartupWait() {}

    static <T> T until(ChildProcess child, String what, Duration timeout, Duration interval, Probe<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception lastFailure = null;
        while (true) {
            if (!child.isAlive()) {
                throw new InfraStartException(
                        child.name() + " exited with code " + child.process().exitValue() + " before " + what
                                + "; last lines of " + child.logFile() + ":" + System.lineSeparator() + child.logTail(),
                        lastFailure);
            }
            try {
                Optional<T> result = probe.check();
                if (result.isPresent()) {
                    return result.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InfraStartException("interrupted while waiting for " + child.name() + " to be ready", e);
            } catch (Exception e) {
                lastFailure = e;
            }
            if (System.nanoTime() >= deadline) {
                throw new InfraStartException(
                        child.name() + " (pid " + child.pid() + ") not ready after " + timeout.toSeconds() + " s: "
                                + what
                                + (lastFailure == null ? "" : " (last probe error: " + lastFailure + ")")
                                + "; last lines of " + child.logFile() + ":" + System.lineSeparator() + child.logTail(),
                        lastFailure);
            }
            pause(child, interval);
        }
    }

    /** Waits between probes, but returns at once if the child exits meanwhile. */
    private static void pause(ChildProcess child, Duration interval) {
        try {
            child.process().waitFor(interval.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraStartException("interrupted while waiting for " + child.name() + " to be ready", e);
        }
    }
}
