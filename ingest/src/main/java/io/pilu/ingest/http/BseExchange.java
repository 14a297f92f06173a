package io.pilu.ingest.http;

import io.pilu.ingest.CrawlMetrics;
import io.pilu.ingest.Refusal;
import io.pilu.service.LogText;
import io.pilu.service.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retrying exchange with bse.cn: session warm-up and cookie jar, browser headers, and the resilience rules every
 * request goes through — what a response's body is and how much of it may be read is {@link BseClient}'s business:
 *
 * <ul>
 *   <li>one global {@link RateLimiter} (listing, warm-up and documents share it);</li>
 *   <li>302/307/403 mean the session cookie is missing or stale: re-warm and retry (at most
 *       {@value #MAX_REWARMS} times per request);</li>
 *   <li>429, 5xx and I/O errors (timeouts, refused connections) are retried with the project's backoff
 *       ({@link BackoffPolicy}), honouring {@code Retry-After};</li>
 *   <li>any other status fails at once with {@link HttpFailureException}.</li>
 * </ul>
 */
final class BseExchange implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BseExchange.class);
    private static final int MAX_REWARMS = 3;
    private static final int MAX_WARM_UP_REDIRECTS = 5;
    /** The warm-up page is read only to let the connection be reused; a real one is about 60 KB. */
    private static final long MAX_WARM_UP_BYTES = 2L * 1024 * 1024;

    private final BseClientConfig config;
    private final CrawlMetrics metrics;
    private final RateLimiter limiter;
    private final Sleeper sleeper;
    private final DoubleSupplier random;
    private final HttpClient http;
    private final ScheduledExecutorService watchdog;
    private final Object sessionLock = new Object();
    private Instant sessionWarmedAt;

    BseExchange(
            BseClientConfig config, CrawlMetrics metrics, RateLimiter limiter, Sleeper sleeper, DoubleSupplier random) {
        this.config = config;
        this.metrics = metrics;
        this.limiter = limiter;
        this.sleeper = sleeper;
        this.random = random;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ORIGINAL_SERVER))
                .connectTimeout(config.connectTimeout())
                // Redirects are part of the session protocol (a 302 handshake sets the cookie; a 302 on a list
                // request means the session expired), so the client sees them instead of following blindly.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pilu-crawl-read-timeout");
            t.setDaemon(true);
            return t;
        });
    }

    /** Cuts off a body that stalls longer than the read timeout (see {@link BoundedTransfer}). */
    ScheduledExecutorService watchdog() {
        return watchdog;
    }

    /** Reads a 200 response's body within the request's deadline ({@link System#nanoTime()}). */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(InputStream body, long deadlineNanos) throws IOException;
    }

    /** A body over its cap: not retried (the same server would send the same body). */
    static final class BodyTooLargeException extends Exception {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException() {
            super(null, null, false, false);
        }
    }

    /**
     * Sends with the retry rules and reads the 200 body with {@code reader}; a body cut off by its deadline or a
     * stall is retried like any I/O error.
     */
    <T> T execute(String endpoint, Supplier<HttpRequest> request, boolean warmUp, BodyReader<T> reader)
            throws HttpFailureException, InterruptedException, BodyTooLargeException {
        int attempt = 0;
        while (true) {
            attempt++;
            long start = System.nanoTime();
            HttpResponse<InputStream> response =
                    execute(endpoint, request, HttpResponse.BodyHandlers.ofInputStream(), warmUp);
            try {
                return reader.read(
                        response.body(), start + config.requestDeadline().toNanos());
            } catch (BoundedTransfer.LimitException e) {
                if (e.limit() == BoundedTransfer.Limit.TOO_LARGE) {
                    throw new BodyTooLargeException();
                }
                if (e.limit() == BoundedTransfer.Limit.DEADLINE) {
                    metrics.refused(Refusal.REQUEST_DEADLINE);
                }
                metrics.request(endpoint, "io_error");
                if (attempt >= config.backoff().maxAttempts()) {
                    throw new HttpFailureException(
                            endpoint + ": gave up after " + attempt + " attempts, last error: " + e.getMessage()
                                    + " (--request-deadline "
                                    + config.requestDeadline().toSeconds() + " s)",
                            -1,
                            e);
                }
                Duration wait = config.backoff().schedule().delay(attempt, random);
                log.warn(
                        "{} response body failed ({}), retry {} in {} ms",
                        endpoint,
                        e.getMessage(),
                        attempt,
                        wait.toMillis());
                sleeper.sleep(wait);
            } catch (IOException e) {
                metrics.request(endpoint, "io_error");
                if (attempt >= config.backoff().maxAttempts()) {
                    throw new HttpFailureException(
                            endpoint + ": gave up after " + attempt + " attempts, last error: " + e, -1, e);
                }
                sleeper.sleep(config.backoff().schedule().delay(attempt, random));
            }
        }
    }

    /**
     * Sends with the retry rules. With {@code warmUp} the request is the session handshake itself: a redirect is
     * returned for the caller to follow instead of triggering another warm-up.
     */
    <T> HttpResponse<T> execute(
            String endpoint, Supplier<HttpRequest> request, HttpResponse.BodyHandler<T> handler, boolean warmUp)
            throws HttpFailureException, InterruptedException {
        int rewarms = 0;
        int attempt = 0;
        while (true) {
            attempt++;
            if (!warmUp) {
                ensureSession();
            }
            limiter.acquire();
            long start = System.nanoTime();
            HttpResponse<T> response;
            try {
                response = http.send(request.get(), handler);
            } catch (IOException e) {
                metrics.latency(endpoint, Duration.ofNanos(System.nanoTime() - start));
                metrics.request(endpoint, "io_error");
                if (attempt >= config.backoff().maxAttempts()) {
                    throw new HttpFailureException(
                            endpoint + ": gave up after " + attempt + " attempts, last error: " + e, -1, e);
                }
                Duration wait = config.backoff().schedule().delay(attempt, random);
                log.warn("{} request failed ({}), retry {} in {} ms", endpoint, e.toString(), attempt, wait.toMillis());
                sleeper.sleep(wait);
                continue;
            }
            metrics.latency(endpoint, Duration.ofNanos(System.nanoTime() - start));
            int status = response.statusCode();
            if (status == 200) {
                metrics.request(endpoint, "ok");
                return response;
            }
            if (warmUp && (status == 302 || status == 307)) {
                metrics.request(endpoint, "redirect");
                return response;
            }
            discard(response);
            if (!warmUp && (status == 302 || status == 307 || status == 403)) {
                metrics.request(endpoint, "session_expired");
                if (++rewarms > MAX_REWARMS) {
                    throw new HttpFailureException(
                            endpoint + ": HTTP " + status + " even after " + MAX_REWARMS
                                    + " session warm-ups; the exchange refuses this client",
                            status,
                            null);
                }
                log.info("{} answered HTTP {}: session cookie missing or expired, warming up again", endpoint, status);
                invalidateSession();
                attempt--; // a stale session is not a failed attempt of the request itself
                continue;
            }
            if (status == 429 || status >= 500) {
                metrics.request(endpoint, status == 429 ? "throttled" : "server_error");
                if (attempt >= config.backoff().maxAttempts()) {
                    throw new HttpFailureException(
                            endpoint + ": gave up after " + attempt + " attempts, last HTTP " + status, status, null);
                }
                Duration wait = config.backoff().schedule().delay(attempt, random, RetryAfter.of(response));
                log.warn("{} answered HTTP {}, retry {} in {} ms", endpoint, status, attempt, wait.toMillis());
                sleeper.sleep(wait);
                continue;
            }
            metrics.request(endpoint, "http_" + status);
            throw new HttpFailureException(endpoint + ": HTTP " + status + " for " + response.uri(), status, null);
        }
    }

    private void ensureSession() throws HttpFailureException, InterruptedException {
        synchronized (sessionLock) {
            if (sessionWarmedAt != null
                    && Duration.between(sessionWarmedAt, Instant.now()).compareTo(config.sessionTtl()) < 0) {
                return;
            }
            URI uri = URI.create(config.base() + BseClientConfig.WARM_UP_PATH);
            for (int hop = 0; hop <= MAX_WARM_UP_REDIRECTS; hop++) {
                URI target = uri;
                long start = System.nanoTime();
                HttpResponse<InputStream> response = execute(
                        "warmup",
                        () -> browserRequest(target)
                                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream(),
                        true);
                int status = response.statusCode();
                if (status == 200) {
                    // Only the cookie matters; the page is read (bounded) and dropped so the connection is reused.
                    try {
                        BoundedTransfer.copy(
                                response.body(),
                                OutputStream.nullOutputStream(),
                                MAX_WARM_UP_BYTES,
                                config.readTimeout(),
                                start + config.requestDeadline().toNanos(),
                                watchdog,
                                (b, n) -> {});
                    } catch (BoundedTransfer.LimitException e) {
                        if (e.limit() == BoundedTransfer.Limit.DEADLINE) {
                            metrics.refused(Refusal.REQUEST_DEADLINE);
                        }
                        throw new HttpFailureException("warmup: page refused: " + e.getMessage(), status, e);
                    } catch (IOException e) {
                        throw new HttpFailureException("warmup: page broke off: " + e, status, e);
                    }
                    sessionWarmedAt = Instant.now();
                    return;
                }
                discard(response);
                // 302/307: the cookie handshake; the cookie jar already holds what the redirect set.
                String location = response.headers()
                        .firstValue("Location")
                        .orElseThrow(() ->
                                new HttpFailureException("warmup: HTTP " + status + " without Location", status, null));
                URI next;
                try {
                    next = uri.resolve(location);
                } catch (IllegalArgumentException e) {
                    throw new HttpFailureException("warmup: redirect to an invalid URL", status, e);
                }
                // Scheme, host and port must all stay the exchange's: another port of the same host is another
                // service (SSRF), and a downgrade to http would leak the session cookie.
                if (!config.sameOrigin(next)) {
                    metrics.refused(Refusal.REDIRECT_OFF_ORIGIN);
                    throw new HttpFailureException(
                            "warmup: redirected off the exchange's origin (scheme, host and " + "port must match "
                                    + config.base() + ") to " + LogText.escape(next.toString()),
                            status,
                            null);
                }
                uri = next;
            }
            throw new HttpFailureException("warmup: more than " + MAX_WARM_UP_REDIRECTS + " redirects", 302, null);
        }
    }

    private void invalidateSession() {
        synchronized (sessionLock) {
            sessionWarmedAt = null;
        }
    }

    HttpRequest.Builder browserRequest(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(config.readTimeout())
                .header("User-Agent", config.userAgent())
                .header("Referer", config.base() + BseClientConfig.WARM_UP_PATH)
                .header("Origin", config.base())
                .header("X-Requested-With", "XMLHttpRequest")
                .header("Accept-Language", "zh-CN,zh;q=0.9");
    }

    private static void discard(HttpResponse<?> response) {
        if (response.body() instanceof InputStream in) {
            BoundedTransfer.closeQuietly(in);
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
