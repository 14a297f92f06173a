package io.pilu.ingest.cninfo;

import io.pilu.ingest.http.BackoffPolicy;
import io.pilu.ingest.http.BseClientConfig;
import io.pilu.ingest.listing.ListingResponseParser;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the crawler talks to cninfo.com.cn. The defaults are the politeness of contract §6: one connection, at least
 * 1 s plus up to 1 s of jitter between list requests, at least 2 s plus up to 1 s between documents, exponential
 * backoff with jitter on empty/truncated bodies, 429, 5xx and I/O errors; the byte caps, deadline and stall timeout
 * are the bse client's.
 *
 * @param baseUrl          the site ({@code /new/hisAnnouncement/query}, the stock list)
 * @param documentBaseUrl  the document host; documents are fetched from it and nowhere else
 * @param connectTimeout   TCP/TLS connect timeout
 * @param readTimeout      longest wait for response headers, and longest pause in a body (stall timeout)
 * @param requestDeadline  longest time one request may take, body included
 * @param maxDocumentBytes documents larger than this are refused ({@code DOCUMENT_TOO_LARGE})
 * @param maxListingBytes  list bodies larger than this are refused ({@code LISTING_TOO_LARGE})
 * @param maxListingRows   list pages with more rows than this are refused ({@code LISTING_TOO_MANY_ROWS})
 * @param listInterval     least time between the end of one list request and the start of the next
 * @param listJitter       up to this much more, at random
 * @param documentInterval least time between two document downloads
 * @param documentJitter   up to this much more, at random
 * @param backoff          retries of empty/truncated bodies, 429, 5xx and I/O errors
 * @param userAgent        the browser User-Agent sent with every request
 * @param stockListTtl     how long the code → orgId list is kept before it is fetched again
 * @param maxStockListBytes stock list bodies larger than this are refused
 */
public record CninfoClientConfig(
        URI baseUrl,
        URI documentBaseUrl,
        Duration connectTimeout,
        Duration readTimeout,
        Duration requestDeadline,
        long maxDocumentBytes,
        long maxListingBytes,
        int maxListingRows,
        Duration listInterval,
        Duration listJitter,
        Duration documentInterval,
        Duration documentJitter,
        BackoffPolicy backoff,
        String userAgent,
        Duration stockListTtl,
        long maxStockListBytes) {

    public static final URI DEFAULT_BASE_URL = URI.create("http://www.cninfo.com.cn");
    public static final URI DEFAULT_DOCUMENT_BASE_URL = URI.create("http://static.cninfo.com.cn");
    public static final Duration DEFAULT_LIST_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_DOCUMENT_INTERVAL = Duration.ofSeconds(2);
    public static final Duration DEFAULT_JITTER = Duration.ofSeconds(1);
    public static final Duration DEFAULT_STOCK_LIST_TTL = Duration.ofHours(24);
    /** The 2021 list of 4,763 rows is about 500 KB. */
    public static final long DEFAULT_MAX_STOCK_LIST_BYTES = 16L * 1024 * 1024;
    /** The search page, sent as the Referer of list requests (contract §1). */
    public static final String SEARCH_PAGE = "/new/commonUrl/pageOfSearch?url=disclosure/list/search&lastPage=index";

    public CninfoClientConfig {
        checkBase(baseUrl, "base URL");
        checkBase(documentBaseUrl, "document base URL");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(userAgent, "userAgent");
        positive(connectTimeout, "connect timeout");
        positive(readTimeout, "read timeout");
        positive(requestDeadline, "request deadline");
        positive(stockListTtl, "stock list TTL");
        notNegative(listInterval, "list interval");
        notNegative(listJitter, "list jitter");
        notNegative(documentInterval, "document interval");
        notNegative(documentJitter, "document jitter");
        if (maxDocumentBytes <= 0 || maxListingBytes <= 0 || maxListingRows <= 0 || maxStockListBytes <= 0) {
            throw new IllegalArgumentException("max document bytes, max listing bytes, max listing rows and max stock "
                    + "list bytes must be positive");
        }
    }

    /** The defaults against {@code baseUrl} and {@code documentBaseUrl}. */
    public static CninfoClientConfig defaults(URI baseUrl, URI documentBaseUrl) {
        return new CninfoClientConfig(
                baseUrl,
                documentBaseUrl,
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                BseClientConfig.DEFAULT_REQUEST_DEADLINE,
                50L * 1024 * 1024,
                BseClientConfig.DEFAULT_MAX_LISTING_BYTES,
                ListingResponseParser.DEFAULT_MAX_ROWS,
                DEFAULT_LIST_INTERVAL,
                DEFAULT_JITTER,
                DEFAULT_DOCUMENT_INTERVAL,
                DEFAULT_JITTER,
                new BackoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), 6),
                BseClientConfig.DEFAULT_USER_AGENT,
                DEFAULT_STOCK_LIST_TTL,
                DEFAULT_MAX_STOCK_LIST_BYTES);
    }

    /** The defaults against the real site. */
    public static CninfoClientConfig defaults() {
        return defaults(DEFAULT_BASE_URL, DEFAULT_DOCUMENT_BASE_URL);
    }

    /** The same with other request gaps (e.g. shorter ones for a local simulator). */
    public CninfoClientConfig withIntervals(Duration list, Duration listJitter, Duration document, Duration docJitter) {
        return new CninfoClientConfig(
                baseUrl,
                documentBaseUrl,
                connectTimeout,
                readTimeout,
                requestDeadline,
                maxDocumentBytes,
                maxListingBytes,
                maxListingRows,
                list,
                listJitter,
                document,
                docJitter,
                backoff,
                userAgent,
                stockListTtl,
                maxStockListBytes);
    }

    /** The same with another retry policy. */
    public CninfoClientConfig withBackoff(BackoffPolicy policy) {
        return new CninfoClientConfig(
                baseUrl,
                documentBaseUrl,
                connectTimeout,
                readTimeout,
                requestDeadline,
                maxDocumentBytes,
                maxListingBytes,
                maxListingRows,
                listInterval,
                listJitter,
                documentInterval,
                documentJitter,
                policy,
                userAgent,
                stockListTtl,
                maxStockListBytes);
    }

    /** The same with other size and time limits. */
    public CninfoClientConfig withLimits(
            Duration readTimeout, Duration deadline, long documentBytes, long listingBytes, int listingRows) {
        return new CninfoClientConfig(
                baseUrl,
                documentBaseUrl,
                connectTimeout,
                readTimeout,
                deadline,
                documentBytes,
                listingBytes,
                listingRows,
                listInterval,
                listJitter,
                documentInterval,
                documentJitter,
                backoff,
                userAgent,
                stockListTtl,
                maxStockListBytes);
    }

    /** The base URL without a trailing slash, for concatenating paths. */
    public String base() {
        String b = baseUrl.toString();
        return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }

    /** {@code scheme://host[:port]} of the site, the {@code Origin} a browser sends. */
    public String origin() {
        return baseUrl.getScheme() + "://" + baseUrl.getRawAuthority();
    }

    private static void checkBase(URI url, String what) {
        Objects.requireNonNull(url, what);
        if (url.getRawUserInfo() != null) {
            // never echo it: it may be a password
            throw new IllegalArgumentException(what + " must not contain credentials (user:password@)");
        }
        String s = url.getScheme();
        if (s == null || !(s.equals("http") || s.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException(what + " must be http(s)://host[:port], got " + url);
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException(what + " must not have a query or fragment, got " + url);
        }
    }

    private static void positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
    }

    private static void notNegative(Duration d, String what) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, got " + d);
        }
    }
}
