package io.pilu.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pilu.ingest.listing.ListingEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The crawler's meters, one instance per crawled source: every meter carries {@code source} ({@code bse},
 * {@code cninfo}), so two crawlers can share one registry ({@code pilu local}). Micrometer names {@code pilu.crawl.*}
 * render in Prometheus as (each with {@code source} besides the labels shown):
 *
 * <table>
 *   <caption>Crawler metrics</caption>
 *   <tr><td>{@code pilu_crawl_requests_total{endpoint,outcome}}</td><td>HTTP requests to the site by endpoint
 *       (warmup, company_announcement, disclosure_list, document, cninfo's query, stock_list…) and outcome (ok, session_expired, throttled,
 *       server_error, io_error, http_4xx…)</td></tr>
 *   <tr><td>{@code pilu_crawl_fetch_latency_seconds{endpoint}}</td><td>request latency histogram (to response
 *       headers)</td></tr>
 *   <tr><td>{@code pilu_crawl_documents_total{type,outcome}}</td><td>documents by file type and extraction outcome
 *       (OK, FAILED)</td></tr>
 *   <tr><td>{@code pilu_crawl_documents_refused_total}</td><td>document paths refused by the SSRF guard</td></tr>
 *   <tr><td>{@code pilu_crawl_downloaded_bytes_total}</td><td>document bytes downloaded</td></tr>
 *   <tr><td>{@code pilu_crawl_announcements_published_total}</td><td>raw records committed to Kafka</td></tr>
 *   <tr><td>{@code pilu_crawl_polls_total{outcome}}</td><td>polls (walks) by outcome (ok, failed)</td></tr>
 *   <tr><td>{@code pilu_crawl_last_successful_poll_seconds}</td><td>epoch seconds of the last successful poll</td></tr>
 *   <tr><td>{@code pilu_crawl_lag_seconds}</td><td>now minus the start (Beijing time) of the newest publish date
 *       seen</td></tr>
 *   <tr><td>{@code pilu_crawl_checkpoint_high_water_seconds}</td><td>the checkpoint's high-water publish date, epoch
 *       seconds (Beijing midnight)</td></tr>
 *   <tr><td>{@code pilu_crawl_checkpoint_seen_ids}</td><td>ids in the checkpoint's recently-seen set</td></tr>
 *   <tr><td>{@code pilu_crawl_listing_schema_errors_total{endpoint}}</td><td>listing responses that broke the
 *       contract</td></tr>
 *   <tr><td>{@code pilu_crawl_refusals_total{reason}}</td><td>hostile or broken input refused, by {@link Refusal}
 *       </td></tr>
 *   <tr><td>{@code pilu_crawl_poll_running_seconds}</td><td>how long the current poll has run (0 between polls)
 *       </td></tr>
 *   <tr><td>{@code pilu_crawl_poll_deadline_seconds}</td><td>{@code --poll-deadline}</td></tr>
 *   <tr><td>{@code pilu_crawl_empty_payload_total}</td><td>all-null listing payloads where results were expected
 *       (the poll fails)</td></tr>
 *   <tr><td>{@code pilu_crawl_blocked_total}</td><td>answers that mean the site blocks the crawler (403, challenge
 *       page): the crawler stops</td></tr>
 *   <tr><td>{@code pilu_crawl_script_rows_dropped_total}</td><td>listing rows whose document is a {@code .js}
 *       file, dropped</td></tr>
 *   <tr><td>{@code pilu_crawl_blocked}</td><td>1 once the site blocked the crawler (until it restarts)</td></tr>
 * </table>
 */
public final class CrawlMetrics {

    /** bse.cn publishes on Beijing time; dates become instants at Beijing midnight. */
    public static final ZoneId EXCHANGE_ZONE = ZoneId.of("Asia/Shanghai");

    /** The label every crawl meter carries. */
    public static final String SOURCE_TAG = "source";

    /** The sources Pilu crawls: the {@code source} label's values. */
    public static final String BSE = "bse";

    public static final String CNINFO = "cninfo";

    /** The {@code endpoint} label of cninfo's announcement query. */
    public static final String CNINFO_QUERY_ENDPOINT = "query";

    private final MeterRegistry registry;
    private final String source;
    private final Clock clock;
    private final Counter published;
    private final Counter downloaded;
    private final Counter refused;
    private final Counter emptyPayload;
    private final Counter blocked;
    private final Counter scriptRows;
    private final AtomicLong blockedNow = new AtomicLong();
    private final AtomicLong lastSuccessEpochSeconds = new AtomicLong();
    private final AtomicReference<LocalDate> newestSeen = new AtomicReference<>();
    private final AtomicReference<LocalDate> highWater = new AtomicReference<>();
    private final AtomicLong seenIds = new AtomicLong();
    private final AtomicLong pollStartedNanos = new AtomicLong();
    private final AtomicLong pollDeadlineSeconds = new AtomicLong();
    private final AtomicLong lastPollPages = new AtomicLong();

