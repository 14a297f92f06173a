package io.pilu.ingest.crawl;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A clean stop of a crawling thread: {@link #close()} asks the crawler to stop at its next safe point (between
 * documents, never inside a transaction), wakes a sleeping poll loop, and waits for the thread to say it
 * {@link #finished()}. Only if that takes longer than the grace period is the thread interrupted; even then Kafka's
 * transaction guarantees that no half page becomes visible. No shutdown hook of its own: the process's
 * {@link io.pilu.service.Lifecycle} calls {@link #close()} in its turn.
 */
public final class StopSignal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StopSignal.class);
    /** How long a page under way may take to finish before the crawling thread is interrupted. */
    public static final Duration GRACE = Duration.ofSeconds(25);

    private final Crawler<?> crawler;
    private final Thread worker;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    /** @param worker the thread that runs the crawler and calls {@link #finished()} when it returns */
    public StopSignal(Crawler<?> crawler, Thread worker) {
        this.crawler = crawler;
        this.worker = worker;
    }

    /** Sleeps up to {@code d}; returns early (true) when a stop was requested. */
    public boolean awaitStop(Duration d) throws InterruptedException {
        return stop.await(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean stopRequested() {
        return stop.getCount() == 0;
    }

    /** Called by the worker when it is done, whether or not a stop was asked for. */
    public void finished() {
        finished.countDown();
    }

    /** Asks for the stop and waits for the worker (interrupting it after {@link #GRACE}). */
    @Override
    public void close() {
        if (finished.getCount() == 0 || Thread.currentThread() == worker) {
            return;
        }
        log.info("stop requested: finishing the current page");
        crawler.requestStop();
        stop.countDown();
        try {
            if (!finished.await(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn(
                        "still busy after {} s, interrupting; the open transaction (if any) is aborted",
                        GRACE.toSeconds());
                worker.interrupt();
                finished.await(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
