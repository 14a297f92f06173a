package io.pilu.ingest.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import io.pilu.ingest.fixture.ChildJvm;
import io.pilu.ingest.fixture.CrawlerProcessMain;
import io.pilu.ingest.fixture.HostilePayloads;
import io.pilu.ingest.fixture.KafkaTopics;
import io.pilu.ingest.fixture.TestPdfs;
import io.pilu.ingest.listing.ListingEndpoint;
import io.pilu.ingest.simulator.BseSimulator;
import io.pilu.ingest.simulator.ListingDrift;
import io.pilu.ingest.simulator.ListingResponseWriter;
import io.pilu.ingest.simulator.SimulatedAnnouncement;
import io.pilu.model.Json;
import io.pilu.model.RawAnnouncement;
import io.pilu.model.Topics;
import io.pilu.testkit.PiluIntegrationTest;
import io.pilu.testkit.SharedInfra;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10: a hostile bse.cn on 127.0.0.1 against {@code pilu crawl} running as its own process with
 * {@code bin/pilu}'s default heap ({@code -Xmx768m}) into a real broker. Each test serves one kind of hostile input
 * (generated here, never checked in) next to a good filing, and ends with the crawler still running, the refusal
 * counted under its {@code reason}, and the good filing published exactly once.
 */
@PiluIntegrationTest
class HostileExchangeIT {

    /** bin/pilu's default heap. */
    private static final String HEAP = "-Xmx768m";

    private static final Duration CONVERGE = Duration.ofSeconds(120);
    private static final LocalDate DAY = LocalDate.of(2024, 6, 19);
    private static final String LISTINGS = "/disclosureInfoController/";

    private final String bootstrap = SharedInfra.kafkaBootstrapServers();
    private final String prefix = SharedInfra.uniqueName("hostile") + ".";
    private final Topics topics = Topics.withPrefix(prefix);
    private final HttpClient http = HttpClient.newHttpClient();
    private BseSimulator site;
    private Process crawler;
    private Path work;
    private Path log;
    private int opsPort;
    private int serial;

    @RegisterExtension
    final AfterTestExecutionCallback printLogOnFailure = context -> {
        if (context.getExecutionException().isPresent() && log != null) {
            System.err.println("===== crawler log of " + context.getDisplayName() + ":\n" + ChildJvm.output(log));
        }
    };

    @BeforeEach
    void start() throws IOException {
        site = BseSimulator.start();
        work = Files.createTempDirectory(Path.of("target"), "hostile-work-");
    }

    @AfterEach
    void stop() throws Exception {
        if (crawler != null) {
            crawler.destroyForcibly().waitFor();
        }
        site.close();
    }

    // ------------------------------------------------------------------ row 1: a 59 KB PDF showing 60 M glyphs

    @Test
    void glyphBombPdfBecomesAFailedRecordAndARestartDoesNotReadItAgain() throws Exception {
        byte[] bomb = HostilePayloads.glyphBombPdf(60_000_000L);
        assertThat(bomb.length).as("bytes on the wire").isLessThan(64 * 1024);
        SimulatedAnnouncement hostile = document("bomb", DAY.minusDays(1), bomb);
        SimulatedAnnouncement good = good(DAY);

        startCrawler();
        RawAnnouncement failed = awaitPublished(hostile);
        awaitPublished(good);

        assertThat(failed.extraction()).isEqualTo(RawAnnouncement.ExtractionStatus.FAILED);
        assertThat(failed.extractionError()).startsWith("TEXT_BUDGET_EXCEEDED");
        assertThat(refusals("text_budget_exceeded")).isGreaterThanOrEqualTo(1);
        assertThat(spooled()).as("spool and marker files left in --work-dir").isEmpty();
        assertStillRunning();

        // a restart neither reads the bomb again nor dies on it; the next good filing is published once
        crawler.destroyForcibly().waitFor();
        startCrawler();
        SimulatedAnnouncement next = good(DAY);
        awaitPublished(next);
        assertThat(site.downloads(hostile.destFilePath())).isEqualTo(1);
        assertPublishedOnce(hostile, good, next);
        assertStillRunning();
    }

