package io.pilu.ingest.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pilu.ingest.CrawlMetrics;
import io.pilu.ingest.crawl.CrawlCheckpoint;
import io.pilu.ingest.crawl.CrawlException;
import io.pilu.ingest.crawl.IncrementalWalk;
import io.pilu.ingest.crawl.PassResult;
import io.pilu.ingest.crawl.ProgressListener;
import io.pilu.ingest.crawl.PublishException;
import io.pilu.model.Json;
import io.pilu.service.Check;
import io.pilu.service.CommonOptions;
import io.pilu.service.OpsServer;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pilu crawl}: polls bse.cn for new announcements and publishes them to the raw topic, with its checkpoint in
 * the same Kafka transaction. Long-running (serves /metrics /healthz /readyz) unless {@code --once}.
 */
@Command(name = "crawl", mixinStandardHelpOptions = true,
        description = "Crawl bse.cn announcements into Kafka (incremental, resumable; --once for one poll, --dry-run "
                + "to print JSON lines instead).")
public final class CrawlCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(CrawlCommand.class);
    /** Default port of the crawler's ops endpoint. */
    public static final int DEFAULT_OPS_PORT = 9401;

    @Mixin
    CommonOptions common;

    @Mixin
    CrawlOptions options;

    @Option(names = "--once", defaultValue = "${env:PILU_CRAWL_ONCE:-false}",
            description = "Run one poll and exit: 0 when it succeeded, 1 when it failed (env PILU_CRAWL_ONCE, "
                    + "default ${DEFAULT-VALUE}).")
    boolean once;

    @Option(names = "--poll-interval", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:PILU_CRAWL_POLL_INTERVAL:-60s}",
            description = "Pause between polls (env PILU_CRAWL_POLL_INTERVAL, default ${DEFAULT-VALUE}).")
    Duration pollInterval;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", defaultValue = "${env:PILU_CRAWL_FROM}",
            description = "Oldest publish date to crawl; for a fresh checkpoint the first poll starts here (env "
                    + "PILU_CRAWL_FROM, default: today minus --initial-lookback-days).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", defaultValue = "${env:PILU_CRAWL_TO}",
            description = "Newest publish date to crawl (env PILU_CRAWL_TO, default open).")
    LocalDate to;

    @Option(names = "--initial-lookback-days", paramLabel = "DAYS",
            defaultValue = "${env:PILU_CRAWL_INITIAL_LOOKBACK_DAYS:-7}",
            description = "Without a checkpoint and without --from, start this many days back (env "
                    + "PILU_CRAWL_INITIAL_LOOKBACK_DAYS, default ${DEFAULT-VALUE}).")
    int initialLookbackDays;

    @Option(names = "--retain-days", paramLabel = "DAYS", defaultValue = "${env:PILU_CRAWL_RETAIN_DAYS:-2}",
            description = "Announcements listed late with a date up to this many days before the newest one seen are "
                    + "still picked up (env PILU_CRAWL_RETAIN_DAYS, default ${DEFAULT-VALUE}).")
    int retainDays;

    @Option(names = "--max-pages-per-poll", paramLabel = "N",
            defaultValue = "${env:PILU_CRAWL_MAX_PAGES_PER_POLL:-1000}",
            description = "Listing pages one poll may read; a listing that does not end by then fails the poll "
                    + "(TOO_MANY_PAGES); catch up on longer outages with `pilu backfill` (env "
                    + "PILU_CRAWL_MAX_PAGES_PER_POLL, default ${DEFAULT-VALUE}).")
    int maxPagesPerPoll;

    @Option(names = "--poll-deadline", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:PILU_CRAWL_POLL_DEADLINE:-30m}",
            description = "Longest poll: past it the poll fails at its next request (POLL_DEADLINE), and /healthz "
                    + "fails while a poll is still running (env PILU_CRAWL_POLL_DEADLINE, default ${DEFAULT-VALUE}).")
    Duration pollDeadline;

    @Option(names = "--seen-ids-max", paramLabel = "N", defaultValue = "${env:PILU_CRAWL_SEEN_IDS_MAX:-10000}",
            description = "Cap on the checkpoint's recently-seen ids (about 40 bytes each) (env "
                    + "PILU_CRAWL_SEEN_IDS_MAX, default ${DEFAULT-VALUE}).")
    int seenIdsMax;

    @Spec
    CommandSpec spec;

    private final PrintStream stdout;
    private volatile Boolean lastPollOk; // null: no poll finished yet
    private volatile boolean pollInProgress;
    private volatile long pollStartedNanos;

    public CrawlCommand() {
        this(System.out);
    }

    CrawlCommand(PrintStream stdout) {
        this.stdout = stdout;
    }

    @Override
    public Integer call() throws Exception {
        options.validate(spec.commandLine());
        CrawlOptions.Validation v = new CrawlOptions.Validation(spec.commandLine());
        v.positive("--max-pages-per-poll", maxPagesPerPoll);
        v.positive("--poll-deadline", pollDeadline);
        v.notNegative("--poll-interval", pollInterval);
        v.notNegative("--initial-lookback-days", initialLookbackDays);
        v.notNegative("--retain-days", retainDays);
        v.positive("--seen-ids-max", seenIdsMax);
        PrometheusMeterRegistry registry = common.registry("crawl");
        CrawlMetrics metrics = new CrawlMetrics(registry);
        metrics.pollDeadline(pollDeadline);
        Clock clock = Clock.systemUTC();
        try (CrawlWiring wiring = new CrawlWiring(common, options, metrics, stdout, maxPagesPerPoll, pollDeadline);
             StopSignal signal = new StopSignal(wiring.crawler);
             OpsServer ops = once || !common.opsEnabled(DEFAULT_OPS_PORT) ? null
                     : common.opsServer(registry, DEFAULT_OPS_PORT).liveness(this::liveness)
                     .readiness(() -> readiness(wiring)).start()) {
            CrawlCheckpoint checkpoint = readCheckpoint(wiring, clock);
            IncrementalWalk walk = new IncrementalWalk(checkpoint, options.filter(from, to), retainDays, seenIdsMax,
                    clock);
            metrics.checkpoint(checkpoint.highWater(), checkpoint.seenCount());
            log.info("pilu crawl starting {} once={} poll_interval={}s high_water={} floor={} seen_ids={}{}",
                    String.join(" ", CrawlWiring.describe(common, options)), once, pollInterval.toSeconds(),
                    checkpoint.highWater(), checkpoint.floor(), checkpoint.seenCount(),
                    ops == null ? "" : " ops=" + ops.url());
            while (true) {
                pollStartedNanos = System.nanoTime();
                pollInProgress = true;
                metrics.pollRunning(true);
                try {
                    PassResult result = wiring.crawler.runPass(walk, ProgressListener.NONE);
                    if (result.complete()) {
                        lastPollOk = true;
                        metrics.poll(true);
                    }
                    log.info("poll {}: pages={} published={} high_water={} seen_ids={} ({})",
                            result.complete() ? "done" : "stopped", result.pages(), result.published(),
                            walk.state().highWater(), walk.state().seenCount(), result.reason());
                } catch (CrawlException e) {
                    lastPollOk = false;
                    metrics.poll(false);
                    log.error("poll failed, the checkpoint stays where it was: {}", e.getMessage(),
                            log.isDebugEnabled() ? e : null);
                    if (e.fatal()) {
                        return 2;
                    }
                } finally {
                    pollInProgress = false;
                    metrics.pollRunning(false);
                }
                if (once || signal.stopRequested() || signal.awaitStop(pollInterval)) {
                    break;
                }
            }
            log.info("pilu crawl stopped");
            return Boolean.TRUE.equals(lastPollOk) || (!once && lastPollOk == null) ? 0 : 1;
        }
    }

    private CrawlCheckpoint readCheckpoint(CrawlWiring wiring, Clock clock) throws PublishException {
        Optional<String> stored = wiring.publisher.readState(CrawlWiring.SOURCE);
        if (stored.isPresent()) {
            try {
                return Json.mapper().readValue(stored.get(), CrawlCheckpoint.class);
            } catch (Exception e) {
                // Guessing a position would risk a gap or a flood of duplicates: refuse to start instead.
                throw new IllegalStateException("the crawler state under key '" + CrawlWiring.SOURCE + "' is not a "
                        + "valid checkpoint (" + e.getMessage() + "); fix or delete it (tombstone) to start afresh", e);
            }
        }
        LocalDate floor = from != null ? from
                : LocalDate.now(clock.withZone(CrawlMetrics.EXCHANGE_ZONE)).minusDays(initialLookbackDays);
        return CrawlCheckpoint.initial(CrawlWiring.SOURCE, floor);
    }

    /**
     * Liveness fails while a poll runs past its deadline: every request has its own deadline and the crawler checks
     * the poll's before each request, so such a poll is wedged, and a restart (which resumes from the checkpoint)
     * is the cure.
     */
    private Check liveness() {
        return liveness(pollInProgress, System.nanoTime() - pollStartedNanos, pollDeadline);
    }

    static Check liveness(boolean pollInProgress, long pollRunningNanos, Duration pollDeadline) {
        if (pollInProgress && pollRunningNanos > pollDeadline.toNanos()) {
            return Check.failing("poll running for " + pollRunningNanos / 1_000_000_000L + " s, past its deadline of "
                    + pollDeadline.toSeconds() + " s (--poll-deadline)");
        }
        return Check.ok(pollInProgress ? "poll running" : "idle between polls");
    }

    private Check readiness(CrawlWiring wiring) {
        if (Boolean.FALSE.equals(lastPollOk) && !pollInProgress) {
            return Check.failing("last poll failed");
        }
        if (!wiring.publisher.reachable()) {
            return Check.failing("Kafka not reachable");
        }
        return Check.ok(pollInProgress ? "poll in progress" : lastPollOk == null ? "starting" : "last poll succeeded");
    }
}
