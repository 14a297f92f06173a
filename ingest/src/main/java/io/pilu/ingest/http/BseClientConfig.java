package io.pilu.ingest.http;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the crawler talks to bse.cn.
 *
 * @param baseUrl           exchange base URL (listing endpoints, warm-up page and documents all live below it)
 * @param connectTimeout    TCP/TLS connect timeout
 * @param readTimeout       longest wait for response headers, and longest pause in a document body
 * @param maxDocumentBytes  documents larger than this are not downloaded (refused on Content-Length, or aborted)
 * @param requestsPerSecond global rate limit shared by listing, warm-up and document requests
 * @param backoff           retry policy for 429, 5xx and I/O errors
 * @param sessionTtl        re-warm the session cookie after this long (bse.cn's {@code C3VK} lasts ~5 min)
 * @param userAgent         the browser User-Agent sent with every request
 * @param requestDeadline   longest time one request may take, body included (a trickling server is cut off)
 * @param maxListingBytes   listing bodies larger than this are refused ({@code LISTING_TOO_LARGE})
 * @param maxListingRows    listing pages with more rows than this are refused ({@code LISTING_TOO_MANY_ROWS})
 */
public record BseClientConfig(
        URI baseUrl,
        Duration connectTimeout,
        Duration readTimeout,
        long maxDocumentBytes,
        double requestsPerSecond,
        BackoffPolicy backoff,
        Duration sessionTtl,
        String userAgent,
        Duration requestDeadline,
        long maxListingBytes,
        int maxListingRows) {

    /** Default {@code --request-deadline}: a 50 MB document at 200 KB/s. */
    public static final Duration DEFAULT_REQUEST_DEADLINE = Duration.ofMinutes(5);
    /** Default {@code --max-listing-bytes}: a real page of 20 rows is about 15 KB. */
    public static final long DEFAULT_MAX_LISTING_BYTES = 4L * 1024 * 1024;

    public static final String DEFAULT_USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
    /** The page whose GET sets the session cookie, and the Referer of every list request. */
    public static final String WARM_UP_PATH = "/disclosure/announcement.html";

    public BseClientConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (maxDocumentBytes <= 0) {
            throw new IllegalArgumentException("max document bytes must be positive, got " + maxDocumentBytes);
        }
        String s = baseUrl.getScheme();
        if (baseUrl.getRawUserInfo() != null) {
            // never echo it: it may be a password
            throw new IllegalArgumentException("base URL must not contain credentials (user:password@)");
        }
        if (s == null || !(s.equals("http") || s.equals("https")) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("base URL must be http(s)://host[:port], got " + baseUrl);
        }
        if (requestDeadline == null
                || requestDeadline.isNegative()
                || requestDeadline.isZero()
                || maxListingBytes <= 0
                || maxListingRows <= 0) {
            throw new IllegalArgumentException(
                    "request deadline, max listing bytes and max listing rows must be " + "positive");
        }
    }

    /** With the default request deadline and listing caps. */
    public BseClientConfig(
            URI baseUrl,
            Duration connectTimeout,
            Duration readTimeout,
            long maxDocumentBytes,
            double requestsPerSecond,
            BackoffPolicy backoff,
            Duration sessionTtl,
            String userAgent) {
        this(
                baseUrl,
                connectTimeout,
                readTimeout,
                maxDocumentBytes,
                requestsPerSecond,
                backoff,
                sessionTtl,
                userAgent,
                DEFAULT_REQUEST_DEADLINE,
                DEFAULT_MAX_LISTING_BYTES,
                io.pilu.ingest.listing.ListingResponseParser.DEFAULT_MAX_ROWS);
    }

    /** The same with another request deadline and listing caps. */
    public BseClientConfig withLimits(Duration deadline, long listingBytes, int listingRows) {
        return new BseClientConfig(
                baseUrl,
                connectTimeout,
                readTimeout,
                maxDocumentBytes,
                requestsPerSecond,
                backoff,
                sessionTtl,
                userAgent,
                deadline,
                listingBytes,
                listingRows);
    }

    /** Whether {@code uri} is on the exchange's origin: same scheme, host and (effective) port. */
    public boolean sameOrigin(URI uri) {
        return uri.getScheme() != null
                && uri.getHost() != null
                && uri.getScheme().equalsIgnoreCase(baseUrl.getScheme())
                && uri.getHost().equalsIgnoreCase(baseUrl.getHost())
                && effectivePort(uri) == effectivePort(baseUrl);
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** The defaults (https://www.bse.cn, 10 s connect, 60 s read, 50 MB, 2 req/s, 6 attempts from 1 s to 60 s). */
    public static BseClientConfig defaults(URI baseUrl) {
        return new BseClientConfig(
                baseUrl,
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                50L * 1024 * 1024,
                2.0,
                new BackoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), 6),
                Duration.ofMinutes(4),
                DEFAULT_USER_AGENT);
    }

    /** The base URL without a trailing slash, for concatenating paths. */
    public String base() {
        String b = baseUrl.toString();
        return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }
}
