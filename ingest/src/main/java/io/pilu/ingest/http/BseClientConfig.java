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
 */
public record BseClientConfig(
        URI baseUrl,
        Duration connectTimeout,
        Duration readTimeout,
        long maxDocumentBytes,
        double requestsPerSecond,
        BackoffPolicy backoff,
        Duration sessionTtl,
        String userAgent) {

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
        if (s == null || !(s.equals("http") || s.equals("https")) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("base URL must be http(s)://host[:port], got " + baseUrl);
        }
    }

    /** The defaults (https://www.bse.cn, 10 s connect, 60 s read, 50 MB, 2 req/s, 6 attempts from 1 s to 60 s). */
    public static BseClientConfig defaults(URI baseUrl) {
        return new BseClientConfig(baseUrl, Duration.ofSeconds(10), Duration.ofSeconds(60), 50L * 1024 * 1024, 2.0,
                new BackoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), 6), Duration.ofMinutes(4),
                DEFAULT_USER_AGENT);
    }

    /** The base URL without a trailing slash, for concatenating paths. */
    public String base() {
        String b = baseUrl.toString();
        return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }
}
