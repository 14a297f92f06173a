package io.pilu.ingest.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pilu.ingest.listing.ListingEndpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local bse.cn that speaks the disclosure contract ({@code docs/bse-contract.md}) and
 * enforces it rather than merely answering: list requests need the session cookie from the warm-up page (403
 * without it; the warm-up itself goes through a 302 handshake by default), must be form POSTs with the browser's
 * headers and the {@code []}-keyed array fields, and get JSONP answers in the shape of the endpoint they called.
 * Requests that break the contract answer 400 and are recorded in {@link #contractViolations()}, so a test can
 * assert that the crawler never broke it.
 *
 * <p>It is the only stand-in for the exchange in Pilu: the crawler's tests run against it with fault injection
 * (429/5xx bursts, expired sessions, schema drift, a retired endpoint, off-host paths, corrupt and huge documents
 * streamed without holding them in memory), and {@code pilu bse-simulator} / {@code pilu local --offline} serve the
 * bundled {@link SampleSet} with it, so offline runs go through the same crawler code as production.
 *
 * <p>Plain JDK {@link HttpServer}, no dependency. Thread-safe: data and knobs may change while it serves.
 */
public final class BseSimulator extends ExchangeSimulator {

    /** Name of the session cookie the warm-up page sets. */
    public static final String COOKIE = "C3VK";

    public static final String WARM_UP_PATH = "/disclosure/announcement.html";
    /** The page size of the real listing. */
    public static final int DEFAULT_PAGE_SIZE = 20;

    private static final String DOCUMENT_PREFIX = "/disclosure/";

    private final List<SimulatedAnnouncement> announcements = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> documents = new ConcurrentHashMap<>();
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> documentDownloads = new ConcurrentHashMap<>();
    private volatile boolean handshakeVia302 = true;
    private volatile int pageSize = DEFAULT_PAGE_SIZE;
    private final Map<ListingEndpoint, ListingDrift> drifts = new ConcurrentHashMap<>();

    private BseSimulator(String host, int port) {
        super("bse", host, port);
    }

    /** An empty site on the loopback interface, on a free port (tests). */
    public static BseSimulator start() {
        return start(LOOPBACK, 0);
    }

    /**
     * An empty site on {@code host:port}; port 0 picks a free one.
     *
     * @throws IllegalStateException when the address cannot be bound (port in use, unknown host)
     */
    public static BseSimulator start(String host, int port) {
        return serving(new BseSimulator(host, port));
    }

    /** The bundled sample set ({@link SampleSet#bundled()}) on the loopback interface, on a free port. */
    public static BseSimulator withSamples() {
        return start().load(SampleSet.bundled());
    }

    /** Lists every sample and serves its document; returns this. */
    public BseSimulator load(SampleSet samples) {
        for (SampleSet.Sample s : samples.samples()) {
            document(s.listing().destFilePath(), s.content());
            add(s.listing());
        }
        return this;
    }

    // ---------------------------------------------------------------- data

    /** Lists {@code a}; it is visible to the next list request. */
    public void add(SimulatedAnnouncement a) {
        announcements.add(a);
    }

    public void addAll(List<SimulatedAnnouncement> list) {
        announcements.addAll(list);
    }

    /** Serves {@code bytes} at {@code path}. */
    public void document(String path, byte[] bytes) {
        documents.put(path, bytes.clone());
    }

    /** A typical 临时公告 of company {@code companyCd} ("公司" + code), its path derived from the code and date. */
    public static SimulatedAnnouncement announcement(String code, String companyCd, LocalDate date, String title) {
        return new SimulatedAnnouncement(
                code,
                companyCd,
                "公司" + companyCd,
                "[临时公告]" + title,
                "/disclosure/" + date.getYear() + "/" + date + "/" + code + ".pdf",
                date,
                "pdf",
                "9504",
                "9504-4417");
    }

    // ---------------------------------------------------------------- behaviour knobs

    /** Whether the warm-up page first answers 302 to itself (default true), as the real site sometimes does. */
    public void handshakeVia302(boolean on) {
        this.handshakeVia302 = on;
    }

    /** Announcements (endpoint A) or rows (endpoint B) per page; default {@value #DEFAULT_PAGE_SIZE}. */
    public void pageSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("page size must be at least 1, not " + size);
        }
        this.pageSize = size;
    }

    /** Drifts the answers of {@code endpoint} away from the contract (schema drift tests). */
    public void drift(ListingEndpoint endpoint, ListingDrift drift) {
        drifts.put(endpoint, drift);
    }

    /** Forgets every session cookie: the next list request gets 403 until the client warms up again. */
    public void expireSessions() {
        validTokens.clear();
    }

    // ---------------------------------------------------------------- observations

    public int downloads(String path) {
        AtomicInteger n = documentDownloads.get(path);
        return n == null ? 0 : n.get();
    }

    // ---------------------------------------------------------------- HTTP

    /**
     * Answers {@code ex} as the contract says (warm-up page, the two list endpoints, documents), whatever is
     * intercepted; for interceptors that change only some answers.
     */
    @Override
    public void answerByContract(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        if (path.equals(WARM_UP_PATH)) {
            warmUp(ex);
        } else if (listingEndpoint(path) != null) {
            listing(ex, listingEndpoint(path));
        } else if (path.startsWith(DOCUMENT_PREFIX)) {
            document(ex, path);
        } else {
            send(ex, 404, "text/plain", "not found");
        }
    }

    /** Whether {@code path} is a document download (below {@code /disclosure/}, not the warm-up page). */
    public static boolean isDocumentPath(String path) {
        return path.startsWith(DOCUMENT_PREFIX) && !path.equals(WARM_UP_PATH);
    }

    private void warmUp(HttpExchange ex) throws IOException {
        String query = ex.getRequestURI().getRawQuery();
        String token = UUID.randomUUID().toString();
        validTokens.add(token);
        ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + token + "; Path=/; HttpOnly");
        if (handshakeVia302 && (query == null || !query.contains("hs=1"))) {
            ex.getResponseHeaders().set("Location", WARM_UP_PATH + "?hs=1");
            ex.sendResponseHeaders(302, -1);
            return;
        }
        send(ex, 200, "text/html; charset=utf-8", "<html><head><title>信息披露</title></head><body></body></html>");
    }

    /** The list endpoint at {@code path}, or null. */
    public static ListingEndpoint listingEndpoint(String path) {
        for (ListingEndpoint e : ListingEndpoint.values()) {
            if (e.path().equals(path)) {
                return e;
            }
        }
        return null;
    }

    private void listing(HttpExchange ex, ListingEndpoint endpoint) throws IOException {
        if (!"POST".equals(ex.getRequestMethod())) {
            violation(ex, "list endpoint called with " + ex.getRequestMethod());
            return;
        }
        if (!hasValidCookie(ex)) {
            send(ex, 403, "text/html", "<html>403 Forbidden</html>");
            return;
        }
        ListingRequest request;
        try {
            request = ListingRequest.parse(
                    endpoint,
                    ex.getRequestHeaders()::getFirst,
                    new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        } catch (ContractViolationException e) {
            violation(ex, e.getMessage());
            return;
        }
        List<SimulatedAnnouncement> matching = request.select(new ArrayList<>(announcements), false);
        ListingDrift drift = drifts.getOrDefault(endpoint, ListingDrift.NONE);
        if (drift == ListingDrift.NOT_JSONP) {
            send(ex, 200, "text/html; charset=utf-8", "<html><body>系统维护中</body></html>");
            return;
        }
        int size = pageSize;
        String json = ListingResponseWriter.page(endpoint, matching, request.page(), size, drift);
        send(ex, 200, "text/javascript; charset=utf-8", ListingResponseWriter.jsonp(queryParam(ex, "callback"), json));
    }

    private void document(HttpExchange ex, String path) throws IOException {
        documentDownloads.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        byte[] bytes = documents.get(path);
        if (bytes == null) {
            send(ex, 404, "text/html", "<html>404</html>");
            return;
        }
        ex.getResponseHeaders().set("Content-Type", contentType(path));
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String contentType(String path) {
        if (path.endsWith(".pdf")) {
            return "application/pdf";
        }
        if (path.endsWith(".html") || path.endsWith(".htm")) {
            return "text/html";
        }
        return "application/octet-stream";
    }

    private boolean hasValidCookie(HttpExchange ex) {
        List<String> cookies = ex.getRequestHeaders().get("Cookie");
        if (cookies == null) {
            return false;
        }
        for (String header : cookies) {
            for (String part : header.split(";")) {
                String[] kv = part.trim().split("=", 2);
                if (kv.length == 2 && kv[0].equals(COOKIE) && validTokens.contains(kv[1])) {
                    return true;
                }
            }
        }
        return false;
    }

    private void violation(HttpExchange ex, String what) throws IOException {
        recordViolation(ex.getRequestURI().getPath() + ": " + what);
        send(ex, 400, "text/plain", "contract violation: " + what);
    }

    private static String queryParam(HttpExchange ex, String name) {
        String q = ex.getRequestURI().getRawQuery();
        if (q == null) {
            return null;
        }
        for (String pair : q.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
            }
        }
        return null;
    }

    private static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
