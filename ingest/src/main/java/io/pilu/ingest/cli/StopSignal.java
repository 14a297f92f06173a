package io.pilu.ingest.cli;

import io.pilu.ingest.crawl.Crawler;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clean stop on SIGTERM / Ctrl-C: a shutdown hook asks the crawler to stop at its next safe point (between
 * documents, never inside a transaction), wakes a sleeping poll loop, and waits for the command to finish. Only if
 * that takes longer than the grace period is the crawling thread interrupted; even then Kafka's transaction
 * guarantees that no half page becomes visible.
 */
final class StopSignal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StopSignal.class);
    private static final Duration GRACE = Duration.ofSeconds(25);

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    StopSignal(Crawler crawler) {
        Thread worker = Thread.currentThread();
        this.hook = new Thread(() -> {
            log.info("stop requested: finishing the current page");
            crawler.requestStop();
            stop.countDown();
            try {
                if (!finished.await(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("still busy after {} s, interrupting; the open transaction (if any) is aborted",
                            GRACE.toSeconds());
                    worker.interrupt();
                    finished.await(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pilu-crawl-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Sleeps up to {@code d}; returns early (true) when a stop was requested. */
    boolean awaitStop(Duration d) throws InterruptedException {
        return stop.await(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean stopRequested() {
        return stop.getCount() == 0;
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running and now sees `finished`
        }
    }
}