    /** The meters of the bse.cn crawl. */
    public CrawlMetrics(MeterRegistry registry) {
        this(registry, BSE);
    }

    /** The meters of {@code source}'s crawl. */
    public CrawlMetrics(MeterRegistry registry, String source) {
        this(registry, source, Clock.systemUTC());
    }

    CrawlMetrics(MeterRegistry registry, String source, Clock clock) {
        this.registry = registry;
        this.source = java.util.Objects.requireNonNull(source, "source");
        this.clock = clock;
        this.published = Counter.builder("pilu.crawl.announcements.published")
                .description("Raw announcements committed to Kafka")
                .tag(SOURCE_TAG, source)
                .register(registry);
        this.downloaded = Counter.builder("pilu.crawl.downloaded")
                .baseUnit("bytes")
                .description("Document bytes downloaded")
                .tag(SOURCE_TAG, source)
                .register(registry);
        this.refused = Counter.builder("pilu.crawl.documents.refused")
                .description("Document paths refused by the SSRF guard (off-host, traversal, absolute URL)")
                .tag(SOURCE_TAG, source)
                .register(registry);
        Gauge.builder("pilu.crawl.last.successful.poll", lastSuccessEpochSeconds, AtomicLong::doubleValue)
                .baseUnit("seconds")
                .description("Epoch seconds of the last successful poll")
                .tag(SOURCE_TAG, source)
                .register(registry);
        Gauge.builder("pilu.crawl.lag", this, CrawlMetrics::lagSeconds)
                .baseUnit("seconds")
                .description("Now minus the newest publish date seen (Beijing midnight)")
                .tag(SOURCE_TAG, source)
                .register(registry);
        Gauge.builder("pilu.crawl.checkpoint.high.water", highWater, h -> epochSeconds(h.get()))
                .baseUnit("seconds")
                .description("The checkpoint's high-water publish date as epoch seconds")
                .tag(SOURCE_TAG, source)
                .register(registry);
        Gauge.builder("pilu.crawl.checkpoint.seen.ids", seenIds, AtomicLong::doubleValue)
                .description("Ids in the checkpoint's recently-seen set")
                .tag(SOURCE_TAG, source)
                .register(registry);
        this.emptyPayload = Counter.builder("pilu.crawl.empty.payload")
                .description("All-null listing payloads where results were expected")
                .tag(SOURCE_TAG, source)
                .register(registry);
        this.blocked = Counter.builder("pilu.crawl.blocked")
                .description("Answers meaning the site blocks the crawler (403, challenge page)")
                .tag(SOURCE_TAG, source)
                .register(registry);
        this.scriptRows = Counter.builder("pilu.crawl.script.rows.dropped")
                .description("Listing rows whose document is a .js file, dropped")
                .tag(SOURCE_TAG, source)
                .register(registry);
        Gauge.builder("pilu.crawl.blocked.state", blockedNow, AtomicLong::doubleValue)
                .description("1 once the site blocked the crawler, until the crawler restarts")
                .tag(SOURCE_TAG, source)
                .register(registry);
        // Alerts watch increase() of these; a series that first appears with the first event would hide that event
        // (increase() needs two samples), so every known tag value exists at 0 from the start.
        for (String outcome : new String[] {"ok", "failed"}) {
            registry.counter("pilu.crawl.polls", SOURCE_TAG, source, "outcome", outcome);
        }
        for (String endpoint : listingEndpoints(source)) {
            registry.counter("pilu.crawl.listing.schema.errors", SOURCE_TAG, source, "endpoint", endpoint);
        }
        for (Refusal r : Refusal.values()) {
            refusals(r);
        }
        Gauge.builder("pilu.crawl.poll.running", this, CrawlMetrics::pollRunningSeconds)
                .baseUnit("seconds")
                .description("How long the current poll has been running; 0 between polls")
                .tag(SOURCE_TAG, source)
                .register(registry);
        Gauge.builder("pilu.crawl.poll.deadline", pollDeadlineSeconds, AtomicLong::doubleValue)
                .baseUnit("seconds")
                .description("The poll deadline (--poll-deadline); a poll running longer is stuck")
                .tag(SOURCE_TAG, source)
                .register(registry);
        Gauge.builder("pilu.crawl.poll.pages", lastPollPages, AtomicLong::doubleValue)
                .description("Listing pages the last complete poll requested: what a poll costs the site")
                .tag(SOURCE_TAG, source)
                .register(registry);
    }

