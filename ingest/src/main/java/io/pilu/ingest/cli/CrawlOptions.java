package io.pilu.ingest.cli;

import io.pilu.ingest.cninfo.CninfoClientConfig;
import io.pilu.ingest.cninfo.CninfoQuery;
import io.pilu.ingest.crawl.BseCrawlSource;
import io.pilu.ingest.crawl.CninfoCrawlSource;
import io.pilu.ingest.crawl.CrawlSource;
import io.pilu.ingest.crawl.CrawlerSettings;
import io.pilu.ingest.document.ExtractionBudget;
import io.pilu.ingest.http.BackoffPolicy;
import io.pilu.ingest.http.BseClientConfig;
import io.pilu.ingest.listing.ListingEndpoint;
import io.pilu.ingest.listing.ListingFilter;
import io.pilu.service.CommonOptions;
import io.pilu.service.Validation;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Options shared by {@code pilu crawl} and {@code pilu backfill} (picocli mixin). Every option has an environment
 * variable; the flag wins over the variable.
 */
public final class CrawlOptions {

    /** The sites Pilu crawls. */
    public enum Source {
        bse,
        cninfo
    }

    @Option(
            names = "--source",
            paramLabel = "SOURCE",
            defaultValue = "${env:PILU_CRAWL_SOURCE:-bse}",
            description = "Site to crawl: bse (bse.cn, Beijing) or cninfo (cninfo.com.cn: Shenzhen, Shanghai and "
                    + "Beijing) (env PILU_CRAWL_SOURCE, default ${DEFAULT-VALUE}).")
    public Source source = Source.bse;

    @Option(
            names = "--base-url",
            paramLabel = "URL",
            description = "Site base URL. bse: list endpoints, warm-up page and documents are below it, and documents "
                    + "are fetched from this host only (env PILU_BSE_BASE_URL, default " + BSE_BASE_URL + "); "
                    + "cninfo: the query and the stock list (env PILU_CNINFO_BASE_URL, default " + CNINFO_BASE_URL
                    + ").")
    public URI baseUrl;

    @Option(
            names = "--document-base-url",
            paramLabel = "URL",
            defaultValue = "${env:PILU_CNINFO_DOCUMENT_URL:-" + CNINFO_DOCUMENT_URL + "}",
            description = "cninfo only: the document host; documents are fetched from it and nowhere else (env "
                    + "PILU_CNINFO_DOCUMENT_URL, default ${DEFAULT-VALUE}).")
    public URI documentBaseUrl;

    @Option(
            names = "--column",
            paramLabel = "COLUMN",
            split = ",",
            defaultValue = "${env:PILU_CRAWL_COLUMNS:-szse,bj}",
            description = "cninfo only: market columns to list, repeatable or comma-separated: szse (Shenzhen and "
                    + "Shanghai), sse, bj; each is "
                    + "listed on its own, rows found in several are published once (env PILU_CRAWL_COLUMNS, default "
                    + "${DEFAULT-VALUE}).")
    public List<String> columns;

    @Option(
            names = "--tab",
            paramLabel = "TAB",
            split = ",",
            defaultValue = "${env:PILU_CRAWL_TABS:-fulltext,relation}",
            description = "cninfo only: tabs to list, repeatable or comma-separated: fulltext (announcements), "
                    + "relation (调研 records); rows found in both are published once (env PILU_CRAWL_TABS, default "
                    + "${DEFAULT-VALUE}).")
    public List<String> tabs;

    @Option(
            names = "--category",
            paramLabel = "CODE",
            split = ",",
            defaultValue = "${env:PILU_CRAWL_CATEGORIES:-}",
            description = "cninfo only: category codes, repeatable or comma-separated, e.g. category_dyhd_szdy; codes "
                    + "ending _szdy go to the relation tab, others to fulltext, and a tab with none is not listed; "
                    + "empty = all (env PILU_CRAWL_CATEGORIES, default all).")
    public List<String> categories;

    @Option(
            names = "--list-interval",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "${env:PILU_CRAWL_LIST_INTERVAL:-1s}",
            description = "cninfo only: least time between two list requests, plus --interval-jitter (env "
                    + "PILU_CRAWL_LIST_INTERVAL, default ${DEFAULT-VALUE}).")
    public Duration listInterval;

