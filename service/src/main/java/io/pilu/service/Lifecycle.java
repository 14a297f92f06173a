package io.pilu.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of shutdown in a Pilu process. What a command starts is added here, each in its {@link Phase};
 * {@link #close()} — from the one JVM shutdown hook {@link #closeOnShutdown()} installs (Ctrl-C, SIGTERM), or from
 * the command when it ends by itself — closes everything one at a time in phase order, and within a phase the last
 * started first. The JVM runs shutdown hooks concurrently and in no order, so one hook per service let the broker
 * stop while enrich and sink were still committing; with a single sequence the producers of data stop first, and
 * what they write to stops last.
 */
public final class Lifecycle implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Lifecycle.class);

    /** Close order: the stage feeding the next one stops first; the ops endpoint, the store and the broker last. */
    public enum Phase {
        /** The crawler: stops publishing (between documents, never inside a transaction). */
        CRAWL,
        /** The enrich topology: commits its transaction. */
        ENRICH,
        /** The Elasticsearch writer: drains its bulk requests and commits offsets. */
        SINK,
        /** Any other service that reads the topics (one registration each). */
        SERVICE,
        /** The /metrics /healthz /readyz endpoint: answers until every service is down. */
        OPS,
        /** The Elasticsearch node. */
        ELASTICSEARCH,
        /** The Kafka broker, last: every service above commits to it while it stops. */
        BROKER
    }

    /**
     * What {@link #close()} did with one closable, in the order it did it.
     *
     * @param error what its {@code close()} threw, or null
     */
    public record Closed(Phase phase, String name, Duration took, Throwable error) {
        public boolean clean() {
            return error == null;
        }
    }

    private record Entry(Phase phase, String name, AutoCloseable closable, int started) {}

    private final String process;
    private final List<Entry> entries = new ArrayList<>();
    private final List<Closed> closed = new CopyOnWriteArrayList<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private Thread closer; // the thread running close(); guarded by this
    private Thread hook; // guarded by this

    /** @param process the process's name for logs and the hook's thread ({@code pilu-local}, {@code pilu-sink}) */
    public Lifecycle(String process) {
        this.process = process;
    }

    /**
     * Adds {@code closable} to be closed in {@code phase}; returns it. Once stopping has begun nothing can be added:
     * the closable is closed at once and an {@link IllegalStateException} says why it was not kept.
     */
    public <T extends AutoCloseable> T add(Phase phase, String name, T closable) {
        synchronized (this) {
            if (closer == null) {
                entries.add(new Entry(phase, name, closable, entries.size()));
                return closable;
            }
        }
        closeOne(new Entry(phase, name, closable, -1));
        throw new IllegalStateException(process + " is stopping; " + name + " was closed right after it started");
    }

    /** Installs the one shutdown hook that runs {@link #close()}; returns this. */
    public synchronized Lifecycle closeOnShutdown() {
        if (hook == null) {
            hook = new Thread(this::close, process + "-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
        }
        return this;
    }

    /** Whether {@link #close()} has begun. */
    public synchronized boolean stopping() {
        return closer != null;
    }

    /** Blocks until {@link #close()} has closed everything. */
    public void awaitClosed() throws InterruptedException {
        done.await();
    }

    /** Blocks up to {@code timeout}; true once everything is closed. */
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What was closed so far, in order. */
    public List<Closed> closed() {
        return List.copyOf(closed);
    }

    /**
     * Closes everything in phase order, one at a time; an error closing one is logged and recorded, and the rest
     * are still closed. A second caller waits for the first to finish (a closable calling back is not waited for).
     */
    @Override
    public void close() {
        List<Entry> order;
        synchronized (this) {
            if (closer != null) {
                if (closer == Thread.currentThread()) {
                    return;
                }
                order = null;
            } else {
                closer = Thread.currentThread();
                order = new ArrayList<>(entries);
            }
        }
        if (order == null) {
            awaitUninterruptibly();
            return;
        }
        order.sort(Comparator.comparing(Entry::phase)
                .thenComparing(Comparator.comparingInt(Entry::started).reversed()));
        log.info("{} stopping: {}", process, order.stream().map(Entry::name).toList());
        try {
            for (Entry e : order) {
                closeOne(e);
            }
        } finally {
            removeHook();
            done.countDown();
        }
        log.info("{} stopped", process);
    }

    private void closeOne(Entry e) {
        long start = System.nanoTime();
        Throwable error = null;
        try {
            e.closable().close();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            error = ex;
        } catch (Exception | Error ex) {
            error = ex;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        closed.add(new Closed(e.phase(), e.name(), took, error));
        if (error != null) {
            log.warn("{}: error while stopping {}: {}", process, e.name(), error.toString());
        } else {
            log.debug("{}: {} stopped in {} ms", process, e.name(), took.toMillis());
        }
    }

    private void removeHook() {
        Thread h;
        synchronized (this) {
            h = hook;
        }
        if (h != null && h != Thread.currentThread()) {
            try {
                Runtime.getRuntime().removeShutdownHook(h);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down; the hook finds everything closed and returns
            }
        }
    }

    private void awaitUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
