package io.pilu.ingest.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pilu.model.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * An in-process bse.cn that enforces the contract in {@code bse-disclosure-contract.md} rather than merely
 * answering: list requests need the session cookie from the warm-up page (403 without it; the warm-up itself may
 * go through a 302 handshake), must be form POSTs with the {@code []}-keyed array fields, and get JSONP answers in
 * the shape of the endpoint they called. Requests that break the contract answer 400 and are counted in
 * {@link #contractViolations()}, so a test can assert the crawler never broke it.
 *
 * <p>Faults on demand: 429/500 bursts, expired sessions, schema drift, a disabled endpoint, off-host
 * {@code destFilePath}s, corrupt and huge (streamed, never in memory) documents.
 */
public final class FakeBseServer implements AutoCloseable {

    public static final String COOKIE = "C3VK";
    private static final String A_PATH = "/disclosureInfoController/companyAnnouncement.do";
    private static final String B_PATH = "/disclosureInfoController/initDisclosureList.do";
    private static final Set<String> REQUIRED_FIELDS = Set.of("disclosureType[]", "disclosureSubtype[]", "page",
            "companyCd", "isNewThree", "startTime", "endTime", "keyword", "xxfcbj[]", "needFields[]", "sortfield",
            "sorttype");

    /** How a response of the list endpoints deviates from the contract. */
    public enum Drift { NONE, MISSING_LIST_INFO, STATUS_NOT_ZERO, NOT_JSONP, RECORD_WITHOUT_PATH }

    /** Which requests an injected failure hits. */
    public enum Target { LIST, DOCUMENT, ANY }

    /**
     * One announcement on the fake site.
     *
     * @param disclosureCode null to omit the key (older listings), so the crawler hashes the path
     */
    public record Announcement(String disclosureCode, String companyCd, String companyName, String title,
                               String destFilePath, LocalDate publishDate, String fileExt, String type,
                               String subType) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Announcement> announcements = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> documents = new ConcurrentHashMap<>();
    private final Map<String, long[]> hugeDocuments = new ConcurrentHashMap<>();
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> requestCounts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> documentDownloads = new ConcurrentHashMap<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 500;
    private volatile Target failureTarget = Target.ANY;
    private volatile boolean handshakeVia302 = true;
    private volatile int pageSize = 20;
    private volatile boolean newestLastWithinDate;
    private volatile Drift driftA = Drift.NONE;
    private volatile Drift driftB = Drift.NONE;
    private final Set<String> disabledPaths = ConcurrentHashMap.newKeySet();
    private volatile IntConsumer beforeListing = page -> { };

    private FakeBseServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static FakeBseServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newFixedThreadPool(4);
            server.setExecutor(executor);
            FakeBseServer fake = new FakeBseServer(server, executor);
            server.createContext("/", fake::handle);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake bse.cn", e);
        }
    }

    /** e.g. {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    // ---------------------------------------------------------------- data

    public void add(Announcement a) {
        announcements.add(a);
    }

    public void addAll(List<Announcement> list) {
        announcements.addAll(list);
    }

    /** Serves {@code bytes} at {@code path}. */
    public void document(String path, byte[] bytes) {
        documents.put(path, bytes);
    }

    /**
     * Serves a "PDF" of {@code size} bytes at {@code path}, generated while streaming (never held in memory);
     * {@code declareLength} false sends it chunked with no Content-Length, so only counting can catch it.
     */
    public void hugeDocument(String path, long size, boolean declareLength) {
        hugeDocuments.put(path, new long[] {size, declareLength ? 1 : 0});
    }

    /** A typical announcement, its document registered as a small valid PDF with its title as text. */
    public static Announcement announcement(String code, String companyCd, LocalDate date, String title) {
        return new Announcement(code, companyCd, "公司" + companyCd, "[临时公告]" + title,
                "/disclosure/" + date.getYear() + "/" + date + "/" + code + ".pdf", date, "pdf", "9504",
                "9504-4417");
    }

    // ---------------------------------------------------------------- behaviour knobs

    /** The next {@code count} requests of {@code target} answer {@code status} (429 bursts, 5xx outages). */
    public void failNext(int count, int status, Target target) {
        this.failureStatus = status;
        this.failureTarget = target;
        this.failuresLeft.set(count);
    }

    public void handshakeVia302(boolean on) {
        this.handshakeVia302 = on;
    }

    public void pageSize(int size) {
        this.pageSize = size;
    }

    /** Whether announcements of the same day list the newest-added last (true) or first (false, default). */
    public void newestLastWithinDate(boolean on) {
        this.newestLastWithinDate = on;
    }

    public void drift(String endpointPath, Drift drift) {
        if (endpointPath.contains("companyAnnouncement")) {
            driftA = drift;
        } else {
            driftB = drift;
        }
    }

    public void driftBoth(Drift drift) {
        driftA = drift;
        driftB = drift;
    }

    /** Makes an endpoint answer 404, as if the exchange retired it. */
    public void disable(String endpointPath) {
        disabledPaths.add(endpointPath);
    }

    /** Forgets every session cookie: the next list request gets 403 until the client warms up again. */
    public void expireSessions() {
        validTokens.clear();
    }

    /** Runs before each list request is answered, with its page number (e.g. to publish during a walk). */
    public void beforeListing(IntConsumer hook) {
        this.beforeListing = hook;
    }

    // ---------------------------------------------------------------- observations

    public int requests(String pathPrefix) {
        return requestCounts.entrySet().stream().filter(e -> e.getKey().startsWith(pathPrefix))
                .mapToInt(e -> e.getValue().get()).sum();
    }

    public int downloads(String path) {
        AtomicInteger n = documentDownloads.get(path);
        return n == null ? 0 : n.get();
    }

    public List<String> contractViolations() {
        return List.copyOf(violations);
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            requestCounts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            if (path.equals("/disclosure/announcement.html")) {
                warmUp(ex);
            } else if (path.equals(A_PATH) || path.equals(B_PATH)) {
                if (injectFailure(ex, Target.LIST)) {
                    return;
                }
                if (disabledPaths.contains(path)) {
                    send(ex, 404, "text/html", "<html>404</html>");
                    return;
                }
                listing(ex, path.equals(A_PATH));
            } else if (path.startsWith("/disclosure/")) {
                if (injectFailure(ex, Target.DOCUMENT)) {
                    return;
                }
                document(ex, path);
            } else {
                send(ex, 404, "text/plain", "not found");
            }
        } catch (RuntimeException e) {
            violations.add("server error: " + e);
            throw e;
        }
    }

    private boolean injectFailure(HttpExchange ex, Target kind) throws IOException {
        if ((failureTarget == Target.ANY || failureTarget == kind)
                && failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            if (failureStatus == 429) {
                ex.getResponseHeaders().set("Retry-After", "0");
            }
            send(ex, failureStatus, "text/html", "<html>error " + failureStatus + "</html>");
            return true;
        }
        return false;
    }

    private void warmUp(HttpExchange ex) throws IOException {
        String query = ex.getRequestURI().getRawQuery();
        String token = UUID.randomUUID().toString();
        validTokens.add(token);
        ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + token + "; Path=/; HttpOnly");
        if (handshakeVia302 && (query == null || !query.contains("hs=1"))) {
            ex.getResponseHeaders().set("Location", "/disclosure/announcement.html?hs=1");
            ex.sendResponseHeaders(302, -1);
            return;
        }
        send(ex, 200, "text/html; charset=utf-8", "<html><head><title>信息披露</title></head><body></body></html>");
    }

    private void listing(HttpExchange ex, boolean endpointA) throws IOException {
        if (!"POST".equals(ex.getRequestMethod())) {
            violation(ex, "list endpoint called with " + ex.getRequestMethod());
            return;
        }
        if (!hasValidCookie(ex)) {
            send(ex, 403, "text/html", "<html>403 Forbidden</html>");
            return;
        }
        String contentType = ex.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
            violation(ex, "Content-Type " + contentType);
            return;
        }
        for (String header : List.of("Referer", "Origin", "X-Requested-With", "User-Agent")) {
            if (ex.getRequestHeaders().getFirst(header) == null) {
                violation(ex, "missing header " + header);
                return;
            }
        }
        Map<String, List<String>> form = parseForm(new String(ex.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8));
        for (String field : REQUIRED_FIELDS) {
            if (!form.containsKey(field)) {
                violation(ex, "missing form field " + field + " in " + form.keySet());
                return;
            }
        }
        if (!endpointA && (!form.containsKey("siteId") || !form.containsKey("flag"))) {
            violation(ex, "initDisclosureList.do without siteId/flag");
            return;
        }
        if (!form.get("needFields[]").containsAll(List.of("companyCd", "destFilePath", "publishDate", "fileExt"))) {
            violation(ex, "needFields[] lacks required fields: " + form.get("needFields[]"));
            return;
        }
        int page;
        try {
            page = Integer.parseInt(first(form, "page"));
        } catch (NumberFormatException e) {
            violation(ex, "page is not a number: " + first(form, "page"));
            return;
        }
        beforeListing.accept(page);
        List<Announcement> matching = query(form, endpointA);
        String callback = queryParam(ex, "callback");
        String wrapper = callback == null || callback.isBlank() ? "null" : callback;
        Drift drift = endpointA ? driftA : driftB;
        if (drift == Drift.NOT_JSONP) {
            send(ex, 200, "text/html; charset=utf-8", "<html><body>系统维护中</body></html>");
            return;
        }
        String json = endpointA ? responseA(matching, page, drift) : responseB(matching, page, drift);
        send(ex, 200, "text/javascript; charset=utf-8", wrapper + "(" + json + ")");
    }

    private List<Announcement> query(Map<String, List<String>> form, boolean endpointA) {
        String start = first(form, "startTime");
        String end = first(form, "endTime");
        String keyword = first(form, "keyword");
        String company = first(form, "companyCd");
        List<Announcement> snapshot = new ArrayList<>(announcements);
        List<Announcement> out = new ArrayList<>();
        for (int i = 0; i < snapshot.size(); i++) {
            Announcement a = snapshot.get(i);
            if (!start.isEmpty() && a.publishDate().isBefore(LocalDate.parse(start))) {
                continue;
            }
            if (!end.isEmpty() && a.publishDate().isAfter(LocalDate.parse(end))) {
                continue;
            }
            if (!keyword.isEmpty() && !a.title().contains(keyword)) {
                continue;
            }
            if (endpointA && !company.isEmpty() && !company.equals(a.companyCd())) {
                continue; // endpoint B ignores companyCd, as the real one does
            }
            out.add(a);
        }
        // publishDate desc; within a date, insertion order newest-first or newest-last
        Map<Announcement, Integer> order = new HashMap<>();
        for (int i = 0; i < snapshot.size(); i++) {
            order.put(snapshot.get(i), i);
        }
        Comparator<Announcement> byDate = Comparator.comparing(Announcement::publishDate).reversed();
        Comparator<Announcement> tie = Comparator.comparing(order::get);
        out.sort(byDate.thenComparing(newestLastWithinDate ? tie : tie.reversed()));
        return out;
    }

    private String responseA(List<Announcement> all, int page, Drift drift) {
        int size = pageSize;
        int totalPages = Math.max(1, (all.size() + size - 1) / size);
        List<Announcement> slice = slice(all, page, size);
        ArrayNode content = Json.mapper().createArrayNode();
        slice.forEach(a -> content.add(record(a, drift)));
        ObjectNode listInfo = Json.mapper().createObjectNode();
        listInfo.set("content", content);
        listInfo.put("firstPage", page == 0);
        listInfo.put("lastPage", page >= totalPages - 1);
        listInfo.put("number", page);
        listInfo.put("numberOfElements", slice.size());
        listInfo.put("size", size);
        listInfo.putNull("sort");
        listInfo.put("totalElements", all.size());
        listInfo.put("totalPages", totalPages);
        ObjectNode first = Json.mapper().createObjectNode();
        if (drift != Drift.MISSING_LIST_INFO) {
            first.set("listInfo", listInfo);
        }
        first.put("status", drift == Drift.STATUS_NOT_ZERO ? 1 : 0);
        return Json.write(Json.mapper().createArrayNode().add(first));
    }

    /** Endpoint B groups consecutive announcements of one company and day into one row (up to 3). */
    private String responseB(List<Announcement> all, int page, Drift drift) {
        List<List<Announcement>> rows = new ArrayList<>();
        for (Announcement a : all) {
            List<Announcement> last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
            if (last != null && last.size() < 3 && last.get(0).companyCd().equals(a.companyCd())
                    && last.get(0).publishDate().equals(a.publishDate())) {
                last.add(a);
            } else {
                rows.add(new ArrayList<>(List.of(a)));
            }
        }
        int size = pageSize;
        int totalPages = Math.max(1, (rows.size() + size - 1) / size);
        ArrayNode content = Json.mapper().createArrayNode();
        for (List<Announcement> row : slice(rows, page, size)) {
            ObjectNode r = Json.mapper().createObjectNode();
            ArrayNode disclosures = r.putArray("disclosures");
            row.forEach(a -> disclosures.add(record(a, drift)));
            r.put("totalElements", all.size());
            content.add(r);
        }
        ObjectNode data = Json.mapper().createObjectNode();
        data.set("content", content);
        data.put("numberOfElements", content.size());
        data.putNull("sort");
        data.put("totalElements", rows.size());
        data.put("totalPages", totalPages);
        data.put("firstPage", page == 0);
        data.put("lastPage", page >= totalPages - 1);
        data.put("size", size);
        data.put("number", page);
        ObjectNode root = Json.mapper().createObjectNode();
        if (drift != Drift.MISSING_LIST_INFO) {
            root.set("data", data);
        }
        if (drift == Drift.STATUS_NOT_ZERO) {
            root.put("status", -1);
        }
        return Json.write(root);
    }

    private static ObjectNode record(Announcement a, Drift drift) {
        ObjectNode r = Json.mapper().createObjectNode();
        if (a.disclosureCode() != null) {
            r.put("disclosureCode", a.disclosureCode());
        }
        r.put("companyCd", a.companyCd());
        r.put("companyName", a.companyName());
        r.put("disclosureTitle", a.title());
        r.put("disclosurePostTitle", "");
        if (drift != Drift.RECORD_WITHOUT_PATH) {
            r.put("destFilePath", a.destFilePath());
        }
        r.put("publishDate", a.publishDate().toString());
        r.put("fileExt", a.fileExt());
        r.put("disclosureType", a.type());
        r.put("disclosureSubType", a.subType());
        r.put("xxfcbj", "2");
        r.put("xxzrlx", "B");
        return r;
    }

    private void document(HttpExchange ex, String path) throws IOException {
        documentDownloads.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        long[] huge = hugeDocuments.get(path);
        if (huge != null) {
            streamHuge(ex, huge[0], huge[1] == 1);
            return;
        }
        byte[] bytes = documents.get(path);
        if (bytes == null) {
            send(ex, 404, "text/html", "<html>404</html>");
            return;
        }
        ex.getResponseHeaders().set("Content-Type", path.endsWith(".pdf") ? "application/pdf" : "text/html");
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void streamHuge(HttpExchange ex, long size, boolean declareLength) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/pdf");
        ex.sendResponseHeaders(200, declareLength ? size : 0);
        byte[] chunk = new byte[64 * 1024];
        byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, chunk, 0, header.length);
        try (OutputStream out = ex.getResponseBody()) {
            for (long sent = 0; sent < size; ) {
                int n = (int) Math.min(chunk.length, size - sent);
                out.write(chunk, 0, n);
                sent += n;
            }
        } catch (IOException e) {
            // the client hung up after reaching its cap: expected
        }
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
        violations.add(ex.getRequestURI().getPath() + ": " + what);
        send(ex, 400, "text/plain", "contract violation: " + what);
    }

    private static Map<String, List<String>> parseForm(String body) {
        Map<String, List<String>> form = new HashMap<>();
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
            String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
            form.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return form;
    }

    private static String first(Map<String, List<String>> form, String key) {
        List<String> v = form.get(key);
        return v == null || v.isEmpty() ? "" : v.get(0);
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

    private static <T> List<T> slice(List<T> all, int page, int size) {
        int from = Math.min(all.size(), page * size);
        return all.subList(from, Math.min(all.size(), from + size));
    }

    private static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