    @Option(
            names = "--full-relist-interval",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "${env:PILU_CRAWL_FULL_RELIST_INTERVAL:-1h}",
            description = "cninfo only: between full re-listings of the window, a poll pages only through the parts "
                    + "whose first page shows a change since this process last listed them; 0s lists everything "
                    + "every poll (env PILU_CRAWL_FULL_RELIST_INTERVAL, default ${DEFAULT-VALUE}).")
    public Duration fullRelistInterval;

    @Option(
            names = "--document-interval",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "${env:PILU_CRAWL_DOCUMENT_INTERVAL:-2s}",
            description = "cninfo only: least time between two document downloads, plus --interval-jitter (env "
                    + "PILU_CRAWL_DOCUMENT_INTERVAL, default ${DEFAULT-VALUE}).")
    public Duration documentInterval;

    @Option(
            names = "--interval-jitter",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "${env:PILU_CRAWL_INTERVAL_JITTER:-1s}",
            description = "cninfo only: up to this much more, at random, after each interval (env "
                    + "PILU_CRAWL_INTERVAL_JITTER, default ${DEFAULT-VALUE}).")
    public Duration intervalJitter;

    /** {@code --base-url}'s default per source. */
    public static final String BSE_BASE_URL = "https://www.bse.cn";

    public static final String CNINFO_BASE_URL = "http://www.cninfo.com.cn";
    public static final String CNINFO_DOCUMENT_URL = "http://static.cninfo.com.cn";

    /** How the environment is read (a seam for tests; the flag always wins). */
    static java.util.function.UnaryOperator<String> env = System::getenv;

    @Option(
            names = "--endpoint",
            paramLabel = "ENDPOINT",
            defaultValue = "${env:PILU_CRAWL_ENDPOINT:-COMPANY_ANNOUNCEMENT}",
            description = "List endpoint to use first: ${COMPLETION-CANDIDATES} (env PILU_CRAWL_ENDPOINT, default "
                    + "${DEFAULT-VALUE}).")
    public ListingEndpoint endpoint;

    @Option(
            names = "--fallback-endpoint",
            negatable = true,
            fallbackValue = "true",
            defaultValue = "${env:PILU_CRAWL_FALLBACK_ENDPOINT:-true}",
            description = "When the endpoint fails (schema drift, retries exhausted, 404), switch to the other one "
                    + "for the pass (env PILU_CRAWL_FALLBACK_ENDPOINT, default ${DEFAULT-VALUE}).")
    public boolean fallbackEndpoint;

    @Option(
            names = "--rate-limit",
            paramLabel = "REQ_PER_S",
            defaultValue = "${env:PILU_CRAWL_RATE_LIMIT:-2}",
            description = "Global request rate shared by listing, warm-up and document downloads (env "
                    + "PILU_CRAWL_RATE_LIMIT, default ${DEFAULT-VALUE}/s).")
    public double rateLimit;

    @Option(
            names = "--connect-timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "${env:PILU_CRAWL_CONNECT_TIMEOUT:-10s}",
            description = "TCP/TLS connect timeout (env PILU_CRAWL_CONNECT_TIMEOUT, default ${DEFAULT-VALUE}).")
    public Duration connectTimeout;

    @Option(
            names = "--read-timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "${env:PILU_CRAWL_READ_TIMEOUT:-60s}",
            description = "Longest wait for response headers and longest stall inside a document body (env "
                    + "PILU_CRAWL_READ_TIMEOUT, default ${DEFAULT-VALUE}).")
    public Duration readTimeout;

    @Option(
            names = "--max-document-bytes",
            paramLabel = "BYTES",
            defaultValue = "${env:PILU_CRAWL_MAX_DOCUMENT_BYTES:-52428800}",
            description = "Larger documents are not downloaded; their record is FAILED with the reason (env "
                    + "PILU_CRAWL_MAX_DOCUMENT_BYTES, default ${DEFAULT-VALUE} = 50 MiB).")
    public long maxDocumentBytes;

