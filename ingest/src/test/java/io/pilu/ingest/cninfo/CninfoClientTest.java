package io.pilu.ingest.cninfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilu.ingest.Refusal;
import io.pilu.ingest.fixture.CninfoSimulatorFaults;
import io.pilu.ingest.fixture.CninfoSimulatorFaults.Kind;
import io.pilu.ingest.fixture.CninfoSimulatorFaults.Target;
import io.pilu.ingest.fixture.MutableClock;
import io.pilu.ingest.http.BackoffPolicy;
import io.pilu.ingest.http.DocumentDownloadException;
import io.pilu.ingest.http.DownloadedDocument;
import io.pilu.ingest.http.HttpFailureException;
import io.pilu.ingest.http.RefusedDocumentException;
import io.pilu.ingest.listing.ListingLimitException;
import io.pilu.ingest.simulator.cninfo.CninfoSimulator;
import io.pilu.ingest.simulator.cninfo.SimulatedCninfoAnnouncement;
import io.pilu.service.Sleeper;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against the cninfo simulator: what it sends, how politely, and what it does with bad answers. */
class CninfoClientTest {

    private static final LocalDate DAY = LocalDate.of(2024, 6, 18);

    /** Time that passes only when the client waits: every wait is recorded. */
    static final class FakeTime implements Sleeper {
        final List<Duration> waits = new CopyOnWriteArrayList<>();
        volatile long nanos = 1_000_000_000L;

        @Override
        public void sleep(Duration d) {
            waits.add(d);
            nanos += d.toNanos();
        }
    }

    /** What the client reported. */
    static final class Recorder implements CninfoClient.Listener {
        final List<String> retries = new CopyOnWriteArrayList<>();
        final List<String> blocked = new CopyOnWriteArrayList<>();
        final List<Integer> dropped = new CopyOnWriteArrayList<>();
        final List<Refusal> refused = new CopyOnWriteArrayList<>();
        final List<String> schemaErrors = new CopyOnWriteArrayList<>();
        int documentsRefused;

        @Override
        public void onRetry(String endpoint, String reason) {
            retries.add(endpoint + ":" + reason);
        }

        @Override
        public void onBlocked(String endpoint, String reason) {
            blocked.add(endpoint + ":" + reason);
        }

        @Override
        public void onDroppedScriptRows(int rows) {
            dropped.add(rows);
        }

        @Override
        public void onRefused(Refusal reason) {
            refused.add(reason);
        }

        @Override
        public void onSchemaError(String endpoint, String kind) {
            schemaErrors.add(endpoint + ":" + kind);
        }

        @Override
        public void onDocumentRefused() {
            documentsRefused++;
        }
    }

