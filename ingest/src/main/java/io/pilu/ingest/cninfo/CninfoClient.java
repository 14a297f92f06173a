package io.pilu.ingest.cninfo;

import io.pilu.ingest.Refusal;
import io.pilu.ingest.cninfo.CninfoSchemaException.Kind;
import io.pilu.ingest.http.BoundedTransfer;
import io.pilu.ingest.http.DocumentDownloadException;
import io.pilu.ingest.http.DownloadedDocument;
import io.pilu.ingest.http.HttpFailureException;
import io.pilu.ingest.http.RefusedDocumentException;
import io.pilu.ingest.http.RetryAfter;
import io.pilu.ingest.listing.ListingLimitException;
import io.pilu.ingest.listing.ListingSchemaException;
import io.pilu.service.Backoff;
import io.pilu.service.LogText;
import io.pilu.service.Sleeper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the cninfo.com.cn contract (docs/cninfo-contract.md): the announcement query, the stock list and
 * document downloads, politely (contract §6):
 *
 * <ul>
 *   <li>one request at a time (one connection), list requests at least {@code listInterval} plus jitter apart and
 *       downloads at least {@code documentInterval} plus jitter apart, every wait through the {@link Sleeper};</li>
 *   <li>an empty or truncated body, 429, 5xx and I/O errors are retried with the project's {@link Backoff}
 *       (honouring {@code Retry-After}), up to the policy's attempts;</li>
 *   <li>403, or an HTML page where JSON is expected, is a {@link CninfoBlockedException} at once: no retry, the
 *       caller stops and alerts;</li>
 *   <li>any other non-200 fails at once ({@link HttpFailureException}); redirects are not followed;</li>
 *   <li>bodies are read under the bse client's bounds ({@link BoundedTransfer}: byte caps, stall timeout,
 *       deadline), documents only from the document host ({@link CninfoDocumentUrls}).</li>
 * </ul>
 *
 * <p>No metrics library here: what a dashboard needs is reported to a {@link Listener}.
 */