    @Option(
            names = "--max-text-chars",
            paramLabel = "CHARS",
            defaultValue = "${env:PILU_CRAWL_MAX_TEXT_CHARS:-300000}",
            description = "Text budget: extraction stops here and the record keeps the text cut, noted in "
                    + "extractionError (TEXT_TRUNCATED) (env PILU_CRAWL_MAX_TEXT_CHARS, default ${DEFAULT-VALUE}).")
    public int maxTextChars;

    @Option(
            names = "--extract-timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "${env:PILU_CRAWL_EXTRACT_TIMEOUT:-60s}",
            description = "Longest text extraction of one document; past it the record is FAILED "
                    + "(TEXT_BUDGET_EXCEEDED) (env PILU_CRAWL_EXTRACT_TIMEOUT, default ${DEFAULT-VALUE}).")
    public Duration extractTimeout;

    @Option(
            names = "--request-deadline",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "${env:PILU_CRAWL_REQUEST_DEADLINE:-5m}",
            description = "Longest time one request (warm-up, listing, document) may take, body included: a server "
                    + "trickling bytes is cut off here (env PILU_CRAWL_REQUEST_DEADLINE, default ${DEFAULT-VALUE}).")
    public Duration requestDeadline;

    @Option(
            names = "--max-listing-bytes",
            paramLabel = "BYTES",
            defaultValue = "${env:PILU_CRAWL_MAX_LISTING_BYTES:-4194304}",
            description = "Larger listing bodies are refused (LISTING_TOO_LARGE) and the poll fails (env "
                    + "PILU_CRAWL_MAX_LISTING_BYTES, default ${DEFAULT-VALUE} = 4 MiB).")
    public long maxListingBytes;

    @Option(
            names = "--max-listing-rows",
            paramLabel = "N",
            defaultValue = "${env:PILU_CRAWL_MAX_LISTING_ROWS:-1000}",
            description = "Listing pages with more rows are refused (LISTING_TOO_MANY_ROWS) and the poll fails (env "
                    + "PILU_CRAWL_MAX_LISTING_ROWS, default ${DEFAULT-VALUE}).")
    public int maxListingRows;

    @Option(
            names = "--max-attempts",
            paramLabel = "N",
            defaultValue = "${env:PILU_CRAWL_MAX_ATTEMPTS:-6}",
            description = "Attempts per request on 429, 5xx and I/O errors, first one included (env "
                    + "PILU_CRAWL_MAX_ATTEMPTS, default ${DEFAULT-VALUE}).")
    public int maxAttempts;

    @Option(
            names = "--backoff-initial",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "${env:PILU_CRAWL_BACKOFF_INITIAL:-1s}",
            description = "First retry wait before jitter; doubles per retry (env PILU_CRAWL_BACKOFF_INITIAL, "
                    + "default ${DEFAULT-VALUE}).")
    public Duration backoffInitial;

    @Option(
            names = "--backoff-max",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "${env:PILU_CRAWL_BACKOFF_MAX:-60s}",
            description = "Cap on one retry wait, also on a server's Retry-After (env PILU_CRAWL_BACKOFF_MAX, "
                    + "default ${DEFAULT-VALUE}).")
    public Duration backoffMax;

    @Option(
            names = "--session-ttl",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "${env:PILU_CRAWL_SESSION_TTL:-4m}",
            description = "Re-warm the session cookie after this long; bse.cn's lasts about 5 min (env "
                    + "PILU_CRAWL_SESSION_TTL, default ${DEFAULT-VALUE}).")
    public Duration sessionTtl;

    @Option(
            names = "--company-codes",
            paramLabel = "CODES",
            defaultValue = "${env:PILU_CRAWL_COMPANY_CODES:-}",
            description = "Comma-separated six-digit codes to crawl; empty = all (env PILU_CRAWL_COMPANY_CODES, "
                    + "default all).")
    public String companyCodes;

    @Option(
            names = "--keyword",
            paramLabel = "TEXT",
            defaultValue = "${env:PILU_CRAWL_KEYWORD:-}",
            description = "Only titles containing this, e.g. 投资者关系活动记录表 (env PILU_CRAWL_KEYWORD, default none).")
    public String keyword;

