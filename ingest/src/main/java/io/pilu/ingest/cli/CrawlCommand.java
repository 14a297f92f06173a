package io.pilu.ingest.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pilu.ingest.crawl.CrawlConfig;
import io.pilu.ingest.crawl.CrawlService;
import io.pilu.service.CommonOptions;
import io.pilu.service.Lifecycle;
import io.pilu.service.Lifecycle.Phase;
import io.pilu.service.Metrics;
import io.pilu.service.OpsServer;
import io.pilu.service.Validation;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
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
 * {@code pilu crawl}: parses its options into a {@link CrawlConfig} and runs a {@link CrawlService} (polls bse.cn,
 * publishes new announcements with the checkpoint in the same Kafka transaction). Long-running (serves /metrics
 * /healthz /readyz) unless {@code --once}; Ctrl-C / SIGTERM stops it through one {@link Lifecycle}.
 */
@Command(
        name = "crawl",
        mixinStandardHelpOptions = true,
        description =
                "Crawl bse.cn or cninfo.com.cn (--source) announcements into Kafka (incremental, resumable; --once "
                        + "for one poll, --dry-run "
                        + "to print JSON lines instead).")
public final class CrawlCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(CrawlCommand.class);
    /** Default port of the crawler's ops endpoint. */
    public static final int DEFAULT_OPS_PORT = 9401;

    @Mixin
    CommonOptions common;

    @Mixin
    CrawlOptions options;

    @Option(
            names = "--once",
            defaultValue = "${env:PILU_CRAWL_ONCE:-false}",
            description = "Run one poll and exit: 0 when it succeeded, 1 when it failed (env PILU_CRAWL_ONCE, "
                    + "default ${DEFAULT-VALUE}).")
    boolean once;

    @Option(
            names = "--poll-interval",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "${env:PILU_CRAWL_POLL_INTERVAL:-60s}",
            description = "Pause between polls (env PILU_CRAWL_POLL_INTERVAL, default ${DEFAULT-VALUE}).")
    Duration pollInterval;

    @Option(
            names = "--from",
            paramLabel = "YYYY-MM-DD",
            defaultValue = "${env:PILU_CRAWL_FROM}",
            description = "Oldest publish date to crawl; for a fresh checkpoint the first poll starts here (env "
                    + "PILU_CRAWL_FROM, default: today minus --initial-lookback-days).")
    LocalDate from;

    @Option(
            names = "--to",
            paramLabel = "YYYY-MM-DD",
            defaultValue = "${env:PILU_CRAWL_TO}",
            description = "Newest publish date to crawl (env PILU_CRAWL_TO, default open).")
    LocalDate to;

    @Option(
            names = "--initial-lookback-days",
            paramLabel = "DAYS",
            defaultValue = "${env:PILU_CRAWL_INITIAL_LOOKBACK_DAYS:-7}",
            description = "Without a checkpoint and without --from, start this many days back (env "
                    + "PILU_CRAWL_INITIAL_LOOKBACK_DAYS, default ${DEFAULT-VALUE}).")
    int initialLookbackDays;

    @Option(
            names = "--retain-days",
            paramLabel = "DAYS",
            defaultValue = "${env:PILU_CRAWL_RETAIN_DAYS:-2}",
            description = "Announcements listed late with a date up to this many days before the newest one seen are "
                    + "still picked up (env PILU_CRAWL_RETAIN_DAYS, default ${DEFAULT-VALUE}).")
    int retainDays;

    @Option(
            names = "--max-pages-per-poll",
            paramLabel = "N",
            defaultValue = "${env:PILU_CRAWL_MAX_PAGES_PER_POLL:-1000}",
            description = "Listing pages one poll may read; a listing that does not end by then fails the poll "
                    + "(TOO_MANY_PAGES); catch up on longer outages with `pilu backfill` (env "
                    + "PILU_CRAWL_MAX_PAGES_PER_POLL, default ${DEFAULT-VALUE}).")
    int maxPagesPerPoll;

    @Option(
            names = "--poll-deadline",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "${env:PILU_CRAWL_POLL_DEADLINE:-30m}",
            description = "Longest poll: past it the poll fails at its next request (POLL_DEADLINE), and /healthz "
                    + "fails while a poll is still running (env PILU_CRAWL_POLL_DEADLINE, default ${DEFAULT-VALUE}).")
    Duration pollDeadline;

    @Option(
            names = "--seen-ids-max",
            paramLabel = "N",
            defaultValue = "${env:PILU_CRAWL_SEEN_IDS_MAX}",
            description = "Cap on the checkpoint's recently-seen ids (about 40 bytes each) (env "
                    + "PILU_CRAWL_SEEN_IDS_MAX, default " + BSE_SEEN_IDS_MAX + " for bse, " + CNINFO_SEEN_IDS_MAX
                    + " for cninfo).")
    Integer seenIdsMax;

    /** bse.cn lists a few hundred announcements a day: weeks of ids fit. */
    static final int BSE_SEEN_IDS_MAX = 10_000;

    /**
     * cninfo lists about 4,000 a day and a poll re-lists the window from the floor (high-water day minus
     * {@code --retain-days}), 3–4 days: the cap must hold that window with room to spare, or whole days would be
     * evicted, the floor raised past them and an announcement listed late with such a date missed.
     */
    static final int CNINFO_SEEN_IDS_MAX = 50_000;

    @Spec
    CommandSpec spec;

    private final PrintStream stdout;

    public CrawlCommand() {
        this(System.out);
    }

    CrawlCommand(PrintStream stdout) {
        this.stdout = stdout;
    }

    /**
     * The configuration these arguments describe (flags over {@code PILU_CRAWL_*} variables over defaults): how
     * {@code pilu local} reads its {@code --crawl-arg}s. Unlike on {@code pilu crawl}'s command line, an option that
     * takes one value may come more than once and the last one wins: {@code pilu local} puts its own defaults first,
     * then every {@code --crawl-arg}, then the source's own {@code --<source>-crawl-arg}s.
     *
     * @throws CommandLine.ParameterException on a usage error, naming the option
     */
    public static CrawlConfig parse(String... args) {
        CrawlCommand command = new CrawlCommand();
        CommandLine cl = new CommandLine(command).setOverwrittenOptionsAllowed(true);
        cl.parseArgs(args);
        return command.config();
    }

    /** The configuration the parsed options describe; a usage error names the option. */
    CrawlConfig config() {
        options.validate(spec.commandLine());
        Validation v = new Validation(spec.commandLine());
        v.positive("--max-pages-per-poll", maxPagesPerPoll);
        v.positive("--poll-deadline", pollDeadline);
        v.notNegative("--poll-interval", pollInterval);
        v.notNegative("--initial-lookback-days", initialLookbackDays);
        v.notNegative("--retain-days", retainDays);
        int seenIds = seenIdsMax != null
                ? seenIdsMax
                : options.source == CrawlOptions.Source.cninfo ? CNINFO_SEEN_IDS_MAX : BSE_SEEN_IDS_MAX;
        v.positive("--seen-ids-max", seenIds);
        return new CrawlConfig(
                options.settings(common),
                once,
                pollInterval,
                from,
                to,
                initialLookbackDays,
                retainDays,
                maxPagesPerPoll,
                pollDeadline,
                seenIds);
    }

    @Override
    public Integer call() throws Exception {
        CrawlConfig config = config();
        PrometheusMeterRegistry registry = Metrics.newRegistry("crawl");
        Lifecycle lifecycle = new Lifecycle("pilu-crawl").closeOnShutdown();
        try {
            CrawlService crawl = lifecycle.add(Phase.CRAWL, "crawl", CrawlService.start(config, registry, stdout));
            if (!once && common.opsEnabled(DEFAULT_OPS_PORT)) {
                OpsServer ops = lifecycle.add(
                        Phase.OPS,
                        "ops",
                        common.opsServer(registry, DEFAULT_OPS_PORT)
                                .liveness(crawl::liveness)
                                .readiness(crawl::readiness)
                                .start());
                log.info("pilu crawl ops={}", ops.url());
            }
            return crawl.awaitExit();
        } finally {
            lifecycle.close();
        }
    }
}
