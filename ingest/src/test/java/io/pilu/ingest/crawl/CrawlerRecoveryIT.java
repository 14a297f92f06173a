package io.pilu.ingest.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilu.ingest.fixture.ChildJvm;
import io.pilu.ingest.fixture.CrawlerProcessMain;
import io.pilu.ingest.fixture.KafkaTopics;
import io.pilu.ingest.fixture.SimulatorFaults;
import io.pilu.ingest.fixture.TestPdfs;
import io.pilu.ingest.simulator.BseSimulator;
import io.pilu.ingest.simulator.SimulatedAnnouncement;
import io.pilu.model.Topics;
import io.pilu.testkit.PiluIntegrationTest;
import io.pilu.testkit.SharedInfra;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The long-running crawler against a site that fails for a while (500s beyond the retry budget, then a 429 burst):
 * failed polls do not move the checkpoint, later polls deliver everything exactly once; /readyz and /metrics
 * reflect it; SIGTERM stops it cleanly.
 */
@PiluIntegrationTest
class CrawlerRecoveryIT {

    private static final LocalDate DAY = LocalDate.of(2024, 6, 18);
    private static final byte[] PDF = TestPdfs.simplePdfBytes(List.of("北京证券交易所公告"));

    private BseSimulator site;
    private final List<String> expected = new ArrayList<>();
    private final String prefix = SharedInfra.uniqueName("recover") + ".";
    private final Topics topics = Topics.withPrefix(prefix);
    private final String bootstrap = SharedInfra.kafkaBootstrapServers();
    private final Path log = Path.of("target", "it-logs", prefix, "crawl.log");
    private final HttpClient http = HttpClient.newHttpClient();
    private Process child;

    @BeforeEach
    void start() {
        site = BseSimulator.start();
        site.pageSize(4);
        for (int i = 0; i < 9; i++) {
            add(String.format("%032x", i), DAY.minusDays(i / 3));
        }
    }

    private void add(String code, LocalDate date) {
        SimulatedAnnouncement a = BseSimulator.announcement(code, "430047", date, "公告" + code);
        site.add(a);
        site.document(a.destFilePath(), PDF);
        expected.add(code);
    }

    @AfterEach
    void stop() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
        site.close();
    }

    @Test
    void failingSiteRecoversAndEverythingArrivesOnce() throws Exception {
        int opsPort;
        try (ServerSocket s = new ServerSocket(0)) {
            opsPort = s.getLocalPort();
        }
        // 3 attempts per request: 10 failures in a row make at least the first poll fail
        SimulatorFaults.of(site).failNext(10, 500, SimulatorFaults.Target.ANY);
        child = ChildJvm.start(
                CrawlerProcessMain.class,
                List.of("-Xmx256m"),
                List.of(
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
                        DAY.minusDays(5).toString(),
                        "--poll-interval",
                        "1s",
                        "--max-attempts",
                        "3",
                        "--backoff-initial",
                        "20ms",
                        "--backoff-max",
                        "100ms",
                        "--rate-limit",
                        "50",
                        "--ops-port",
                        Integer.toString(opsPort)),
                log);

        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(
                        () -> assertThat(keysOrEmpty()).as(ChildJvm.output(log)).hasSize(expected.size()));
        assertThat(ChildJvm.output(log)).contains("poll failed");

        // then a 429 burst while new announcements appear
        SimulatorFaults.of(site).failNext(4, 429, SimulatorFaults.Target.ANY);
        add("b1", DAY.plusDays(1));
        add("b2", DAY.plusDays(1));
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> assertThat(keysOrEmpty()).hasSize(expected.size()));

        String base = "http://127.0.0.1:" + opsPort;
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(get(base + "/readyz").statusCode()).isEqualTo(200));
        String metrics = get(base + "/metrics").body();
        assertThat(metrics)
                .contains(
                        "pilu_crawl_announcements_published_total{service=\"crawl\",source=\"bse\"} 11.0",
                        "pilu_crawl_requests_total",
                        "outcome=\"server_error\"",
                        "outcome=\"throttled\"",
                        "pilu_crawl_polls_total",
                        "outcome=\"failed\"",
                        "pilu_crawl_last_successful_poll_seconds",
                        "pilu_crawl_fetch_latency_seconds_bucket",
                        "pilu_crawl_lag_seconds",
                        "pilu_crawl_checkpoint_high_water_seconds",
                        "pilu_crawl_downloaded_bytes_total",
                        "pilu_crawl_documents_total{outcome=\"OK\",service=\"crawl\",source=\"bse\",type=\"pdf\"} 11.0");

        child.destroy(); // SIGTERM
        assertThat(child.waitFor(40, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        assertThat(ChildJvm.output(log)).contains("stop requested").contains("pilu crawl stopped");

        assertThat(KafkaTopics.keys(bootstrap, topics.raw()))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(site.contractViolations()).isEmpty();
    }

    private List<String> keysOrEmpty() {
        try {
            return KafkaTopics.keys(bootstrap, topics.raw());
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