    @Option(
            names = "--type-codes",
            paramLabel = "CODES",
            defaultValue = "${env:PILU_CRAWL_TYPE_CODES:-}",
            description = "Comma-separated type/subtype codes, e.g. 9504 or 9503-1001; empty = all (env "
                    + "PILU_CRAWL_TYPE_CODES, default all).")
    public String typeCodes;

    @Option(
            names = "--transactional-id",
            paramLabel = "ID",
            defaultValue = "${env:PILU_CRAWL_TRANSACTIONAL_ID}",
            description = "Kafka transactional.id; a restarted crawler with the same id fences the old one. One per "
                    + "concurrently running crawler (env PILU_CRAWL_TRANSACTIONAL_ID, default pilu-crawl-<source>).")
    public String transactionalId;

    @Option(
            names = "--transaction-timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "${env:PILU_CRAWL_TRANSACTION_TIMEOUT:-60s}",
            description = "Kafka transaction.timeout.ms: an open transaction of a killed crawler is aborted after "
                    + "this (env PILU_CRAWL_TRANSACTION_TIMEOUT, default ${DEFAULT-VALUE}).")
    public Duration transactionTimeout;

    @Option(
            names = "--work-dir",
            paramLabel = "DIR",
            defaultValue = "${env:PILU_CRAWL_WORK_DIR:-${sys:java.io.tmpdir}/pilu-crawl}",
            description = "Where documents are spooled while being read; each is deleted after extraction (env "
                    + "PILU_CRAWL_WORK_DIR, default <tmpdir>/pilu-crawl).")
    public Path workDir;

    @Option(
            names = "--dry-run",
            defaultValue = "${env:PILU_CRAWL_DRY_RUN:-false}",
            description = "Print raw records as JSON lines on stdout instead of producing to Kafka; state is kept in "
                    + "memory only, no Kafka needed (env PILU_CRAWL_DRY_RUN, default ${DEFAULT-VALUE}).")
    public boolean dryRun;

    /** What crawl and backfill share, from these options and the common ones. */
    public CrawlerSettings settings(CommonOptions common) {
        return new CrawlerSettings(
                common.bootstrapServers,
                common.topics(),
                common.replicationFactor,
                crawlSource(),
                extractionBudget(),
                workDir,
                transactionalId(),
                transactionTimeout,
                dryRun);
    }

    /** The site to crawl, with its client and filter. */
    public CrawlSource<?> crawlSource() {
        return switch (source) {
            case bse -> new BseCrawlSource(clientConfig(), endpoint, fallbackEndpoint, filter(null, null));
            case cninfo -> cninfoSource();
        };
    }

    private CrawlSource<?> cninfoSource() {
        return new CninfoCrawlSource(
                cninfoClientConfig(),
                distinct(columns),
                distinct(tabs),
                distinct(categories),
                new LinkedHashSet<>(list(companyCodes)),
                keyword,
                fullRelistInterval);
    }

    /** The cninfo client configuration: its politeness, and the caps and retries shared with bse.cn. */
    public CninfoClientConfig cninfoClientConfig() {
        return new CninfoClientConfig(
                baseUrl(),
                documentBaseUrl,
                connectTimeout,
                readTimeout,
                requestDeadline,
                maxDocumentBytes,
                maxListingBytes,
                maxListingRows,
                listInterval,
                intervalJitter,
                documentInterval,
                intervalJitter,
                new BackoffPolicy(backoffInitial, backoffMax, maxAttempts),
                BseClientConfig.DEFAULT_USER_AGENT,
                CninfoClientConfig.DEFAULT_STOCK_LIST_TTL,
                CninfoClientConfig.DEFAULT_MAX_STOCK_LIST_BYTES);
    }

    private static List<String> distinct(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream()
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .distinct()
                .toList();
    }

    /** {@code --transactional-id}, else {@code pilu-crawl-<source>}: two sources never fence each other. */
    public String transactionalId() {
        return transactionalId == null || transactionalId.isBlank() ? "pilu-crawl-" + source : transactionalId;
    }