public final class CninfoClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CninfoClient.class);

    public static final String QUERY_PATH = "/new/hisAnnouncement/query";

    /** Endpoint names as reported to the {@link Listener}. */
    public static final String QUERY = "query";

    public static final String STOCK_LIST = "stock_list";
    public static final String DOCUMENT = "document";

    /**
     * What the client reports for metrics. Every method has a no-op default; the crawler maps them onto its meters
     * (with the {@code source} label).
     */
    public interface Listener {
        /** A response (or failure to get one) of {@code endpoint}: ok, throttled, server_error, io_error, blocked… */
        default void onRequest(String endpoint, String outcome) {}

        /** Time to response headers. */
        default void onLatency(String endpoint, Duration latency) {}

        /** A retry is about to wait: {@code reason} is empty_body, truncated, throttled, server_error or io_error. */
        default void onRetry(String endpoint, String reason) {}

        /** cninfo refused the client (403 or a challenge page); the caller stops. */
        default void onBlocked(String endpoint, String reason) {}

        /** Rows dropped from a page because their {@code adjunctUrl} ends in {@code .js}. */
        default void onDroppedScriptRows(int rows) {}

        /** A response not of the documented shape ({@code kind} is {@link Kind#tag()}). */
        default void onSchemaError(String endpoint, String kind) {}

        /** Input refused for a limit (too large, too many rows, deadline). */
        default void onRefused(Refusal reason) {}

        /** An {@code adjunctUrl} refused by the document-host guard. */
        default void onDocumentRefused() {}

        default void onBytesDownloaded(long bytes) {}

        Listener NONE = new Listener() {};
    }

    /** A request gap: list requests and documents each have their own. */
    private static final class Gate {
        private final Duration interval;
        private final Duration jitter;
        private long nextNanos;
        private boolean used;

        Gate(Duration interval, Duration jitter) {
            this.interval = interval;
            this.jitter = jitter;
        }
    }

    /** Reads a 200 response within its deadline ({@link System#nanoTime()}). */
    @FunctionalInterface
    private interface BodyReader<T> {
        T read(HttpResponse<InputStream> response, long deadlineNanos) throws IOException, CninfoSchemaException;
    }

    private final CninfoClientConfig config;
    private final Listener listener;
    private final Sleeper sleeper;
    private final DoubleSupplier random;
    private final LongSupplier nanoClock;
    private final HttpClient http;
    private final ScheduledExecutorService watchdog;
    private final CninfoDocumentUrls documentUrls;
    private final CninfoStockList stockList;
    private final Object connection = new Object();
    private final Gate listGate;
    private final Gate documentGate;

    public CninfoClient(CninfoClientConfig config, Listener listener) {
        this(config, listener, Sleeper.SYSTEM, Backoff.RANDOM, System::nanoTime, Clock.systemUTC());
    }

    /**
     * @param sleeper   every wait (request gaps, backoff) goes through it
     * @param random    jitter in [0, 1)
     * @param nanoClock the clock the request gaps are measured on
     * @param clock     the clock the stock list's age is measured on
     */
    public CninfoClient(
            CninfoClientConfig config,
            Listener listener,
            Sleeper sleeper,
            DoubleSupplier random,
            LongSupplier nanoClock,
            Clock clock) {
        this.config = config;
        this.listener = listener;
        this.sleeper = sleeper;
        this.random = random;
        this.nanoClock = nanoClock;
        this.documentUrls = new CninfoDocumentUrls(config.documentBaseUrl());
        this.listGate = new Gate(config.listInterval(), config.listJitter());
        this.documentGate = new Gate(config.documentInterval(), config.documentJitter());
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ORIGINAL_SERVER))
                .connectTimeout(config.connectTimeout())
                // a redirect on an API call is a refusal or a move, never something to follow blindly (SSRF)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pilu-cninfo-read-timeout");
            t.setDaemon(true);
            return t;
        });
        this.stockList = new CninfoStockList(this::fetchStockList, clock, config.stockListTtl());
    }

    public CninfoClientConfig config() {
        return config;
    }

    /**
     * One page of {@code query} ({@code pageNum} from 1).
     *
     * @throws CninfoSchemaException  the response is not of the documented shape (after the retries, when it was
     *                                empty or truncated)
     * @throws ListingLimitException  the body or its rows exceed the caps
     * @throws CninfoBlockedException 403 or a challenge page: stop
     * @throws HttpFailureException   the request failed after the retry rules
     */
    public CninfoPage query(CninfoQuery query, int pageNum)
            throws ListingSchemaException, CninfoBlockedException, HttpFailureException, InterruptedException {
        String form = query.formBody(pageNum);
        URI uri = URI.create(config.base() + QUERY_PATH);
        CninfoPage page;
        try {
            page = exchange(
                    QUERY,
                    listGate,
                    () -> apiRequest(uri)
                            .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                            .header("Origin", config.origin())
                            .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                            .build(),
                    (response, deadline) -> CninfoResponseParser.parse(
                            readText(response, config.maxListingBytes(), deadline), pageNum));
        } catch (TooLarge e) {
            listener.onRefused(Refusal.LISTING_TOO_LARGE);
            throw new ListingLimitException(
                    Refusal.LISTING_TOO_LARGE,
                    QUERY + ": body exceeds " + config.maxListingBytes() + " bytes (--max-listing-bytes)");
        }
        int rows = page.announcements().size() + page.droppedScriptRows();
        if (rows > config.maxListingRows()) {
            listener.onRefused(Refusal.LISTING_TOO_MANY_ROWS);
            throw new ListingLimitException(
                    Refusal.LISTING_TOO_MANY_ROWS,
                    QUERY + ": page has " + rows + " rows, more than " + config.maxListingRows()
                            + " (--max-listing-rows)");
        }
        if (page.droppedScriptRows() > 0) {
            listener.onDroppedScriptRows(page.droppedScriptRows());
        }
        return page;
    }

    /**
     * The orgId of each company code, through the cached stock list (fetched when older than its TTL).
     *
     * @throws CninfoUnknownCodeException naming the codes the list does not have
     */
    public Map<String, String> orgIds(Collection<String> codes)
            throws CninfoUnknownCodeException, ListingSchemaException, CninfoBlockedException, HttpFailureException,
                    InterruptedException {
        return stockList.orgIds(codes);
    }

    /** The stock list, as the client caches it. */
    public CninfoStockList stockList() {
        return stockList;
    }

    /** The URL {@code adjunctUrl} is downloaded from (the document host only). */
    public URI documentUrl(String adjunctUrl) throws RefusedDocumentException {
        return documentUrls.resolve(adjunctUrl);
    }

    /** {@link #download(String, Path)} into the system temp folder. */
    public DownloadedDocument download(String adjunctUrl)
            throws RefusedDocumentException, DocumentDownloadException, CninfoBlockedException, InterruptedException {
        return download(adjunctUrl, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * Downloads the document at {@code adjunctUrl} to a temp file in {@code dir} (the caller deletes it), refusing
     * it once it is known to exceed {@link CninfoClientConfig#maxDocumentBytes()}, cutting it off when it stalls
     * longer than the read timeout or is not complete by the request deadline.
     *
     * @throws RefusedDocumentException the URL is not on the document host (counted)
     * @throws CninfoBlockedException   403: stop
     */
    public DownloadedDocument download(String adjunctUrl, Path dir)
            throws RefusedDocumentException, DocumentDownloadException, CninfoBlockedException, InterruptedException {
        URI uri;
        try {
            uri = documentUrls.resolve(adjunctUrl);
        } catch (RefusedDocumentException e) {
            listener.onDocumentRefused();
            throw e;
        }
        long cap = config.maxDocumentBytes();
        try {
            DownloadedDocument document = exchange(
                    DOCUMENT,
                    documentGate,
                    () -> request(uri)
                            .header("Accept", "application/pdf,text/html,*/*;q=0.8")
                            .GET()
                            .build(),
                    (response, deadline) -> save(response, dir, cap, deadline));
            listener.onBytesDownloaded(document.bytes());
            return document;
        } catch (TooLarge e) {
            listener.onRefused(Refusal.DOCUMENT_TOO_LARGE);
            throw new DocumentDownloadException(
                    "document exceeds the cap of " + cap + " bytes (--max-document-bytes); download refused",
                    null,
                    Refusal.DOCUMENT_TOO_LARGE);
        } catch (HttpFailureException e) {
            throw new DocumentDownloadException("download failed: " + e.getMessage(), e);
        } catch (CninfoSchemaException e) {
            throw new IllegalStateException("a document body is never parsed", e);
        }
    }

    private DownloadedDocument save(HttpResponse<InputStream> response, Path dir, long cap, long deadline)
            throws IOException {
        OptionalLong declared = response.headers().firstValueAsLong("Content-Length");
        if (declared.isPresent() && declared.getAsLong() > cap) {
            BoundedTransfer.closeQuietly(response.body());
            throw new BoundedTransfer.LimitException(
                    BoundedTransfer.Limit.TOO_LARGE, "declared " + declared.getAsLong() + " bytes", null);
        }
        Path file = Files.createTempFile(dir, "cninfo-", ".bin");
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long total;
            try (OutputStream out = Files.newOutputStream(file)) {
                total = BoundedTransfer.copy(
                        response.body(),
                        out,
                        cap,
                        config.readTimeout(),
                        deadline,
                        watchdog,
                        (b, n) -> sha.update(b, 0, n));
            }
            return new DownloadedDocument(file, total, HexFormat.of().formatHex(sha.digest()));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        } catch (NoSuchAlgorithmException e) {
            Files.deleteIfExists(file);
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    private Map<String, CninfoStockList.Stock> fetchStockList()
            throws ListingSchemaException, CninfoBlockedException, HttpFailureException, InterruptedException {
        URI uri = URI.create(config.base() + CninfoStockList.PATH);
        try {
            return exchange(
                    STOCK_LIST,
                    listGate,
                    () -> apiRequest(uri).GET().build(),
                    (response, deadline) ->
                            CninfoStockList.parse(readText(response, config.maxStockListBytes(), deadline)));
        } catch (TooLarge e) {
            listener.onRefused(Refusal.LISTING_TOO_LARGE);
            throw new ListingLimitException(
                    Refusal.LISTING_TOO_LARGE, STOCK_LIST + ": body exceeds " + config.maxStockListBytes() + " bytes");
        }
    }

    /** A body over its cap: not retried (the same server would send the same body). */
    private static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null, false, false);
        }
    }

    /** Sends under the gap and retry rules, one request at a time, and reads a 200 with {@code reader}. */
    private <T> T exchange(String endpoint, Gate gate, Supplier<HttpRequest> request, BodyReader<T> reader)
            throws CninfoSchemaException, CninfoBlockedException, HttpFailureException, TooLarge, InterruptedException {
        synchronized (connection) {
            int attempt = 0;
            while (true) {
                attempt++;
                pace(gate);
                long start = System.nanoTime();
                String retry;
                Duration retryAfter = null;
                Exception last;
                int status = -1;
                try {
                    HttpResponse<InputStream> response =
                            http.send(request.get(), HttpResponse.BodyHandlers.ofInputStream());
                    listener.onLatency(endpoint, Duration.ofNanos(System.nanoTime() - start));
                    status = response.statusCode();
                    if (status == 200) {
                        T body = reader.read(
                                response, start + config.requestDeadline().toNanos());
                        listener.onRequest(endpoint, "ok");
                        return body;
                    }
                    BoundedTransfer.closeQuietly(response.body());
                    if (status == 403) {
                        listener.onRequest(endpoint, "blocked");
                        listener.onBlocked(endpoint, "http_403");
                        throw new CninfoBlockedException(
                                endpoint,
                                status,
                                endpoint + ": HTTP 403 from " + response.uri()
                                        + ": cninfo refuses this client; stopping without retry (contract §6)",
                                null);
                    }
                    if (status != 429 && status < 500) {
                        listener.onRequest(endpoint, "http_" + status);
                        throw new HttpFailureException(
                                endpoint + ": HTTP " + status + " for " + response.uri(), status, null);
                    }
                    retry = status == 429 ? "throttled" : "server_error";
                    retryAfter = RetryAfter.of(response);
                    last = null;
                } catch (BoundedTransfer.LimitException e) {
                    if (e.limit() == BoundedTransfer.Limit.TOO_LARGE) {
                        listener.onRequest(endpoint, "too_large");
                        throw new TooLarge();
                    }
                    if (e.limit() == BoundedTransfer.Limit.DEADLINE) {
                        listener.onRefused(Refusal.REQUEST_DEADLINE);
                    }
                    retry = "io_error";
                    last = e;
                } catch (HttpFailureException e) {
                    throw e; // a status that is not retried, decided above
                } catch (IOException e) {
                    retry = "io_error";
                    last = e;
                } catch (CninfoSchemaException e) {
                    if (e.kind() == Kind.CHALLENGE_PAGE) {
                        listener.onRequest(endpoint, "blocked");
                        listener.onBlocked(endpoint, "challenge_page");
                        throw new CninfoBlockedException(
                                endpoint,
                                status,
                                endpoint + ": " + e.getMessage() + "; stopping without retry (contract §6)",
                                e);
                    }
                    if (!e.retryable()) {
                        listener.onRequest(endpoint, "schema_error");
                        listener.onSchemaError(endpoint, e.kind().tag());
                        throw e;
                    }
                    retry = e.kind().tag();
                    last = e;
                } finally {
                    gate.nextNanos = nanoClock.getAsLong() + gapNanos(gate);
                }
                listener.onRequest(endpoint, retry);
                if (attempt >= config.backoff().maxAttempts()) {
                    String what = endpoint + ": gave up after " + attempt + " attempts, last: "
                            + (last == null ? "HTTP " + status : last.getMessage());
                    if (last instanceof CninfoSchemaException schema) {
                        listener.onSchemaError(endpoint, schema.kind().tag());
                        throw new CninfoSchemaException(schema.kind(), what, schema);
                    }
                    throw new HttpFailureException(what, status, last);
                }
                Duration wait = config.backoff().schedule().delay(attempt, random, retryAfter);
                listener.onRetry(endpoint, retry);
                log.warn(
                        "cninfo {} failed ({}{}), retry {} in {} ms",
                        endpoint,
                        retry,
                        last == null ? "" : ": " + LogText.escape(String.valueOf(last.getMessage())),
                        attempt,
                        wait.toMillis());
                sleeper.sleep(wait);
            }
        }
    }

    /** Waits until {@code gate} lets the next request go. */
    private void pace(Gate gate) throws InterruptedException {
        if (gate.used) {
            long wait = gate.nextNanos - nanoClock.getAsLong();
            if (wait > 0) {
                sleeper.sleep(Duration.ofNanos(wait));
            }
        }
        gate.used = true;
    }

    private long gapNanos(Gate gate) {
        return gate.interval.toNanos() + (long) (random.getAsDouble() * gate.jitter.toNanos());
    }

    private String readText(HttpResponse<InputStream> response, long cap, long deadline) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BoundedTransfer.copy(response.body(), out, cap, config.readTimeout(), deadline, watchdog, (b, n) -> {});
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The headers of the site's own XHR calls (contract §1). */
    private HttpRequest.Builder apiRequest(URI uri) {
        return request(uri)
                .header("Referer", config.base() + CninfoClientConfig.SEARCH_PAGE)
                .header("X-Requested-With", "XMLHttpRequest")
                .header("Accept", "application/json, text/javascript, */*; q=0.01");
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(config.readTimeout())
                .header("User-Agent", config.userAgent())
                .header("Accept-Language", "zh-CN,zh;q=0.9");
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
