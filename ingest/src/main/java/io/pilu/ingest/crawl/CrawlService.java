package io.pilu.ingest.crawl;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pilu.ingest.CrawlMetrics;
import io.pilu.model.Json;
import io.pilu.service.Check;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incremental crawl of one source as a service: reads the source's checkpoint (key = source name), then polls the
 * site on its own thread and publishes new announcements to the raw topic with the checkpoint in the same Kafka
 * transaction, until {@link #close()} (or after one poll with {@code once}). {@code pilu crawl} runs one;
 * {@code pilu local} one per source.
 *
 * <p>A site that blocks the crawler (403, challenge page) stops it: polling again would only prolong the block.
 * {@link #liveness()} then fails, so an orchestrator restarts it (and its back-off spaces the attempts out), and the
 * exit code is 2.
 */
public final class CrawlService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CrawlService.class);

    private final CrawlConfig config;
    private final CrawlMetrics metrics;
    private final CrawlWiring<?> wiring;
    private final Pass<?> pass;
    private final Thread thread;
    private final StopSignal signal;
    private final CountDownLatch exited = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Boolean lastPollOk; // null: no poll finished yet
    private volatile boolean pollInProgress;
    private volatile long pollStartedNanos;
    private volatile int exitCode = -1;
    private volatile String blocked; // why the site blocked the crawler, once it did

    /** A crawler and a walk of the same source. */
    private record Pass<Q>(CrawlWiring<Q> wiring, Walk<Q> walk) {
        PassResult run() throws CrawlException, InterruptedException {
            return wiring.runPass(walk, ProgressListener.NONE);
        }

        CrawlCheckpoint state() {
            return (CrawlCheckpoint) walk.state();
        }
    }

    private CrawlService(CrawlConfig config, CrawlMetrics metrics, CrawlWiring<?> wiring, Pass<?> pass) {
        this.config = config;
        this.metrics = metrics;
        this.wiring = wiring;
        this.pass = pass;
        this.thread = new Thread(this::loop, "pilu-crawl-" + wiring.source.name());
        this.signal = new StopSignal(wiring.crawler, thread);
    }

    /** The source this service crawls. */
    public String source() {
        return wiring.source.name();
    }

    /** Reads the checkpoint and starts polling; dry-run lines go to standard output. */
    public static CrawlService start(CrawlConfig config, PrometheusMeterRegistry registry) {
        return start(config, registry, System.out);
    }

    /**
     * The same, dry-run lines to {@code stdout}.
     *
     * @throws IllegalStateException when the stored checkpoint is not valid (guessing a position would risk a gap or
     *                               a flood of duplicates)
     */
    public static CrawlService start(CrawlConfig config, PrometheusMeterRegistry registry, PrintStream stdout) {
        CrawlMetrics metrics =
                new CrawlMetrics(registry, config.crawler().source().name());
        metrics.pollDeadline(config.pollDeadline());
        Clock clock = Clock.systemUTC();
        CrawlWiring<?> wiring =
                CrawlWiring.of(config.crawler(), metrics, stdout, config.maxPagesPerPoll(), config.pollDeadline());
        try {
            CrawlCheckpoint checkpoint = readCheckpoint(wiring, config, clock);
            Pass<?> pass = pass(wiring, checkpoint, config, clock);
            metrics.checkpoint(checkpoint.highWater(), checkpoint.seenCount());
            log.info(
                    "pilu crawl starting {} once={} poll_interval={}s high_water={} floor={} seen_ids={}",
                    String.join(" ", config.crawler().describe()),
                    config.once(),
                    config.pollInterval().toSeconds(),
                    checkpoint.highWater(),
                    checkpoint.floor(),
                    checkpoint.seenCount());
            CrawlService service = new CrawlService(config, metrics, wiring, pass);
            service.thread.start();
            return service;
        } catch (Exception e) {
            wiring.close();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        }
    }

    private static <Q> Pass<Q> pass(
            CrawlWiring<Q> wiring, CrawlCheckpoint checkpoint, CrawlConfig config, Clock clock) {
        return new Pass<>(
                wiring,
                wiring.source.incremental(
                        checkpoint, config.from(), config.to(), config.retainDays(), config.seenIdsMax(), clock));
    }

    private static CrawlCheckpoint readCheckpoint(CrawlWiring<?> wiring, CrawlConfig config, Clock clock)
            throws PublishException {
        String key = wiring.source.name();
        Optional<String> stored = wiring.publisher.readState(key);
        if (stored.isPresent()) {
            CrawlCheckpoint c;
            try {
                c = Json.mapper().readValue(stored.get(), CrawlCheckpoint.class);
            } catch (Exception e) {
                throw new IllegalStateException(
                        "the crawler state under key '" + key + "' is not a " + "valid checkpoint (" + e.getMessage()
                                + "); fix or delete it (tombstone) to start afresh",
                        e);
            }
            if (!key.equals(c.source())) {
                throw new IllegalStateException("the crawler state under key '" + key + "' belongs to source '"
                        + c.source() + "'; fix or delete it (tombstone) to start afresh");
            }
            return c;
        }
        LocalDate floor = config.from() != null
                ? config.from()
                : LocalDate.now(clock.withZone(CrawlMetrics.EXCHANGE_ZONE)).minusDays(config.initialLookbackDays());
        return CrawlCheckpoint.initial(key, floor);
    }

    private void loop() {
        int code = 1;
        try {
            code = polls();
            log.info("pilu crawl stopped: source={}", source());
        } catch (InterruptedException e) {
            // interrupted after the stop's grace period: the open transaction (if any) is aborted
            code = signal.stopRequested() ? exitCodeAfterPolls() : 1;
            log.info("pilu crawl stopped (interrupted): source={}", source());
        } catch (RuntimeException e) {
            log.error("pilu crawl {} failed: {}", source(), e.toString(), e);
        } finally {
            exitCode = code;
            signal.finished();
            exited.countDown();
        }
    }

    private int polls() throws InterruptedException {
        while (true) {
            pollStartedNanos = System.nanoTime();
            pollInProgress = true;
            metrics.pollRunning(true);
            try {
                PassResult result = pass.run();
                if (result.complete()) {
                    lastPollOk = true;
                    metrics.poll(true);
                    metrics.pollPages(result.pages());
                }
                log.info(
                        "{} poll {}: pages={} published={} high_water={} seen_ids={} ({})",
                        source(),
                        result.complete() ? "done" : "stopped",
                        result.pages(),
                        result.published(),
                        pass.state().highWater(),
                        pass.state().seenCount(),
                        result.reason());
            } catch (CrawlException e) {
                lastPollOk = false;
                metrics.poll(false);
                log.error(
                        "{} poll failed, the checkpoint stays where it was: {}",
                        source(),
                        e.getMessage(),
                        log.isDebugEnabled() ? e : null);
                if (e.getCause() instanceof ListingException l && l.kind() == ListingException.Kind.BLOCKED) {
                    blocked = e.getMessage();
                    log.error(
                            "{} blocks the crawler; it stops (no further polls) until restarted: {}",
                            source(),
                            e.getMessage());
                }
                if (e.fatal()) {
                    return 2;
                }
            } finally {
                pollInProgress = false;
                metrics.pollRunning(false);
            }
            if (config.once() || signal.stopRequested() || signal.awaitStop(config.pollInterval())) {
                return exitCodeAfterPolls();
            }
        }
    }

    /** 0 when the last poll succeeded (or, when long-running, none finished yet); else 1. */
    private int exitCodeAfterPolls() {
        return Boolean.TRUE.equals(lastPollOk) || (!config.once() && lastPollOk == null) ? 0 : 1;
    }

    /**
     * Waits for the polling to end (after one poll with {@code once}, a fatal error, or {@link #close()}); the
     * exit code of {@code pilu crawl}: 0 when the last poll succeeded, 1 when it failed, 2 on a fatal error.
     */
    public int awaitExit() throws InterruptedException {
        exited.await();
        return exitCode;
    }

    /** Whether the polling ended with a non-zero exit code without being asked to stop. */
    public boolean failed() {
        return exited.getCount() == 0 && exitCode != 0 && !signal.stopRequested();
    }

    /**
     * Liveness fails while a poll runs past its deadline: every request has its own deadline and the crawler checks
     * the poll's before each request, so such a poll is wedged, and a restart (which resumes from the checkpoint)
     * is the cure.
     */
    public Check liveness() {
        if (blocked != null) {
            return Check.failing(source() + " blocks the crawler: " + blocked);
        }
        return liveness(pollInProgress, System.nanoTime() - pollStartedNanos, config.pollDeadline());
    }

    static Check liveness(boolean pollInProgress, long pollRunningNanos, Duration pollDeadline) {
        if (pollInProgress && pollRunningNanos > pollDeadline.toNanos()) {
            return Check.failing("poll running for " + pollRunningNanos / 1_000_000_000L + " s, past its deadline of "
                    + pollDeadline.toSeconds() + " s (--poll-deadline)");
        }
        return Check.ok(pollInProgress ? "poll running" : "idle between polls");
    }

    public Check readiness() {
        if (Boolean.FALSE.equals(lastPollOk) && !pollInProgress) {
            return Check.failing("last poll failed");
        }
        if (!wiring.publisher.reachable()) {
            return Check.failing("Kafka not reachable");
        }
        return Check.ok(pollInProgress ? "poll in progress" : lastPollOk == null ? "starting" : "last poll succeeded");
    }

    /** Stops at the next safe point (see {@link StopSignal}), then closes the client and the producer. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        signal.close();
        wiring.close();
    }
}