    /** {@code --base-url}, else the source's variable, else its default. */
    public URI baseUrl() {
        if (baseUrl != null) {
            return baseUrl;
        }
        String variable = source == Source.cninfo ? "PILU_CNINFO_BASE_URL" : "PILU_BSE_BASE_URL";
        String fromEnv = env.apply(variable);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return URI.create(fromEnv.strip());
        }
        return URI.create(source == Source.cninfo ? CNINFO_BASE_URL : BSE_BASE_URL);
    }

    /** The HTTP client configuration. */
    public BseClientConfig clientConfig() {
        return new BseClientConfig(
                baseUrl(),
                connectTimeout,
                readTimeout,
                maxDocumentBytes,
                rateLimit,
                new BackoffPolicy(backoffInitial, backoffMax, maxAttempts),
                sessionTtl,
                BseClientConfig.DEFAULT_USER_AGENT,
                requestDeadline,
                maxListingBytes,
                maxListingRows);
    }

    /** What reading one document may cost. */
    public ExtractionBudget extractionBudget() {
        return ExtractionBudget.defaults().withMaxTextChars(maxTextChars).withTimeout(extractTimeout);
    }

    /**
     * Checks the values picocli cannot: a usage error (exit 2) names the option, instead of an exception deep in the
     * crawl (e.g. {@code --max-text-chars 0} was a StringIndexOutOfBoundsException).
     */
    public void validate(CommandLine commandLine) {
        Validation v = new Validation(commandLine);
        v.positive("--max-text-chars", maxTextChars);
        v.positive("--max-document-bytes", maxDocumentBytes);
        v.positive("--max-listing-bytes", maxListingBytes);
        v.positive("--max-listing-rows", maxListingRows);
        v.positive("--max-attempts", maxAttempts);
        v.positive("--connect-timeout", connectTimeout);
        v.positive("--read-timeout", readTimeout);
        v.positive("--request-deadline", requestDeadline);
        v.positive("--extract-timeout", extractTimeout);
        v.positive("--session-ttl", sessionTtl);
        v.notNegative("--backoff-initial", backoffInitial);
        v.notNegative("--backoff-max", backoffMax);
        v.notNegative("--list-interval", listInterval);
        v.notNegative("--full-relist-interval", fullRelistInterval);
        v.notNegative("--document-interval", documentInterval);
        v.notNegative("--interval-jitter", intervalJitter);
        if (source == Source.cninfo) {
            if (!list(typeCodes).isEmpty()) {
                v.fail("--type-codes is bse.cn's filter; for cninfo use --category");
            }
            for (String c : distinct(columns)) {
                if (!CninfoQuery.COLUMNS.contains(c)) {
                    v.fail("--column must be szse, sse or bj, not '" + c + "'");
                }
            }
            for (String t : distinct(tabs)) {
                if (!CninfoQuery.TABS.contains(t)) {
                    v.fail("--tab must be fulltext or relation, not '" + t + "'");
                }
            }
            if (distinct(columns).isEmpty() || distinct(tabs).isEmpty()) {
                v.fail("--column and --tab need at least one value each");
            }
            for (String c : list(companyCodes)) {
                if (!c.matches("[0-9]{6}")) {
                    v.fail("--company-codes: '" + c + "' is not a six-digit code");
                }
            }
            checkUrl(v, "--document-base-url", documentBaseUrl);
            try {
                cninfoSource();
            } catch (IllegalArgumentException e) {
                v.fail(e.getMessage());
            }
        }
        if (!(rateLimit > 0) || Double.isInfinite(rateLimit)) {
            v.fail("--rate-limit must be positive (requests per second), not " + rateLimit);
        }
        checkUrl(v, "--base-url", baseUrl());
    }

    private static void checkUrl(Validation v, String option, URI url) {
        if (url != null && url.getRawUserInfo() != null) {
            v.fail(option + " must not contain credentials (user:password@); they are never sent or logged");
        }
        if (url != null
                && (url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme())))) {
            v.fail(option + " must be http(s)://host[:port], not " + url);
        }
    }

    /** The listing filter with the given date range. */
    public ListingFilter filter(LocalDate from, LocalDate to) {
        return new ListingFilter(new LinkedHashSet<>(list(companyCodes)), keyword, from, to, list(typeCodes));
    }

    static List<String> list(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        return Arrays.stream(csv.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
