package io.pilu.ingest.http;

import io.pilu.ingest.CrawlMetrics;
import io.pilu.ingest.Refusal;
import io.pilu.ingest.listing.ListingEndpoint;
import io.pilu.ingest.listing.ListingFilter;
import io.pilu.ingest.listing.ListingFormEncoder;
import io.pilu.ingest.listing.ListingLimitException;
import io.pilu.ingest.listing.ListingPage;
import io.pilu.ingest.listing.ListingResponseParser;
import io.pilu.ingest.listing.ListingSchemaException;
import io.pilu.service.Backoff;
import io.pilu.service.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.function.DoubleSupplier;

/**
 * The HTTP side of the bse.cn contract as the crawler uses it: JSONP list requests read under the listing byte and
 * row caps, and document downloads under the size cap, with their sha-256. Every request goes through the retrying
 * {@link BseExchange} (session warm-up, browser headers, one rate limit, backoff on 429/5xx/I-O errors); this class
 * decides only how much of an answer it reads and what it makes of it.
 */
public final class BseClient implements AutoCloseable {

    private final BseClientConfig config;
    private final CrawlMetrics metrics;
    private final DoubleSupplier random;
    private final BseExchange exchange;

    public BseClient(BseClientConfig config, CrawlMetrics metrics) {
        this(config, metrics, new RateLimiter(config.requestsPerSecond()), Sleeper.SYSTEM, Backoff.RANDOM);
    }

    public BseClient(
            BseClientConfig config, CrawlMetrics metrics, RateLimiter limiter, Sleeper sleeper, DoubleSupplier random) {
        this.config = config;
        this.metrics = metrics;
        this.random = random;
        this.exchange = new BseExchange(config, metrics, limiter, sleeper, random);
    }

    public BseClientConfig config() {
        return config;
    }

    /**
     * Fetches and parses one listing page. The body is read under the listing byte cap and the request deadline,
     * the page under the row cap, and the page must be the one asked for (a server answering page 0 forever would
     * otherwise make a walk endless).
     *
     * @throws ListingSchemaException the response does not have the documented shape (counted in
     *                                {@code pilu_crawl_listing_schema_errors_total}), or is refused by a limit
     *                                ({@link ListingLimitException}, counted in {@code pilu_crawl_refusals_total})
     * @throws HttpFailureException   the request failed after the retry rules
     */
    public ListingPage list(ListingEndpoint endpoint, ListingFilter filter, int page)
            throws ListingSchemaException, HttpFailureException, InterruptedException {
        String body = ListingFormEncoder.encode(endpoint, filter, page);
        // jQuery-style callback name, as the exchange's own page sends it
        String callback = "jQuery3310" + (long) (random.getAsDouble() * 1e15) + "_" + System.currentTimeMillis();
        URI uri = URI.create(config.base() + endpoint.path() + "?callback=" + callback);
        byte[] bytes;
        try {
            bytes = exchange.execute(
                    endpoint.metricTag(),
                    () -> exchange.browserRequest(uri)
                            .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                            .header("Accept", "text/javascript, application/javascript, */*; q=0.01")
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                            .build(),
                    false,
                    (in, deadline) -> {
                        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                        BoundedTransfer.copy(
                                in,
                                out,
                                config.maxListingBytes(),
                                config.readTimeout(),
                                deadline,
                                exchange.watchdog(),
                                (b, n) -> {});
                        return out.toByteArray();
                    });
        } catch (BseExchange.BodyTooLargeException e) {
            metrics.refused(Refusal.LISTING_TOO_LARGE);
            throw new ListingLimitException(
                    Refusal.LISTING_TOO_LARGE,
                    "listing body exceeds " + config.maxListingBytes() + " bytes (--max-listing-bytes)");
        }
        try {
            ListingPage parsed = ListingResponseParser.parse(
                    endpoint, new String(bytes, StandardCharsets.UTF_8), config.maxListingRows());
            if (parsed.number() != page) {
                throw new ListingLimitException(
                        Refusal.PAGE_NOT_ADVANCING,
                        "asked for page " + page + " but the listing answered page " + parsed.number());
            }
            return parsed;
        } catch (ListingLimitException e) {
            metrics.refused(e.reason());
            throw e;
        } catch (ListingSchemaException e) {
            metrics.schemaError(endpoint.metricTag());
            throw e; // the caller names the endpoint and page
        }
    }

    /**
     * Downloads {@code uri} (already vetted by {@link DocumentUrlGuard}) to a temp file in {@code dir}, refusing it
     * once it is known to exceed {@link BseClientConfig#maxDocumentBytes()}: from {@code Content-Length} before
     * reading, or while streaming when the length is not declared; and cutting it off when it stalls longer than
     * the read timeout or is not complete by the request deadline.
     */
    public DownloadedDocument download(URI uri, Path dir) throws DocumentDownloadException, InterruptedException {
        HttpResponse<InputStream> response;
        long start = System.nanoTime();
        try {
            response = exchange.execute(
                    "document",
                    () -> exchange.browserRequest(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream(),
                    false);
        } catch (HttpFailureException e) {
            throw new DocumentDownloadException("download failed: " + e.getMessage(), e);
        }
        long cap = config.maxDocumentBytes();
        OptionalLong declared = response.headers().firstValueAsLong("Content-Length");
        if (declared.isPresent() && declared.getAsLong() > cap) {
            BoundedTransfer.closeQuietly(response.body());
            throw new DocumentDownloadException(
                    "document is " + declared.getAsLong() + " bytes, over the cap of " + cap
                            + " bytes (--max-document-bytes)",
                    null,
                    Refusal.DOCUMENT_TOO_LARGE);
        }
        Path file = null;
        try {
            file = Files.createTempFile(dir, "doc-", ".bin");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long total;
            try (OutputStream out = Files.newOutputStream(file)) {
                total = BoundedTransfer.copy(
                        response.body(),
                        out,
                        cap,
                        config.readTimeout(),
                        start + config.requestDeadline().toNanos(),
                        exchange.watchdog(),
                        (b, n) -> sha.update(b, 0, n));
            }
            metrics.bytesDownloaded(total);
            return new DownloadedDocument(file, total, HexFormat.of().formatHex(sha.digest()));
        } catch (BoundedTransfer.LimitException e) {
            deleteQuietly(file);
            throw switch (e.limit()) {
                case TOO_LARGE ->
                    new DocumentDownloadException(
                            "document exceeds the cap of " + cap + " bytes (--max-document-bytes); download aborted",
                            e,
                            Refusal.DOCUMENT_TOO_LARGE);
                case DEADLINE ->
                    new DocumentDownloadException(
                            "document not received within the request deadline "
                                    + "of " + config.requestDeadline().toSeconds() + " s (--request-deadline): "
                                    + e.getMessage(),
                            e,
                            Refusal.REQUEST_DEADLINE);
                case STALLED -> new DocumentDownloadException("document " + e.getMessage(), e);
            };
        } catch (IOException e) {
            deleteQuietly(file);
            BoundedTransfer.closeQuietly(response.body());
            throw new DocumentDownloadException("document download broke off: " + e, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }

    @Override
    public void close() {
        exchange.close();
    }
}
