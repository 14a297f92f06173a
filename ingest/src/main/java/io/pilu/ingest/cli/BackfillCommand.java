package io.pilu.ingest.cli;

import io.pilu.ingest.CrawlMetrics;
import io.pilu.ingest.crawl.BackfillCheckpoint;
import io.pilu.ingest.crawl.CrawlException;
import io.pilu.ingest.crawl.CrawlWiring;
import io.pilu.ingest.crawl.CrawlerSettings;
import io.pilu.ingest.crawl.PassResult;
import io.pilu.ingest.crawl.StopSignal;
import io.pilu.ingest.crawl.Walk;
import io.pilu.model.Json;
import io.pilu.service.CommonOptions;
import io.pilu.service.Lifecycle;
import io.pilu.service.Lifecycle.Phase;
import io.pilu.service.Metrics;
import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pilu backfill --from 2024-01-01 --to 2024-06-30}: publishes every announcement of a past date range, with
 * a live progress bar. Resumable: the state (key {@code bse:backfill:<from>:<to>}) is committed with each page, so
 * re-running the same command after a crash or Ctrl-C continues where it stopped, without duplicates.
 */
@Command(
        name = "backfill",
        mixinStandardHelpOptions = true,
        description = "Publish all bse.cn announcements of a date range (resumable: re-run the same command to "
                + "continue).")
public final class BackfillCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(BackfillCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    CrawlOptions options;

    @Option(
            names = "--from",
            paramLabel = "YYYY-MM-DD",
            defaultValue = "${env:PILU_CRAWL_BACKFILL_FROM}",
            description = "First publish date, inclusive (required; env PILU_CRAWL_BACKFILL_FROM).")
    LocalDate from;

    @Option(
            names = "--to",
            paramLabel = "YYYY-MM-DD",
            defaultValue = "${env:PILU_CRAWL_BACKFILL_TO}",
            description = "Last publish date, inclusive (required; env PILU_CRAWL_BACKFILL_TO).")
    LocalDate to;

    private final PrintStream stdout;

    public BackfillCommand() {
        this(System.out);
    }

    BackfillCommand(PrintStream stdout) {
        this.stdout = stdout;
    }

    @Override
    public Integer call() throws Exception {
        if (from == null || to == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "backfill needs --from and --to (YYYY-MM-DD)");
        }
        if (from.isAfter(to)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--from " + from + " is after --to " + to);
        }
        options.validate(spec.commandLine());
        CrawlerSettings settings = options.settings(common);
        CrawlMetrics metrics = new CrawlMetrics(
                Metrics.newRegistry("backfill"), settings.source().name());
        Clock clock = Clock.systemUTC();
        String source = settings.source().name();
        String key = BackfillCheckpoint.key(source, from, to);
        // On Ctrl-C the one shutdown hook stops the crawler at its next safe point and waits for the page under way.
        Lifecycle lifecycle = new Lifecycle("pilu-backfill").closeOnShutdown();
        StopSignal signal = null;
        try {
            CrawlWiring<?> wiring = lifecycle.add(Phase.CRAWL, "backfill", CrawlWiring.of(settings, metrics, stdout));
            signal =
                    lifecycle.add(Phase.CRAWL, "backfill-stop", new StopSignal(wiring.crawler, Thread.currentThread()));
            BackfillCheckpoint state = readState(wiring, source, key);
            if (state.done()) {
                log.info(
                        "backfill {}..{} is already complete ({} announcements published); nothing to do",
                        from,
                        to,
                        state.published());
                return 0;
            }
            log.info(
                    "pilu backfill starting {} from={} to={} resume_frontier={} already_published={}",
                    String.join(" ", settings.describe()),
                    from,
                    to,
                    state.frontier(),
                    state.published());
            // The bar needs an interactive terminal and must not mix with JSON lines on stdout (--dry-run).
            boolean bar = System.console() != null && !options.dryRun;
            BackfillProgress progress = new BackfillProgress(bar ? stdout : null, System::nanoTime);
            Backfill<?> walk = backfill(wiring, state, clock);
            try {
                PassResult result = walk.run(progress);
                progress.finish(result.complete() ? "complete" : "stopped (re-run the same command to resume)");
                return result.complete() ? 0 : 1;
            } catch (CrawlException e) {
                progress.finish("failed (re-run the same command to resume)");
                log.error(
                        "backfill failed; the state stays at frontier {}: {}",
                        walk.state().frontier(),
                        e.getMessage(),
                        e);
                return e.fatal() ? 2 : 1;
            }
        } finally {
            if (signal != null) {
                signal.finished(); // before close(): a stop under way waits for exactly this
            }
            lifecycle.close();
        }
    }

    /** A crawler and a backfill walk of the same source. */
    private record Backfill<Q>(CrawlWiring<Q> wiring, Walk<Q> walk) {
        PassResult run(BackfillProgress progress) throws CrawlException, InterruptedException {
            return wiring.runPass(walk, progress);
        }

        BackfillCheckpoint state() {
            return (BackfillCheckpoint) walk.state();
        }
    }

    private <Q> Backfill<Q> backfill(CrawlWiring<Q> wiring, BackfillCheckpoint state, Clock clock) {
        return new Backfill<>(wiring, wiring.source.backfill(state, from, to, clock));
    }

    private BackfillCheckpoint readState(CrawlWiring<?> wiring, String source, String key) throws Exception {
        Optional<String> stored = wiring.publisher.readState(key);
        if (stored.isEmpty()) {
            return BackfillCheckpoint.initial(source, from, to);
        }
        try {
            return Json.mapper().readValue(stored.get(), BackfillCheckpoint.class);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "the backfill state under key '" + key + "' is not valid (" + e.getMessage()
                            + "); fix or delete it (tombstone) to start the range afresh",
                    e);
        }
    }
}