    @Test
    void aDocumentTwoProcessesDiedExtractingIsPublishedFailedOneDeathIsRetried() throws Exception {
        SimulatedAnnouncement poison = good(DAY);
        SimulatedAnnouncement killedOnce = good(DAY);
        // what crawlers killed (by the OOM killer, or a deploy) in the middle of extracting leave behind
        Path markers = Files.createDirectories(work.resolve("extracting"));
        Files.writeString(markers.resolve("poison"), poison.disclosureCode() + "\n2\n");
        Files.writeString(markers.resolve("once"), killedOnce.disclosureCode() + "\n1\n");
        Files.write(work.resolve("doc-123.bin"), new byte[1024]);
        SimulatedAnnouncement good = good(DAY);

        startCrawler();
        RawAnnouncement record = awaitPublished(poison);
        RawAnnouncement retried = awaitPublished(killedOnce);
        awaitPublished(good);

        assertThat(record.extraction()).isEqualTo(RawAnnouncement.ExtractionStatus.FAILED);
        assertThat(record.extractionError()).startsWith("EXTRACTION_CRASHED");
        assertThat(site.downloads(poison.destFilePath())).isZero();
        assertThat(retried.extraction()).isEqualTo(RawAnnouncement.ExtractionStatus.OK);
        assertThat(refusals("extraction_crashed")).isEqualTo(1);
        assertThat(spooled()).isEmpty();
    }

    // ------------------------------------------------------------------ row 1b: an object stream inflating to 2 GiB

    @Test
    void objectStreamBombBecomesAFailedRecordWithinSecondsAndTheCrawlerLives() throws Exception {
        // PDFBox decodes object streams while it loads a document, before any page check: unguarded, this ran the
        // 768 MB heap out of memory in about 10 s, and the deployed -XX:+ExitOnOutOfMemoryError killed the process
        Path file = work.resolve("objstm.pdf.src");
        HostilePayloads.writeBombPdf(file, HostilePayloads.BombSite.OBJECT_STREAM, 2L << 30);
        byte[] bomb = Files.readAllBytes(file);
        Files.delete(file);
        assertThat(bomb.length).as("bytes on the wire").isLessThan(3 << 20);
        SimulatedAnnouncement hostile = document("objstm", DAY.minusDays(1), bomb);
        SimulatedAnnouncement good = good(DAY);

        startCrawler(List.of(HEAP, "-XX:+ExitOnOutOfMemoryError"));
        RawAnnouncement failed = awaitPublished(hostile);
        awaitPublished(good);

        assertThat(failed.extraction()).isEqualTo(RawAnnouncement.ExtractionStatus.FAILED);
        assertThat(failed.extractionError())
                .startsWith("TEXT_BUDGET_EXCEEDED")
                .contains("an object stream decodes to more than 33554432 bytes");
        assertThat(refusals("text_budget_exceeded")).isGreaterThanOrEqualTo(1);
        assertThat(site.downloads(hostile.destFilePath()))
                .as("read once: no death, no retry")
                .isEqualTo(1);
        assertThat(spooled()).as("spool and marker files left in --work-dir").isEmpty();
        assertPublishedOnce(hostile, good);
        assertStillRunning();
    }

    // ------------------------------------------------------------------ row 2: a 45 MB HTML page

    @Test
    void fortyFiveMegabyteHtmlPageBecomesAFailedRecord() throws Exception {
        Path html = work.resolve("huge.html.src");
        HostilePayloads.writeHugeHtml(html, 45L * 1024 * 1024);
        SimulatedAnnouncement hostile = new SimulatedAnnouncement(
                code("html"),
                "920007",
                "公司920007",
                "[临时公告]大网页",
                "/disclosure/2024/" + DAY + "/" + code("htmlpath") + ".html",
                DAY,
                "html",
                "9504",
                "9504-4417");
        site.add(hostile);
        site.document(hostile.destFilePath(), Files.readAllBytes(html));
        Files.delete(html);
        SimulatedAnnouncement good = good(DAY);

        startCrawler();
        RawAnnouncement failed = awaitPublished(hostile);
        awaitPublished(good);

        assertThat(failed.extraction()).isEqualTo(RawAnnouncement.ExtractionStatus.FAILED);
        assertThat(failed.extractionError()).startsWith("TEXT_BUDGET_EXCEEDED").contains("HTML budget");
        assertStillRunning();
    }

    // ------------------------------------------------------------------ row 3: a 110 MB listing of a million rows

