package io.pilu.ingest.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Copies a response body under three bounds, whatever the server claims: at most {@code maxBytes}, no pause longer
 * than the read timeout, and done by the request's deadline. {@code java.net.http} has no read timeout on a body and
 * no overall deadline, so a watchdog closes the stream when either passes, which makes the blocked read fail; a
 * server trickling one byte a second is so cut off at the deadline, not served forever. Public for the other
 * sources' clients ({@code io.pilu.ingest.cninfo}), which read under the same bounds.
 */
public final class BoundedTransfer {

    /** Why a transfer was cut off. */
    public enum Limit {
        TOO_LARGE,
        STALLED,
        DEADLINE
    }

    /** A transfer cut off by one of its bounds. */
    public static final class LimitException extends IOException {
        private static final long serialVersionUID = 1L;
        private final Limit limit;

        public LimitException(Limit limit, String message, Throwable cause) {
            super(message, cause);
            this.limit = limit;
        }

        public Limit limit() {
            return limit;
        }
    }

    private BoundedTransfer() {}

    /**
     * Copies {@code in} to {@code out} and returns the byte count; {@code in} is closed either way.
     *
     * @param deadlineNanos {@link System#nanoTime()} by which the whole body must have arrived
     * @param onChunk       sees every chunk written (e.g. a digest)
     */
    public static long copy(
            InputStream in,
            OutputStream out,
            long maxBytes,
            Duration readTimeout,
            long deadlineNanos,
            ScheduledExecutorService watchdog,
            ChunkListener onChunk)
            throws IOException {
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        AtomicReference<Limit> tripped = new AtomicReference<>();
        long readTimeoutNanos = readTimeout.toNanos();
        long period = Math.max(20, Math.min(readTimeout.toMillis() / 4, 250));
        ScheduledFuture<?> guard = watchdog.scheduleAtFixedRate(
                () -> {
                    long now = System.nanoTime();
                    Limit limit = now - deadlineNanos > 0
                            ? Limit.DEADLINE
                            : now - lastProgress.get() > readTimeoutNanos ? Limit.STALLED : null;
                    if (limit != null && tripped.compareAndSet(null, limit)) {
                        closeQuietly(in);
                    }
                },
                period,
                period,
                TimeUnit.MILLISECONDS);
        long total = 0;
        try (in) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) >= 0; ) {
                lastProgress.set(System.nanoTime());
                total += n;
                if (total > maxBytes) {
                    throw new LimitException(Limit.TOO_LARGE, "body exceeds the cap of " + maxBytes + " bytes", null);
                }
                onChunk.accept(buf, n);
                out.write(buf, 0, n);
                if (System.nanoTime() - deadlineNanos > 0) {
                    tripped.compareAndSet(null, Limit.DEADLINE);
                    throw new LimitException(Limit.DEADLINE, "body not complete by the request deadline", null);
                }
            }
            return total;
        } catch (LimitException e) {
            throw e;
        } catch (IOException e) {
            Limit limit = tripped.get();
            if (limit == Limit.DEADLINE) {
                throw new LimitException(
                        limit, "body not complete by the request deadline (" + total + " bytes received)", e);
            }
            if (limit == Limit.STALLED) {
                throw new LimitException(
                        limit, "body stalled for longer than the read timeout of " + readTimeout.toSeconds() + " s", e);
            }
            throw e;
        } finally {
            guard.cancel(false);
        }
    }

    /** Sees each chunk of a transfer. */
    @FunctionalInterface
    public interface ChunkListener {
        void accept(byte[] buf, int length);
    }

    public static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing an aborted transfer; the failure being reported is the one that matters
        }
    }
}
