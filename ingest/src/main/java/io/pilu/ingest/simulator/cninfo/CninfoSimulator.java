package io.pilu.ingest.simulator.cninfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pilu.ingest.CrawlMetrics;
import io.pilu.ingest.simulator.ContractViolationException;
import io.pilu.ingest.simulator.ExchangeSimulator;
import io.pilu.model.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local cninfo.com.cn that speaks the disclosure contract (docs/cninfo-contract.md) and enforces it rather than
 * merely answering: {@code /new/hisAnnouncement/query} takes a POST whose fields come in the form body or the query
 * string, needs a {@code column} and {@code tabName} it serves, clamps {@code pageSize} to 30, caps
 * {@code totalRecordNum} at 3,000 (so at most 100 pages), lists newest first and filters by column, tab, plate,
 * category, {@code code,orgId} stock pairs, keyword (wrapped in {@code <em>}) and {@code seDate}. It also serves the
 * stock list ({@code /new/data/szse_stock.json}) and the documents under {@code /finalpage/…}, so one port can stand
 * for both the site and the document host. Requests that break the contract answer 400 and are recorded in
 * {@link #contractViolations()}, so a test can assert that the crawler never broke it.
 *
 * <p>What the contract leaves unconfirmed is a {@link Settings} knob, so tests can check the crawler both ways:
 * whether the {@code seDate} end day is included, whether 调研 records also appear in {@code fulltext}, whether
 * {@code column=szse} also covers Beijing, whether the stock list has Beijing codes.
 *
 * <p>Faults (empty or truncated bodies, 429/5xx bursts, 403, challenge pages…) are not here: test fixtures inject
 * them through {@link #intercept}, as for the bse.cn simulator. Plain JDK {@link HttpServer}; thread-safe.
 */
public final class CninfoSimulator extends ExchangeSimulator {

    public static final String QUERY_PATH = "/new/hisAnnouncement/query";
    public static final String STOCK_LIST_PATH = "/new/data/szse_stock.json";
    public static final String DOCUMENT_PREFIX = "/finalpage/";
    /** The server's page size and maximum. */
    public static final int PAGE_SIZE = 30;
    /** The cap on {@code totalRecordNum}: no query pages past it. */
    public static final int MAX_RECORDS = 3000;

    /**
     * What the contract leaves unconfirmed, as the simulator plays it.
     *
     * @param endDateInclusive      whether {@code seDate}'s end day is included (default true)
     * @param irAlsoInFulltext      whether {@code _szdy} (调研) records are also listed in {@code fulltext} (default
     *                              true: the crawler must de-duplicate across tabs)
     * @param szseColumnIncludesBse whether {@code column=szse} also lists Beijing companies (default false)
     * @param stockListIncludesBse  whether the stock list has Beijing codes (default true)
     */
    public record Settings(
            boolean endDateInclusive,
            boolean irAlsoInFulltext,
            boolean szseColumnIncludesBse,
            boolean stockListIncludesBse) {

        public static final Settings DEFAULTS = new Settings(true, true, false, true);

        public Settings withEndDateInclusive(boolean on) {
            return new Settings(on, irAlsoInFulltext, szseColumnIncludesBse, stockListIncludesBse);
        }

        public Settings withIrAlsoInFulltext(boolean on) {
            return new Settings(endDateInclusive, on, szseColumnIncludesBse, stockListIncludesBse);
        }

        public Settings withSzseColumnIncludesBse(boolean on) {
            return new Settings(endDateInclusive, irAlsoInFulltext, on, stockListIncludesBse);
        }

        public Settings withStockListIncludesBse(boolean on) {
            return new Settings(endDateInclusive, irAlsoInFulltext, szseColumnIncludesBse, on);
        }
    }

    /** An answer before it is sent; fault fixtures may change it. */
    public record Answer(int status, String contentType, byte[] body) {
        public static Answer text(int status, String contentType, String body) {
            return new Answer(status, contentType, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A request as received (header names in any case; the body only for the API paths). */
    public record RecordedRequest(
            String method, String path, String rawQuery, Map<String, List<String>> headers, String body) {

        /** The first value of header {@code name} (any case), or null. */
        public String header(String name) {
            List<String> v = headers.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    /** A company in the stock list. */
    public record Company(String code, String orgId, String name, String exchange) {}

    private final List<SimulatedCninfoAnnouncement> announcements = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> documents = new ConcurrentHashMap<>();
    private final Map<String, Company> companies = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();
    private final AtomicLong nextSyntheticId = new AtomicLong(1_300_000_000L);
    private volatile Settings settings = Settings.DEFAULTS;

    private CninfoSimulator(String host, int port) {
        super("cninfo", host, port);
    }

    /** An empty site on the loopback interface, on a free port (tests). */
    public static CninfoSimulator start() {
        return start(LOOPBACK, 0);
    }

    /**
     * An empty site on {@code host:port}; port 0 picks a free one.
     *
     * @throws IllegalStateException when the address cannot be bound
     */
    public static CninfoSimulator start(String host, int port) {
        return serving(new CninfoSimulator(host, port));
    }

    /** The bundled samples ({@link CninfoSampleSet#bundled()}) on the loopback interface, on a free port. */
    public static CninfoSimulator withSamples() {
        return start().load(CninfoSampleSet.bundled());
    }

    /** Lists every sample and serves its document; returns this. */
    public CninfoSimulator load(CninfoSampleSet samples) {
        for (CninfoSampleSet.Sample s : samples.samples()) {
            document(s.announcement().adjunctUrl(), s.content());
            add(s.announcement());
        }
        return this;
    }

    /** The document host's base URL: the same server as the site's ({@link #baseUrl()}). */
    public String documentBaseUrl() {
        return baseUrl();
    }

    // ---------------------------------------------------------------- data

    /** Lists {@code a} (visible to the next request) and puts its company in the stock list. */
    public void add(SimulatedCninfoAnnouncement a) {
        company(a.secCode(), a.orgId(), a.secName(), a.exchange());
        announcements.add(a);
    }

    public void addAll(List<SimulatedCninfoAnnouncement> list) {
        list.forEach(this::add);
    }

    /** Removes every announcement (documents and companies stay). */
    public void clearAnnouncements() {
        announcements.clear();
    }

    /**
     * Puts a company in the stock list.
     *
     * @throws IllegalArgumentException when the code is already listed with another orgId
     */
    public void company(String code, String orgId, String name, String exchange) {
        Company c = new Company(code, orgId, name, exchange);
        Company before = companies.putIfAbsent(code, c);
        if (before != null && !before.orgId().equals(orgId)) {
            throw new IllegalArgumentException(
                    "company " + code + " already has orgId " + before.orgId() + ", not " + orgId);
        }
    }

    /** Serves {@code bytes} at {@code adjunctUrl} on the document host. */
    public void document(String adjunctUrl, byte[] bytes) {
        documents.put(adjunctUrl.startsWith("/") ? adjunctUrl : "/" + adjunctUrl, bytes.clone());
    }

    /** A typical announcement of company {@code code} on {@code date} at 18:00 Beijing time, with a PDF document. */
    public static SimulatedCninfoAnnouncement announcement(
            String id, String code, String orgId, String exchange, LocalDate date, String title, String category) {
        long millis = date.atTime(18, 0)
                .atZone(CrawlMetrics.EXCHANGE_ZONE)
                .toInstant()
                .toEpochMilli();
        return new SimulatedCninfoAnnouncement(
                id,
                code,
                "公司" + code,
                orgId,
                title,
                millis,
                "finalpage/" + date + "/" + id + ".PDF",
                120L,
                "PDF",
                null,
                null,
                pageColumn(exchange, code),
                exchange,
                category);
    }

    /**
     * Lists {@code count} synthetic announcements of {@code exchange} companies published on {@code date}, spread
     * over the day, each with a small PDF, their categories rotating over {@link #SYNTHETIC_CATEGORIES} (every
     * seventh a 调研 record), and returns them.
     */
    public List<SimulatedCninfoAnnouncement> generateDay(LocalDate date, int count, String exchange) {
        return generateDay(date, count, exchange, null);
    }

    /** The same with every announcement in {@code category} (null: rotating). */
    public List<SimulatedCninfoAnnouncement> generateDay(LocalDate date, int count, String exchange, String category) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
        if (!SimulatedCninfoAnnouncement.EXCHANGES.contains(exchange)) {
            throw new IllegalArgumentException("exchange must be SZSE, SSE or BSE, got " + exchange);
        }
        long dayStart =
                date.atStartOfDay(CrawlMetrics.EXCHANGE_ZONE).toInstant().toEpochMilli();
        long step = count == 0 ? 0 : 86_400_000L / count;
        List<SimulatedCninfoAnnouncement> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = Long.toString(nextSyntheticId.getAndIncrement());
            String code = syntheticCode(exchange, i % 200);
            String orgId = switch (exchange) {
                case "SZSE" -> "gssz0" + code;
                case "SSE" -> "gssh0" + code;
                default -> "gfbj0" + code;
            };
            String cat = category != null
                    ? category
                    : i % 7 == 6 ? "category_dyhd_szdy" : SYNTHETIC_CATEGORIES.get(i % SYNTHETIC_CATEGORIES.size());
            String title = cat.endsWith("_szdy") ? "投资者关系活动记录表（" + id + "）" : "关于日常经营事项的公告（" + id + "）";
            String adjunctUrl = "finalpage/" + date + "/" + id + ".PDF";
            SimulatedCninfoAnnouncement a = new SimulatedCninfoAnnouncement(
                    id,
                    code,
                    "合成" + code,
                    orgId,
                    title,
                    dayStart + i * step,
                    adjunctUrl,
                    1L,
                    "PDF",
                    null,
                    null,
                    pageColumn(exchange, code),
                    exchange,
                    cat);
            document(
                    adjunctUrl,
                    SyntheticPdf.of(List.of(
                            "cninfo simulator synthetic announcement " + id, "secCode " + code, "published " + date)));
            add(a);
            out.add(a);
        }
        return out;
    }

    /** The fulltext categories {@link #generateDay} rotates over. */
    public static final List<String> SYNTHETIC_CATEGORIES = List.of(
            "category_rcjy_szsh",
            "category_dshgg_szsh",
            "category_gddh_szsh",
            "category_gszl_szsh",
            "category_bcgz_szsh",
            "category_gqbd_szsh");

    private static String syntheticCode(String exchange, int n) {
        return switch (exchange) {
            case "SZSE" -> String.format("00%04d", 2000 + n);
            case "SSE" -> String.format("60%04d", 3000 + n);
            default -> String.format("92%04d", 1000 + n);
        };
    }

    private static String pageColumn(String exchange, String code) {
        return switch (exchange) {
            case "SZSE" -> code.startsWith("30") ? "SZCY" : "SZZB";
            case "SSE" -> code.startsWith("68") ? "SHKCP" : "SHZB";
            default -> "BJZB";
        };
    }

    /** Every listed announcement. */
    public List<SimulatedCninfoAnnouncement> announcements() {
        return List.copyOf(announcements);
    }

    // ---------------------------------------------------------------- knobs

    public Settings settings() {
        return settings;
    }

    /** Plays the unconfirmed parts of the contract this way from the next request on. */
    public void settings(Settings settings) {
        this.settings = settings;
    }

    // ---------------------------------------------------------------- observations

    /** Every request so far, in order of arrival. */
    public List<RecordedRequest> recordedRequests() {
        return List.copyOf(recorded);
    }

    // ---------------------------------------------------------------- HTTP

    /** Answers {@code ex} as the contract says, whatever is intercepted. */
    @Override
    public void answerByContract(HttpExchange ex) throws IOException {
        send(ex, answer(ex));
    }

    /**
     * What the contract answers to {@code ex} (its body is read and the request recorded): for fixtures that change
     * an answer before sending it.
     */
    public Answer answer(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        boolean api = !path.startsWith(DOCUMENT_PREFIX);
        String body = api ? new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) : "";
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
        recorded.add(new RecordedRequest(method, path, ex.getRequestURI().getRawQuery(), headers, body));
        if (path.equals(QUERY_PATH)) {
            String type = ex.getRequestHeaders().getFirst("Content-Type");
            if (!body.isBlank()
                    && (type == null
                            || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded"))) {
                return violation(QUERY_PATH, "query body sent as " + type + " (a form body is expected)");
            }
            return query(method, ex.getRequestURI().getRawQuery(), body);
        }
        if (path.equals(STOCK_LIST_PATH)) {
            if (!method.equals("GET")) {
                return violation(path, "stock list requested with " + method + " (GET expected)");
            }
            return Answer.text(200, "application/json;charset=UTF-8", stockList());
        }
        if (path.startsWith(DOCUMENT_PREFIX)) {
            byte[] bytes = documents.get(path);
            if (bytes == null) {
                return Answer.text(404, "text/html", "<html><body>404 Not Found</body></html>");
            }
            return new Answer(200, contentType(path), bytes);
        }
        return Answer.text(404, "text/html", "<html><body>404 Not Found</body></html>");
    }

    private Answer query(String method, String rawQuery, String body) {
        if (!method.equals("POST")) {
            return violation(QUERY_PATH, "query sent with " + method + " (POST expected)");
        }
        CninfoQueryRequest request;
        try {
            request = CninfoQueryRequest.parse(rawQuery, body);
        } catch (ContractViolationException e) {
            return violation(QUERY_PATH, e.getMessage());
        }
        List<SimulatedCninfoAnnouncement> matching = request.select(new ArrayList<>(announcements), settings);
        return Answer.text(200, "application/json;charset=UTF-8", CninfoResponseWriter.page(request, matching));
    }

    private String stockList() {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode list = root.putArray("stockList");
        List<Company> all;
        synchronized (companies) {
            all = new ArrayList<>(companies.values());
        }
        for (Company c : all) {
            if (c.exchange().equals("BSE") && !settings.stockListIncludesBse()) {
                continue;
            }
            ObjectNode o = list.addObject();
            o.put("orgId", c.orgId());
            o.put("category", "A股");
            o.put("code", c.code());
            o.put("pinyin", "");
            o.put("zwjc", c.name());
        }
        try {
            return Json.mapper().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the stock list", e);
        }
    }

    private static String contentType(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        if (p.endsWith(".pdf")) {
            return "application/pdf";
        }
        if (p.endsWith(".html") || p.endsWith(".htm")) {
            return "text/html; charset=utf-8";
        }
        if (p.endsWith(".docx")) {
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        }
        return "application/octet-stream";
    }

    private Answer violation(String path, String what) {
        recordViolation(path + ": " + what);
        return Answer.text(400, "text/plain; charset=utf-8", "contract violation: " + what);
    }

    /** Sends {@code answer} on {@code ex}. */
    public static void send(HttpExchange ex, Answer answer) throws IOException {
        ex.getResponseHeaders().set("Content-Type", answer.contentType());
        ex.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        if (answer.body().length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }
}