    /** The {@code endpoint} values of {@code source}'s listing requests (its schema errors exist at 0). */
    static java.util.List<String> listingEndpoints(String source) {
        if (CNINFO.equals(source)) {
            return java.util.List.of(CNINFO_QUERY_ENDPOINT);
        }
        return java.util.Arrays.stream(ListingEndpoint.values())
                .map(ListingEndpoint::metricTag)
                .toList();
    }

    private Counter refusals(Refusal reason) {
        return Counter.builder("pilu.crawl.refusals")
                .tag("reason", reason.tag())
                .description("Hostile or broken input from the exchange refused, by reason")
                .tag(SOURCE_TAG, source)
                .register(registry);
    }

    /** Counts one refusal. */
    public void refused(Refusal reason) {
        refusals(reason).increment();
    }

    public void pollDeadline(Duration deadline) {
        pollDeadlineSeconds.set(deadline.toSeconds());
    }

    /** A poll started ({@code true}) or ended. */
    public void pollRunning(boolean running) {
        pollStartedNanos.set(running ? System.nanoTime() : 0);
    }

    private double pollRunningSeconds() {
        long started = pollStartedNanos.get();
        return started == 0 ? 0 : (System.nanoTime() - started) / 1e9;
    }

    /** Metrics that go nowhere, for tools and tests that do not expose them. */
    public static CrawlMetrics discarding() {
        return new CrawlMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The {@code source} label of these meters. */
    public String source() {
        return source;
    }

    /** An all-null listing payload arrived where results were expected. */
    public void emptyPayload() {
        emptyPayload.increment();
    }

    /** The site answered with a block (403, challenge page). */
    public void blocked() {
        blocked.increment();
        blockedNow.set(1);
    }

    /** {@code count} listing rows pointing at a {@code .js} file were dropped. */
    public void scriptRowsDropped(int count) {
        scriptRows.increment(count);
    }

    public void request(String endpoint, String outcome) {
        registry.counter("pilu.crawl.requests", SOURCE_TAG, source, "endpoint", endpoint, "outcome", outcome)
                .increment();
    }

    public void latency(String endpoint, Duration duration) {
        Timer.builder("pilu.crawl.fetch.latency")
                .tag("endpoint", endpoint)
                .publishPercentileHistogram()
                .description("Request latency to response headers")
                .tag(SOURCE_TAG, source)
                .register(registry)
                .record(duration.toNanos(), TimeUnit.NANOSECONDS);
    }

    public void document(String fileType, String outcome) {
        registry.counter(
                        "pilu.crawl.documents",
                        SOURCE_TAG,
                        source,
                        "type",
                        fileType == null || fileType.isBlank() ? "unknown" : fileType,
                        "outcome",
                        outcome)
                .increment();
    }

    public void documentRefused() {
        refused.increment();
    }

    public void bytesDownloaded(long bytes) {
        downloaded.increment(bytes);
    }

    public void published(int count) {
        published.increment(count);
    }

    public void schemaError(String endpoint) {
        registry.counter("pilu.crawl.listing.schema.errors", SOURCE_TAG, source, "endpoint", endpoint)
                .increment();
    }

    /** Records the listing pages a complete poll requested. */
    public void pollPages(int pages) {
        lastPollPages.set(pages);
    }

    public void poll(boolean ok) {
        registry.counter("pilu.crawl.polls", SOURCE_TAG, source, "outcome", ok ? "ok" : "failed")
                .increment();
        if (ok) {
            lastSuccessEpochSeconds.set(clock.instant().getEpochSecond());
        }
    }

    /** Records the newest publish date seen in a listing (for the lag gauge). */
    public void sawPublishDate(LocalDate date) {
        newestSeen.accumulateAndGet(date, (a, b) -> a == null || b.isAfter(a) ? b : a);
    }

    public void checkpoint(LocalDate highWaterDate, int seen) {
        highWater.set(highWaterDate);
        seenIds.set(seen);
        if (highWaterDate != null) {
            sawPublishDate(highWaterDate);
        }
    }

    private double lagSeconds() {
        LocalDate newest = newestSeen.get();
        if (newest == null) {
            return Double.NaN;
        }
        return Duration.between(newest.atStartOfDay(EXCHANGE_ZONE).toInstant(), clock.instant())
                .toSeconds();
    }

    private static double epochSeconds(LocalDate date) {
        return date == null ? Double.NaN : date.atStartOfDay(EXCHANGE_ZONE).toEpochSecond();
    }
}