    @Test
    void hugeListingBodyAndTooManyRowsAreRefusedAndTheCheckpointWaits() throws Exception {
        site.intercept(LISTINGS, ex -> streamHugeListing(ex, 1_000_000));
        startCrawler();
        await().atMost(CONVERGE).until(() -> refusals("listing_too_large") >= 2); // both endpoints
        await().atMost(CONVERGE).until(() -> polls("failed") >= 1);
        assertThat(KafkaTopics.keys(bootstrap, topics.raw())).isEmpty();

        // 2 000 small rows: under the byte cap, over the row cap
        site.intercept(LISTINGS, ex -> {
            List<SimulatedAnnouncement> rows = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                rows.add(BseSimulator.announcement(code("row" + i), "920007", DAY, "公告" + i));
            }
            answer(
                    ex,
                    ListingResponseWriter.page(ListingEndpoint.COMPANY_ANNOUNCEMENT, rows, 0, 2000, ListingDrift.NONE));
        });
        await().atMost(CONVERGE).until(() -> refusals("listing_too_many_rows") >= 1);
        assertStillRunning();

        site.intercept(LISTINGS, null);
        SimulatedAnnouncement good = good(DAY);
        awaitPublished(good);
        assertPublishedOnce(good);
    }

    // ------------------------------------------------------------------ row 4: bodies trickled a byte a second

    @Test
    void tricklingListingIsCutOffAtTheRequestDeadlineAndALongPollFailsLiveness() throws Exception {
        site.intercept(LISTINGS, this::trickleListing);
        SimulatedAnnouncement good = good(DAY);
        startCrawler("--request-deadline", "3s", "--poll-deadline", "2s");

        await().atMost(CONVERGE).until(() -> health() == 503);
        await().atMost(CONVERGE).until(() -> refusals("request_deadline") >= 1);
        await().atMost(CONVERGE).until(() -> polls("failed") >= 1);
        assertStillRunning();

        site.intercept(LISTINGS, null);
        awaitPublished(good);
        await().atMost(CONVERGE).until(() -> health() == 200);
        assertPublishedOnce(good);
    }

    @Test
    void tricklingDocumentBecomesAFailedRecord() throws Exception {
        SimulatedAnnouncement slow = good(DAY.minusDays(1));
        site.intercept(slow.destFilePath(), ex -> {
            ex.sendResponseHeaders(200, 0);
            trickle(ex, "%PDF-1.7\n".repeat(1000).getBytes(StandardCharsets.US_ASCII));
        });
        SimulatedAnnouncement good = good(DAY);
        startCrawler("--request-deadline", "3s");

        RawAnnouncement failed = awaitPublished(slow);
        awaitPublished(good);

        assertThat(failed.extraction()).isEqualTo(RawAnnouncement.ExtractionStatus.FAILED);
        assertThat(failed.extractionError()).contains("request deadline");
        assertThat(refusals("request_deadline")).isGreaterThanOrEqualTo(1);
        assertStillRunning();
    }

    // ------------------------------------------------------------------ rows 5 and 10: a row dated 9999-12-31

    @Test
    void rowDatedInTheFarFutureIsRefusedAndTheNextFilingIsPublished() throws Exception {
        SimulatedAnnouncement future = new SimulatedAnnouncement(
                code("future"),
                "920007",
                "公司920007",
                "[临时公告]FORGED\n2024-06-19T00:00:00.000Z ERROR FORGED-LINE \u001B[31mred\u001B[0m",
                "/disclosure/9999/9999-12-31/" + code("futurepath") + ".pdf",
                LocalDate.of(9999, 12, 31),
                "pdf",
                "9504",
                "9504-4417");
        site.add(future);
        site.document(future.destFilePath(), TestPdfs.simplePdfBytes(List.of("未来")));
        SimulatedAnnouncement good = good(DAY);
        startCrawler();

        awaitPublished(good);
        await().atMost(CONVERGE).until(() -> refusals("future_date") >= 1);
        SimulatedAnnouncement next = good(DAY);
        awaitPublished(next);

        assertThat(KafkaTopics.keys(bootstrap, topics.raw())).doesNotContain(future.disclosureCode());
        assertThat(highWater()).isEqualTo(DAY);
        assertPublishedOnce(good, next);
        // row 10: the title's newline and escape sequences are escaped, so no log line starts with the forgery
        String output = Files.readString(log);
        assertThat(output).contains("FORGED\\n2024-06-19").contains("\\u001B[31m");
        assertThat(output.lines()).noneMatch(l -> l.startsWith("2024-06-19T00:00:00.000Z ERROR FORGED-LINE"));
        assertThat(output).doesNotContain("\u001B");
        assertStillRunning();
    }

    // ------------------------------------------------------------------ row 6: a listing that never ends

    @Test
    void endlessListingStopsAtThePageCapAndAStuckPageNumberIsRefused() throws Exception {
        site.intercept(LISTINGS, ex -> endlessListing(ex, false));
        startCrawler("--max-pages-per-poll", "5");
        await().atMost(CONVERGE).until(() -> refusals("too_many_pages") >= 1);
        assertThat(highWater()).as("no completed pass").isNull();

        site.intercept(LISTINGS, ex -> endlessListing(ex, true));
        await().atMost(CONVERGE).until(() -> refusals("page_not_advancing") >= 1);
        assertStillRunning();

        site.intercept(LISTINGS, null);
        SimulatedAnnouncement good = good(DAY.plusDays(1));
        awaitPublished(good);
        assertPublishedOnce(good);
    }

    // ------------------------------------------------------------------ row 8: slow clients on the ops port

    @Test
    void slowClientsOnTheOpsPortDoNotStarveHealthz() throws Exception {
        startCrawler();
        await().atMost(CONVERGE).until(() -> health() == 200);
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                Socket s = new Socket("127.0.0.1", opsPort);
                s.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                slow.add(s);
            }
            long start = System.nanoTime();
            assertThat(health()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    // ------------------------------------------------------------------ the stand-in's hostile answers

    private void streamHugeListing(HttpExchange ex, int rows) throws IOException {
        ex.getRequestBody().readAllBytes();
        ex.getResponseHeaders().set("Content-Type", "text/javascript; charset=utf-8");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            out.write((callback(ex) + "([{\"listInfo\":{\"content\":[").getBytes(StandardCharsets.UTF_8));
            byte[] row = ("{\"companyCd\":\"920007\",\"companyName\":\"某公司\",\"disclosureTitle\":\"[临时公告]某公司:"
                            + "公告公告公告公告公告公告公告公告公告公告公告公告\",\"destFilePath\":\"/disclosure/2024/2024-06-19/"
                            + "00000000000000000000000000000000.pdf\",\"publishDate\":\"2024-06-19\",\"fileExt\":\"pdf\"},")
                    .getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < rows; i++) {
                out.write(row);
            }
            out.write("{}],\"number\":0,\"totalPages\":1,\"lastPage\":true},\"status\":0}])"
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the crawler hung up at its cap: what this answer is for
        }
    }

    private void trickleListing(HttpExchange ex) throws IOException {
        ex.getRequestBody().readAllBytes();
        ex.getResponseHeaders().set("Content-Type", "text/javascript; charset=utf-8");
        ex.sendResponseHeaders(200, 0);
        trickle(
                ex,
                (callback(ex) + "("
                                + ListingResponseWriter.page(
                                        ListingEndpoint.COMPANY_ANNOUNCEMENT, List.of(), 0, 20, ListingDrift.NONE)
                                + ")")
                        .getBytes(StandardCharsets.UTF_8));
    }

    /** One byte a second, until the client hangs up. */
    private static void trickle(HttpExchange ex, byte[] body) {
        try (OutputStream out = ex.getResponseBody()) {
            for (byte b : body) {
                out.write(b);
                out.flush();
                Thread.sleep(1000);
            }
        } catch (IOException | InterruptedException e) {
            // the client gave up, as it should
        }
    }

    /** Pages that never end: lastPage false, 2^31-1 pages, fresh rows each time (or always page 0). */
    private void endlessListing(HttpExchange ex, boolean stuckAtPageZero) throws IOException {
        String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?:^|&)page=(\\d+)").matcher(form);
        int page = m.find() ? Integer.parseInt(m.group(1)) : 0;
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            rows.append(i == 0 ? "" : ",")
                    .append("{\"companyCd\":\"920007\",\"companyName\":\"某公司\","
                            + "\"disclosureTitle\":\"[临时公告]无尽\",\"destFilePath\":\"/disclosure/2024/2024-06-20/")
                    .append(code("endless-" + page + "-" + i + "-" + stuckAtPageZero))
                    .append(".pdf\",\"publishDate\":\"2024-06-20\",\"fileExt\":\"pdf\"}");
        }
        String json = "[{\"listInfo\":{\"content\":[" + rows + "],\"firstPage\":" + (page == 0) + ",\"lastPage\":false,"
                + "\"number\":" + (stuckAtPageZero ? 0 : page) + ",\"numberOfElements\":20,\"size\":20,\"sort\":null,"
                + "\"totalElements\":2147483647,\"totalPages\":2147483647},\"status\":0}]";
        answer(ex, json);
    }

    private static void answer(HttpExchange ex, String json) throws IOException {
        ex.getRequestBody().readAllBytes();
        byte[] body = (callback(ex) + "(" + json + ")").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/javascript; charset=utf-8");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static String callback(HttpExchange ex) {
        String q = ex.getRequestURI().getRawQuery();
        Matcher m = Pattern.compile("(?:^|&)callback=([^&]*)").matcher(q == null ? "" : q);
        return m.find() ? URLDecoder.decode(m.group(1), StandardCharsets.UTF_8) : "null";
    }

    // ------------------------------------------------------------------ helpers

    private String code(String seed) {
        return String.format("%032x", Math.abs((long) (prefix + seed).hashCode()) * 1_000_003L);
    }

    private SimulatedAnnouncement document(String seed, LocalDate date, byte[] bytes) {
        SimulatedAnnouncement a = BseSimulator.announcement(code(seed), "920007", date, "公告" + seed);
        site.add(a);
        site.document(a.destFilePath(), bytes);
        return a;
    }

    private SimulatedAnnouncement good(LocalDate date) {
        String seed = "good" + serial++;
        return document(seed, date, TestPdfs.simplePdfBytes(List.of("投资者关系活动记录表", seed)));
    }

    private void startCrawler(String... extra) throws IOException {
        startCrawler(List.of(HEAP), extra);
    }

    private void startCrawler(List<String> jvmArgs, String... extra) throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            opsPort = s.getLocalPort();
        }
        List<String> args = new ArrayList<>(List.of(
                "crawl",
                "--base-url",
                site.baseUrl(),
                "--bootstrap-servers",
                bootstrap,
                "--topic-prefix",
                prefix,
                "--transactional-id",
                prefix + "tx",
                "--from",
                "2024-06-01",
                "--rate-limit",
                "50",
                "--poll-interval",
                "1s",
                "--ops-host",
                "127.0.0.1",
                "--ops-port",
                Integer.toString(opsPort),
                "--work-dir",
                work.toString(),
                "--max-attempts",
                "2",
                "--backoff-initial",
                "100ms",
                "--backoff-max",
                "200ms",
                "--transaction-timeout",
                "10s"));
        args.addAll(List.of(extra));
        log = Path.of("target", "it-logs", "hostile", prefix + serial++ + ".log");
        crawler = ChildJvm.start(CrawlerProcessMain.class, jvmArgs, args, log);
    }

    private RawAnnouncement awaitPublished(SimulatedAnnouncement a) {
        return await().atMost(CONVERGE)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            assertStillRunning();
                            return KafkaTopics.rawAnnouncements(bootstrap, topics.raw()).stream()
                                    .filter(r -> r.id().equals(a.disclosureCode()))
                                    .findFirst();
                        },
                        Optional::isPresent)
                .orElseThrow();
    }

    private void assertPublishedOnce(SimulatedAnnouncement... expected) {
        List<String> keys = KafkaTopics.keys(bootstrap, topics.raw());
        for (SimulatedAnnouncement a : expected) {
            assertThat(keys.stream().filter(a.disclosureCode()::equals))
                    .as(a.disclosureCode())
                    .hasSize(1);
        }
    }

    private void assertStillRunning() {
        assertThat(crawler.isAlive()).as("crawler process alive").isTrue();
    }

    private List<Path> spooled() throws IOException {
        List<Path> left = new ArrayList<>();
        try (Stream<Path> files = Files.walk(work)) {
            files.filter(Files::isRegularFile).forEach(left::add);
        }
        return left;
    }

    private LocalDate highWater() throws Exception {
        List<ConsumerRecord<byte[], byte[]>> state = KafkaTopics.readCommitted(bootstrap, topics.crawlerState());
        if (state.isEmpty()) {
            return null;
        }
        return Json.mapper()
                .readValue(
                        new String(state.get(state.size() - 1).value(), StandardCharsets.UTF_8), CrawlCheckpoint.class)
                .highWater();
    }

    private int health() {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + opsPort + "/healthz"))
                                    .timeout(Duration.ofSeconds(3))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private double refusals(String reason) {
        return metric("pilu_crawl_refusals_total", "reason=\"" + reason + "\"");
    }

    private double polls(String outcome) {
        return metric("pilu_crawl_polls_total", "outcome=\"" + outcome + "\"");
    }

    private double metric(String name, String label) {
        try {
            String body = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + opsPort + "/metrics"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            return body.lines()
                    .filter(l -> l.startsWith(name + "{") && l.contains(label))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                    .sum();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
