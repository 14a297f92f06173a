package io.pilu.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pilu.ingest.CrawlMetrics;
import io.pilu.ingest.fixture.SimulatorFaults;
import io.pilu.ingest.listing.Disclosure;
import io.pilu.ingest.listing.ListingEndpoint;
import io.pilu.ingest.listing.ListingFilter;
import io.pilu.ingest.listing.ListingPage;
import io.pilu.ingest.listing.ListingSchemaException;
import io.pilu.ingest.simulator.BseSimulator;
import io.pilu.ingest.simulator.ListingDrift;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BseClientTest {

    private static final LocalDate DAY = LocalDate.of(2024, 6, 18);

    private BseSimulator site;
    private BseClient client;
    private SimpleMeterRegistry registry;
    private final List<Duration> backoffs = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        site = BseSimulator.start();
        for (int i = 0; i < 45; i++) {
            // 15 companies × 3 per day: endpoint B groups them into rows, A does not
            site.add(BseSimulator.announcement(
                    String.format("%032x", i), String.format("8300%02d", i / 3), DAY.minusDays(i / 9), "公告" + i));
        }
        registry = new SimpleMeterRegistry();
        BseClientConfig config = new BseClientConfig(
                URI.create(site.baseUrl()),
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                1_000_000,
                1000,
                new BackoffPolicy(Duration.ofMillis(1), Duration.ofMillis(8), 4),
                Duration.ofMinutes(4),
                BseClientConfig.DEFAULT_USER_AGENT);
        client = new BseClient(config, new CrawlMetrics(registry), new RateLimiter(1000), backoffs::add, () -> 0.5);
    }

    @AfterEach
    void stop() {
        client.close();
        site.close();
    }

    private List<Disclosure> all(ListingEndpoint endpoint) throws Exception {
        List<Disclosure> out = new ArrayList<>();
        for (int page = 0; ; page++) {
            ListingPage p = client.list(endpoint, ListingFilter.all(), page);
            out.addAll(p.items());
            if (p.lastPage()) {
                return out;
            }
        }
    }

    @Test
    void warmsUpThroughThe302HandshakeAndBothEndpointsListTheSameAnnouncements() throws Exception {
        List<Disclosure> viaA = all(ListingEndpoint.COMPANY_ANNOUNCEMENT);
        List<Disclosure> viaB = all(ListingEndpoint.DISCLOSURE_LIST);

        assertThat(viaA).hasSize(45).isEqualTo(viaB);
        assertThat(viaA.get(0).publishDate()).isEqualTo(DAY);
        assertThat(site.contractViolations()).isEmpty();
        assertThat(site.requests("/disclosure/announcement.html"))
                .as("302 + 200, once per session")
                .isEqualTo(2);
    }

    @Test
    void expiredSessionIsWarmedUpAgain() throws Exception {
        site.handshakeVia302(false);
        client.list(ListingEndpoint.COMPANY_ANNOUNCEMENT, ListingFilter.all(), 0);
        site.expireSessions();

        ListingPage page = client.list(ListingEndpoint.COMPANY_ANNOUNCEMENT, ListingFilter.all(), 1);

        assertThat(page.number()).isEqualTo(1);
        assertThat(site.requests("/disclosure/announcement.html")).isEqualTo(2);
        assertThat(registry.counter(
                                "pilu.crawl.requests",
                                "source",
                                "bse",
                                "endpoint",
                                "company_announcement",
                                "outcome",
                                "session_expired")
                        .count())
                .isEqualTo(1);
        assertThat(backoffs).as("a stale session is not throttling").isEmpty();
    }

    @Test
    void burstOf429IsRetriedWithBackoff() throws Exception {
        SimulatorFaults.of(site).failNext(3, 429, SimulatorFaults.Target.LIST);
        ListingPage page = client.list(ListingEndpoint.COMPANY_ANNOUNCEMENT, ListingFilter.all(), 0);
        assertThat(page.items()).hasSize(20);
        assertThat(backoffs).hasSize(3);
        assertThat(registry.counter(
                                "pilu.crawl.requests",
                                "source",
                                "bse",
                                "endpoint",
                                "company_announcement",
                                "outcome",
                                "throttled")
                        .count())
                .isEqualTo(3);
    }

    @Test
    void persistentServerErrorsGiveUpAfterMaxAttempts() {
        SimulatorFaults.of(site).failNext(100, 500, SimulatorFaults.Target.LIST);
        assertThatThrownBy(() -> client.list(ListingEndpoint.DISCLOSURE_LIST, ListingFilter.all(), 0))
                .isInstanceOfSatisfying(
                        HttpFailureException.class, e -> assertThat(e.status()).isEqualTo(500))
                .hasMessageContaining("gave up after 4 attempts");
        assertThat(backoffs).hasSize(3);
    }

    @Test
    void schemaDriftIsATypedErrorAndAMetric() {
        site.drift(ListingEndpoint.COMPANY_ANNOUNCEMENT, ListingDrift.MISSING_LIST_INFO);
        assertThatThrownBy(() -> client.list(ListingEndpoint.COMPANY_ANNOUNCEMENT, ListingFilter.all(), 0))
                .isInstanceOf(ListingSchemaException.class)
                .hasMessageContaining("listInfo");
        site.drift(ListingEndpoint.COMPANY_ANNOUNCEMENT, ListingDrift.NOT_JSONP);
        assertThatThrownBy(() -> client.list(ListingEndpoint.COMPANY_ANNOUNCEMENT, ListingFilter.all(), 0))
                .isInstanceOf(ListingSchemaException.class)
                .hasMessageContaining("not JSONP");
        assertThat(registry.counter(
                                "pilu.crawl.listing.schema.errors", "source", "bse", "endpoint", "company_announcement")
                        .count())
                .isEqualTo(2);
    }

    @Test
    void filtersReachTheServerAsFormFields() throws Exception {
        ListingFilter filter = new ListingFilter(Set.of("830001"), null, DAY, DAY, List.of());
        ListingPage a = client.list(ListingEndpoint.COMPANY_ANNOUNCEMENT, filter, 0);
        assertThat(a.items())
                .extracting(Disclosure::companyCode)
                .containsOnly("830001")
                .hasSize(3);
        ListingPage b = client.list(ListingEndpoint.DISCLOSURE_LIST, filter, 0);
        assertThat(b.items()).extracting(Disclosure::publishDate).containsOnly(DAY);
        assertThat(b.items()).hasSize(9).as("endpoint B ignores companyCd; the filter is applied by the caller");
    }

    @Test
    void downloadsWithSha256AndEnforcesTheSizeCapBothWays() throws Exception {
        byte[] pdf = "%PDF-1.7 small".getBytes(StandardCharsets.US_ASCII);
        site.document("/disclosure/2024/a.pdf", pdf);
        SimulatorFaults.of(site).hugeDocument("/disclosure/2024/declared.pdf", 5_000_000, true);
        SimulatorFaults.of(site).hugeDocument("/disclosure/2024/chunked.pdf", 5_000_000, false);

        DownloadedDocument doc = client.download(URI.create(site.baseUrl() + "/disclosure/2024/a.pdf"), dir);
        assertThat(doc.bytes()).isEqualTo(pdf.length);
        assertThat(doc.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(pdf)));
        assertThat(Files.readAllBytes(doc.file())).isEqualTo(pdf);
        Files.delete(doc.file());

        assertThatThrownBy(() -> client.download(URI.create(site.baseUrl() + "/disclosure/2024/declared.pdf"), dir))
                .isInstanceOf(DocumentDownloadException.class)
                .hasMessageContaining("5000000 bytes, over the cap");
        assertThatThrownBy(() -> client.download(URI.create(site.baseUrl() + "/disclosure/2024/chunked.pdf"), dir))
                .isInstanceOf(DocumentDownloadException.class)
                .hasMessageContaining("exceeds the cap of 1000000");
        assertThatThrownBy(() -> client.download(URI.create(site.baseUrl() + "/disclosure/2024/missing.pdf"), dir))
                .isInstanceOf(DocumentDownloadException.class)
                .hasMessageContaining("HTTP 404");
        try (var files = Files.list(dir)) {
            assertThat(files).as("aborted downloads leave no temp file").isEmpty();
        }
    }

    @Test
    void aWarmUpRedirectToAnotherPortOfTheSameHostIsRefused() throws Exception {
        try (java.net.ServerSocket other = new java.net.ServerSocket(0)) {
            site.intercept(BseSimulator.WARM_UP_PATH, ex -> {
                ex.getResponseHeaders()
                        .set("Location", "http://127.0.0.1:" + other.getLocalPort() + BseSimulator.WARM_UP_PATH);
                ex.sendResponseHeaders(302, -1);
                ex.close();
            });
            assertThatThrownBy(() -> client.list(ListingEndpoint.COMPANY_ANNOUNCEMENT, ListingFilter.all(), 0))
                    .isInstanceOf(HttpFailureException.class)
                    .hasMessageContaining("redirected off the exchange's origin")
                    .hasMessageContaining(":" + other.getLocalPort());
        }
        assertThat(registry.counter("pilu.crawl.refusals", "source", "bse", "reason", "redirect_off_origin")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aWarmUpRedirectToAnotherSchemeIsRefusedAndSameOriginIsFollowed() {
        BseClientConfig c = client.config();
        URI base = c.baseUrl();
        assertThat(c.sameOrigin(URI.create("https://" + base.getHost() + ":" + base.getPort() + "/x")))
                .isFalse();
        assertThat(c.sameOrigin(URI.create("http://" + base.getHost() + ":" + (base.getPort() + 1) + "/x")))
                .isFalse();
        assertThat(c.sameOrigin(URI.create("http://evil.example:" + base.getPort() + "/x")))
                .isFalse();
        assertThat(c.sameOrigin(URI.create(base + "/disclosure/announcement.html?hs=1")))
                .isTrue();
        assertThat(BseClientConfig.defaults(URI.create("https://www.bse.cn"))
                        .sameOrigin(URI.create("https://WWW.bse.cn:443/a")))
                .isTrue();
    }

    @Test
    void aListingOverTheByteCapOrTheRowCapIsATypedRefusal() throws Exception {
        client.close();
        client = new BseClient(
                client.config().withLimits(java.time.Duration.ofSeconds(5), 2_000, 10),
                new CrawlMetrics(registry),
                new RateLimiter(1000),
                backoffs::add,
                () -> 0.5);
        assertThatThrownBy(() -> client.list(ListingEndpoint.COMPANY_ANNOUNCEMENT, ListingFilter.all(), 0))
                .isInstanceOf(io.pilu.ingest.listing.ListingLimitException.class)
                .hasMessageContaining("--max-listing-bytes");
        client.close();
        client = new BseClient(
                client.config().withLimits(java.time.Duration.ofSeconds(5), 1_000_000, 10),
                new CrawlMetrics(registry),
                new RateLimiter(1000),
                backoffs::add,
                () -> 0.5);
        assertThatThrownBy(() -> client.list(ListingEndpoint.COMPANY_ANNOUNCEMENT, ListingFilter.all(), 0))
                .isInstanceOf(io.pilu.ingest.listing.ListingLimitException.class)
                .hasMessageContaining("more than 10 rows");
        assertThat(registry.counter("pilu.crawl.refusals", "source", "bse", "reason", "listing_too_large")
                        .count())
                .isEqualTo(1);
        assertThat(registry.counter("pilu.crawl.refusals", "source", "bse", "reason", "listing_too_many_rows")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aWarmUpPageTrickledAByteASecondIsCutOffAtTheRequestDeadline() throws Exception {
        site.intercept(BseSimulator.WARM_UP_PATH, ex -> {
            ex.sendResponseHeaders(200, 0);
            try (java.io.OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 60; i++) {
                    out.write('<');
                    out.flush();
                    Thread.sleep(1000);
                }
            } catch (java.io.IOException | InterruptedException e) {
                // the client hung up
            }
        });
        client.close();
        client = new BseClient(
                client.config().withLimits(java.time.Duration.ofSeconds(2), 1_000_000, 1000),
                new CrawlMetrics(registry),
                new RateLimiter(1000),
                backoffs::add,
                () -> 0.5);
        long start = System.nanoTime();

        assertThatThrownBy(() -> client.list(ListingEndpoint.COMPANY_ANNOUNCEMENT, ListingFilter.all(), 0))
                .isInstanceOf(HttpFailureException.class)
                .hasMessageContaining("warmup")
                .hasMessageContaining("request deadline");

        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(20));
        assertThat(registry.counter("pilu.crawl.refusals", "source", "bse", "reason", "request_deadline")
                        .count())
                .isEqualTo(1);
    }
}