    private final CninfoSimulator site = CninfoSimulator.start();
    private final FakeTime time = new FakeTime();
    private final MutableClock clock = new MutableClock(Instant.parse("2024-06-18T00:00:00Z"));
    private final Recorder recorder = new Recorder();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        site.close();
    }

    private CninfoClientConfig config() {
        return CninfoClientConfig.defaults(URI.create(site.baseUrl()), URI.create(site.documentBaseUrl()))
                .withBackoff(new BackoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 5));
    }

    private CninfoClient client(CninfoClientConfig config) {
        // jitter 0.5: list gaps of 1.5 s, document gaps of 2.5 s, backoff waits at 3/4 of their ceiling
        CninfoClient c = new CninfoClient(config, recorder, time, () -> 0.5, () -> time.nanos, clock);
        closing.add(c);
        return c;
    }

    private CninfoClient client() {
        return client(config());
    }

    @Test
    void sendsEveryFormFieldAndBrowserHeadersAsSpecified() throws Exception {
        site.generateDay(DAY, 3, "SZSE", "category_dyhd_szdy");
        CninfoQuery q = CninfoQuery.of("szse", "relation").withDates(DAY, DAY);
        CninfoPage page = client().query(q, 1);
        assertThat(page.announcements()).hasSize(3);
        CninfoSimulator.RecordedRequest r = site.recordedRequests().get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/new/hisAnnouncement/query");
        assertThat(r.rawQuery()).isNull();
        assertThat(r.body()).isEqualTo(q.formBody(1));
        assertThat(r.body())
                .contains(
                        "&secid=&",
                        "&sortName=&sortType=&",
                        "&trade=&",
                        "isHLtitle=true",
                        "pageSize=30",
                        "seDate=2024-06-18%7E2024-06-18");
        assertThat(r.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded; charset=UTF-8");
        assertThat(r.header("User-Agent")).startsWith("Mozilla/5.0");
        assertThat(r.header("Referer"))
                .isEqualTo(site.baseUrl() + "/new/commonUrl/pageOfSearch?url=disclosure/list/search&lastPage=index");
        assertThat(r.header("Origin")).isEqualTo(site.baseUrl());
        assertThat(r.header("X-Requested-With")).isEqualTo("XMLHttpRequest");
        assertThat(r.header("Accept")).isEqualTo("application/json, text/javascript, */*; q=0.01");
        assertThat(site.contractViolations()).isEmpty();
    }

    @Test
    void waitsAtLeastOneSecondBetweenListPagesAndTwoBetweenDocuments() throws Exception {
        List<SimulatedCninfoAnnouncement> day = site.generateDay(DAY, 70, "SZSE", "category_rcjy_szsh");
        CninfoClient client = client();
        CninfoQuery q = CninfoQuery.of("szse", "fulltext");
        for (int p = 1; p <= 3; p++) {
            client.query(q, p);
        }
        // the first request goes at once; each later one waits the interval plus its jitter
        assertThat(time.waits).containsExactly(Duration.ofMillis(1500), Duration.ofMillis(1500));
        time.waits.clear();
        Path dir = Files.createTempDirectory("cninfo-docs");
        for (int i = 0; i < 3; i++) {
            Files.delete(client.download(day.get(i).adjunctUrl(), dir).file());
        }
        assertThat(time.waits).containsExactly(Duration.ofMillis(2500), Duration.ofMillis(2500));
        assertThat(time.waits).allSatisfy(w -> assertThat(w).isGreaterThanOrEqualTo(Duration.ofSeconds(2)));
        // time that has passed counts towards the gap: the 5 s of document gaps, then 1.2 of the next 1.5 s
        time.waits.clear();
        client.query(q, 1);
        assertThat(time.waits).isEmpty();
        time.nanos += Duration.ofMillis(1200).toNanos();
        client.query(q, 1);
        assertThat(time.waits).containsExactly(Duration.ofMillis(300));
        Files.delete(dir);
    }

    @Test
    void retriesEmptyTruncatedThrottledAndFailingAnswersThenSucceeds() throws Exception {
        site.generateDay(DAY, 5, "SZSE", "category_rcjy_szsh");
        CninfoSimulatorFaults.of(site)
                .next(1, Kind.EMPTY_BODY, Target.QUERY)
                .next(1, Kind.TRUNCATED, Target.QUERY)
                .failNext(1, 429, Target.QUERY)
                .failNext(1, 503, Target.QUERY);
        CninfoPage page = client().query(CninfoQuery.of("szse", "fulltext"), 1);
        assertThat(page.announcements()).hasSize(5);
        assertThat(recorder.retries)
                .containsExactly("query:empty_body", "query:truncated", "query:throttled", "query:server_error");
        assertThat(site.requests(CninfoSimulator.QUERY_PATH)).isEqualTo(5);
        // backoff waits (1 s·2ⁿ with jitter), each followed by what is left of the list gap
        assertThat(time.waits)
                .containsExactly(
                        Duration.ofMillis(750),
                        Duration.ofMillis(750),
                        Duration.ofMillis(1500),
                        Duration.ofMillis(3000), // 429 with Retry-After: 0, our own backoff wins
                        Duration.ofMillis(6000));
    }

    @Test
    void givesUpOnEmptyBodiesAfterTheAttemptsWithARetryableSchemaError() {
        CninfoSimulatorFaults.of(site).next(5, Kind.EMPTY_BODY, Target.QUERY);
        assertThatThrownBy(() -> client().query(CninfoQuery.of("szse", "fulltext"), 1))
                .isInstanceOfSatisfying(CninfoSchemaException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CninfoSchemaException.Kind.EMPTY_BODY);
                    assertThat(e.retryable()).isTrue();
                })
                .hasMessageContaining("query: gave up after 5 attempts");
        assertThat(site.requests(CninfoSimulator.QUERY_PATH)).isEqualTo(5);
        assertThat(recorder.schemaErrors).containsExactly("query:empty_body");
    }

    @Test
    void a403StopsAtOnceWithoutRetry() {
        CninfoSimulatorFaults.of(site).failNext(3, 403, Target.QUERY);
        assertThatThrownBy(() -> client().query(CninfoQuery.of("szse", "fulltext"), 1))
                .isInstanceOfSatisfying(CninfoBlockedException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.endpoint()).isEqualTo("query");
                })
                .hasMessageContaining("HTTP 403");
        assertThat(site.requests(CninfoSimulator.QUERY_PATH)).isEqualTo(1);
        assertThat(recorder.blocked).containsExactly("query:http_403");
        assertThat(recorder.retries).isEmpty();
        assertThat(time.waits).isEmpty();
    }

    @Test
    void aChallengePageStopsAtOnceWithoutRetry() {
        CninfoSimulatorFaults.of(site).next(3, Kind.CHALLENGE_PAGE, Target.QUERY);
        assertThatThrownBy(() -> client().query(CninfoQuery.of("szse", "fulltext"), 1))
                .isInstanceOfSatisfying(
                        CninfoBlockedException.class,
                        e -> assertThat(e.status()).isEqualTo(200))
                .hasMessageContaining("HTML where a JSON object is expected");
        assertThat(site.requests(CninfoSimulator.QUERY_PATH)).isEqualTo(1);
        assertThat(recorder.blocked).containsExactly("query:challenge_page");
    }

    @Test
    void aDocument403IsABlockAndOther4xxFailWithoutRetry() throws Exception {
        List<SimulatedCninfoAnnouncement> day = site.generateDay(DAY, 1, "SZSE");
        CninfoSimulatorFaults.of(site).failNext(1, 403, Target.DOCUMENT);
        CninfoClient client = client();
        assertThatThrownBy(() -> client.download(day.get(0).adjunctUrl())).isInstanceOf(CninfoBlockedException.class);
        assertThatThrownBy(() -> client.download("finalpage/2024-06-18/404.PDF"))
                .isInstanceOf(DocumentDownloadException.class)
                .hasMessageContaining("HTTP 404");
        assertThat(site.requests("/finalpage/")).isEqualTo(2);
    }

    @Test
    void theEmptyPayloadAndScriptRowsReachTheCaller() throws Exception {
        site.generateDay(DAY, 2, "SZSE", "category_rcjy_szsh");
        CninfoSimulatorFaults faults = CninfoSimulatorFaults.of(site);
        faults.scriptRows(DAY, 2);
        faults.highlightNames(true);
        CninfoClient client = client();
        CninfoPage page = client.query(CninfoQuery.of("szse", "fulltext"), 1);
        assertThat(page.announcements())
                .hasSize(2)
                .allSatisfy(a -> assertThat(a.secName()).doesNotContain("<em>").startsWith("合成"));
        assertThat(page.droppedScriptRows()).isEqualTo(2);
        assertThat(recorder.dropped).containsExactly(2);
        faults.next(1, Kind.EMPTY_PAYLOAD, Target.QUERY);
        assertThat(client.query(CninfoQuery.of("szse", "fulltext"), 1).emptyPayload())
                .isTrue();
    }

    @Test
    void downloadsFromTheDocumentHostOnly() throws Exception {
        try (CninfoSimulator documents = CninfoSimulator.start()) {
            List<SimulatedCninfoAnnouncement> day = documents.generateDay(DAY, 1, "SZSE");
            CninfoClient client = client(
                    CninfoClientConfig.defaults(URI.create(site.baseUrl()), URI.create(documents.documentBaseUrl())));
            String adjunct = day.get(0).adjunctUrl();
            URI expected = URI.create(documents.documentBaseUrl() + "/" + adjunct);
            assertThat(client.documentUrl(adjunct)).isEqualTo(expected);
            assertThat(client.documentUrl("/" + adjunct)).isEqualTo(expected);
            // an absolute URL on the document host is fetched from the configured document base
            assertThat(client.documentUrl(documents.documentBaseUrl() + "/" + adjunct))
                    .isEqualTo(expected);
            for (String hostile : List.of(
                    "http://evil.example/" + adjunct,
                    "http://127.0.0.1:1/" + adjunct,
                    "//evil.example/" + adjunct,
                    "finalpage/../../etc/passwd",
                    "finalpage/2024-06-18/%2e%2e/x.PDF",
                    "http://user@127.0.0.1:" + documents.port() + "/" + adjunct,
                    documents.documentBaseUrl() + "/" + adjunct + "?x=1",
                    "finalpage\\..\\x.PDF",
                    "file:///etc/passwd",
                    "")) {
                assertThatThrownBy(() -> client.download(hostile))
                        .as(hostile)
                        .isInstanceOf(RefusedDocumentException.class);
            }
            assertThat(recorder.documentsRefused).isEqualTo(10);
            DownloadedDocument doc = client.download(adjunct);
            byte[] bytes = Files.readAllBytes(doc.file());
            Files.delete(doc.file());
            assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("%PDF-");
            assertThat(doc.bytes()).isEqualTo(bytes.length);
            assertThat(doc.sha256())
                    .isEqualTo(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
            assertThat(documents.requests("/finalpage/")).isEqualTo(1);
            assertThat(site.requests("/")).isZero();
        }
    }

    @Test
    void refusesDocumentsAndListingsOverTheirCaps(@TempDir Path dir) throws Exception {
        List<SimulatedCninfoAnnouncement> day = site.generateDay(DAY, 40, "SZSE", "category_rcjy_szsh");
        CninfoClient client =
                client(config().withLimits(Duration.ofSeconds(5), Duration.ofSeconds(30), 100, 2000, 1000));
        assertThatThrownBy(() -> client.download(day.get(0).adjunctUrl(), dir))
                .isInstanceOfSatisfying(
                        DocumentDownloadException.class,
                        e -> assertThat(e.refusal()).isEqualTo(Refusal.DOCUMENT_TOO_LARGE));
        assertThatThrownBy(() -> client.query(CninfoQuery.of("szse", "fulltext"), 1))
                .isInstanceOfSatisfying(
                        ListingLimitException.class, e -> assertThat(e.reason()).isEqualTo(Refusal.LISTING_TOO_LARGE));
        CninfoClient rows =
                client(config().withLimits(Duration.ofSeconds(5), Duration.ofSeconds(30), 1 << 20, 1 << 20, 10));
        assertThatThrownBy(() -> rows.query(CninfoQuery.of("szse", "fulltext"), 1))
                .isInstanceOfSatisfying(
                        ListingLimitException.class,
                        e -> assertThat(e.reason()).isEqualTo(Refusal.LISTING_TOO_MANY_ROWS));
        assertThat(recorder.refused)
                .containsExactly(Refusal.DOCUMENT_TOO_LARGE, Refusal.LISTING_TOO_LARGE, Refusal.LISTING_TOO_MANY_ROWS);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty(); // the refused download left no file
        }
    }

    @Test
    void cutsOffADocumentThatStalls(@TempDir Path dir) throws Exception {
        site.intercept("/finalpage/", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/pdf");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write("%PDF-1.7\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(3_000);
            } catch (InterruptedException | java.io.IOException e) {
                // the client hung up: that is the point
            }
        });
        CninfoClient client =
                client(config().withLimits(Duration.ofMillis(300), Duration.ofSeconds(30), 1 << 20, 1 << 20, 100)
                        .withBackoff(new BackoffPolicy(Duration.ofMillis(10), Duration.ofMillis(10), 1)));
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.download("finalpage/2024-06-18/1.PDF", dir))
                .isInstanceOf(DocumentDownloadException.class)
                .hasMessageContaining("stalled");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_900));
    }

    @Test
    void resolvesOrgIdsThroughTheStockListCachedForADay() throws Exception {
        site.company("000001", "gssz0000001", "平安银行", "SZSE");
        site.company("300750", "GD165627", "宁德时代", "SZSE");
        CninfoClient client = client();
        assertThat(client.orgIds(List.of("300750", "000001")))
                .containsExactly(Map.entry("300750", "GD165627"), Map.entry("000001", "gssz0000001"));
        assertThat(site.requests(CninfoSimulator.STOCK_LIST_PATH)).isEqualTo(1);
        CninfoSimulator.RecordedRequest r = site.recordedRequests().get(0);
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.header("Accept")).contains("application/json");
        site.company("600519", "gssh0600519", "贵州茅台", "SSE");
        clock.now = clock.now.plus(Duration.ofHours(23));
        assertThatThrownBy(() -> client.orgIds(List.of("600519", "000001", "999999")))
                .isInstanceOfSatisfying(
                        CninfoUnknownCodeException.class,
                        e -> assertThat(e.codes()).containsExactly("600519", "999999"))
                .hasMessageContaining("600519, 999999")
                .hasMessageContaining("cannot be derived from the code");
        assertThat(site.requests(CninfoSimulator.STOCK_LIST_PATH)).isEqualTo(1);
        clock.now = clock.now.plus(Duration.ofHours(1));
        assertThat(client.orgIds(List.of("600519"))).containsExactly(Map.entry("600519", "gssh0600519"));
        assertThat(site.requests(CninfoSimulator.STOCK_LIST_PATH)).isEqualTo(2);
    }

    @Test
    void aStockListChallengeIsABlockAndABrokenListASchemaError() {
        CninfoSimulatorFaults.of(site).next(1, Kind.CHALLENGE_PAGE, Target.STOCK_LIST);
        CninfoClient client = client();
        assertThatThrownBy(() -> client.orgIds(List.of("000001"))).isInstanceOf(CninfoBlockedException.class);
        site.intercept(
                CninfoSimulator.STOCK_LIST_PATH,
                ex -> CninfoSimulator.send(
                        ex,
                        CninfoSimulator.Answer.text(
                                200, "application/json", "{\"stockList\":[{\"code\":\"000001\"}]}")));
        assertThatThrownBy(() -> client.orgIds(List.of("000001")))
                .isInstanceOf(CninfoSchemaException.class)
                .hasMessageContaining("stock list: $.stockList[0].orgId");
    }

    @Test
    void notFoundIsNotRetried() {
        site.intercept(
                CninfoSimulator.QUERY_PATH,
                ex -> CninfoSimulator.send(ex, CninfoSimulator.Answer.text(404, "text/html", "<html>404</html>")));
        assertThatThrownBy(() -> client().query(CninfoQuery.of("szse", "fulltext"), 1))
                .isInstanceOfSatisfying(
                        HttpFailureException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(site.requests(CninfoSimulator.QUERY_PATH)).isEqualTo(1);
    }

    @Test
    void theSameAnnouncementComesAgainOnLaterPagesInBothTabsAndTwiceOnAPage() throws Exception {
        site.generateDay(DAY, 45, "SZSE");
        CninfoClient client = client();
        CninfoQuery fulltext = CninfoQuery.of("szse", "fulltext").withDates(DAY, DAY);
        CninfoSimulatorFaults faults = CninfoSimulatorFaults.of(site);
        // two newer announcements arrive after page 1 was read: page 2 repeats the last two rows of page 1
        faults.pushDownAfter(
                1,
                List.of(
                        CninfoSimulator.announcement(
                                "1399999998", "000001", "gssz0000001", "SZSE", DAY, "新公告一", "category_rcjy_szsh"),
                        CninfoSimulator.announcement(
                                "1399999999", "000001", "gssz0000001", "SZSE", DAY, "新公告二", "category_rcjy_szsh")));
        List<String> first = ids(client.query(fulltext, 1));
        List<String> second = ids(client.query(fulltext, 2));
        assertThat(first).hasSize(30);
        assertThat(second).startsWith(first.get(28), first.get(29));
        // 调研 records are listed in both tabs
        List<String> relation = ids(client.query(fulltext.withTab("relation"), 1));
        assertThat(relation).isNotEmpty();
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        all.addAll(ids(client.query(fulltext, 3)));
        assertThat(all).containsAll(relation);
        // and one page may list the same row twice
        faults.duplicateFirstRow(true);
        List<String> page = ids(client.query(fulltext, 1));
        assertThat(page.get(page.size() - 1)).isEqualTo(page.get(0));
    }

    private static List<String> ids(CninfoPage page) {
        return page.announcements().stream()
                .map(CninfoAnnouncement::announcementId)
                .toList();
    }
}
