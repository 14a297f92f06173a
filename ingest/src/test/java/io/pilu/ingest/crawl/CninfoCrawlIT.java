package io.pilu.ingest.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pilu.ingest.cli.CrawlCommand;
import io.pilu.ingest.fixture.KafkaTopics;
import io.pilu.ingest.simulator.cninfo.CninfoResponseWriter;
import io.pilu.ingest.simulator.cninfo.CninfoSimulator;
import io.pilu.ingest.simulator.cninfo.SimulatedCninfoAnnouncement;
import io.pilu.model.Json;
import io.pilu.model.RawAnnouncement;
import io.pilu.model.Topics;
import io.pilu.service.Metrics;
import io.pilu.testkit.PiluIntegrationTest;
import io.pilu.testkit.SharedInfra;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code pilu crawl --source cninfo} against the cninfo simulator into a real broker: a day over the site's 3,000-row
 * cap is published in full, each announcement once; the crawl-level quirks (rows shifting across pages, both tabs,
 * {@code .js} rows, {@code announcements: null}, an all-null payload where results are expected, a 403) each do
 * what the contract asks, with the checkpoint unmoved where a poll fails.
 */
@PiluIntegrationTest
class CninfoCrawlIT {

    private static final LocalDate DAY = LocalDate.of(2024, 6, 18);

    private CninfoSimulator site;
    private final String prefix = SharedInfra.uniqueName("cninfo") + ".";
    private final Topics topics = Topics.withPrefix(prefix);
    private final String bootstrap = SharedInfra.kafkaBootstrapServers();
    private PrometheusMeterRegistry registry;

    @BeforeEach
    void start() {
        site = CninfoSimulator.start();
        registry = Metrics.newRegistry("crawl");
    }

    @AfterEach
    void stop() {
        site.close();
    }

    /** The cninfo crawler's arguments against this test's simulator, broker and topics, then {@code rest}. */
    private String[] siteArgs(String... rest) {
        List<String> args = new ArrayList<>(List.of(
                "--source",
                "cninfo",
                "--base-url",
                site.baseUrl(),
                "--document-base-url",
                site.documentBaseUrl(),
                "--bootstrap-servers",
                bootstrap,
                "--topic-prefix",
                prefix));
        args.addAll(List.of(rest));
        return args.toArray(String[]::new);
    }

    /** {@link #siteArgs} with no waits between requests (the simulator needs no politeness), then {@code rest}. */
    private String[] eagerSiteArgs(String... rest) {
        List<String> args = new ArrayList<>(
                List.of("--list-interval", "0s", "--document-interval", "0s", "--interval-jitter", "0s"));
        args.addAll(List.of(rest));
        return siteArgs(args.toArray(String[]::new));
    }

    /** One poll; its exit code. */
    private int crawlOnce(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of(eagerSiteArgs(
                "--once",
                "--from",
                DAY.minusDays(1).toString(),
                "--to",
                DAY.plusDays(1).toString(),
                "--max-attempts",
                "2",
                "--backoff-initial",
                "1ms",
                "--backoff-max",
                "5ms")));
        args.addAll(List.of(extra));
        try (CrawlService crawl = CrawlService.start(CrawlCommand.parse(args.toArray(String[]::new)), registry)) {
            return crawl.awaitExit();
        }
    }

    private double metric(String name, String... tags) {
        var search = registry.find(name).tag("source", "cninfo");
        for (int i = 0; i < tags.length; i += 2) {
            search = search.tag(tags[i], tags[i + 1]);
        }
        return search.counter() != null
                ? search.counter().count()
                : search.gauge().value();
    }

    private CrawlCheckpoint lastCheckpoint() throws Exception {
        List<ConsumerRecord<byte[], byte[]>> state = KafkaTopics.readCommitted(bootstrap, topics.crawlerState());
        ConsumerRecord<byte[], byte[]> last = state.get(state.size() - 1);
        assertThat(new String(last.key(), StandardCharsets.UTF_8)).isEqualTo("cninfo");
        return Json.mapper().readValue(new String(last.value(), StandardCharsets.UTF_8), CrawlCheckpoint.class);
    }

    private List<String> keys() {
        return KafkaTopics.keys(bootstrap, topics.raw());
    }

    @Test
    void aDayOfFourThousandAnnouncementsOverTheCapIsPublishedInFullEachOnce() throws Exception {
        List<SimulatedCninfoAnnouncement> day = site.generateDay(DAY, 4000, "SZSE");

        assertThat(crawlOnce()).isZero();

        List<String> keys = keys();
        assertThat(keys)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(
                        day.stream().map(a -> "cninfo-" + a.announcementId()).toList());
        List<RawAnnouncement> records = KafkaTopics.rawAnnouncements(bootstrap, topics.raw());
        assertThat(records).allSatisfy(r -> {
            assertThat(r.source()).isEqualTo("cninfo");
            assertThat(r.exchange()).isEqualTo("SZSE");
            assertThat(r.publishDate()).isEqualTo(DAY);
            assertThat(r.extraction()).isEqualTo(RawAnnouncement.ExtractionStatus.OK);
        });
        CrawlCheckpoint checkpoint = lastCheckpoint();
        assertThat(checkpoint.highWater()).isEqualTo(DAY);
        assertThat(checkpoint.published()).isEqualTo(4000);
        assertThat(site.contractViolations()).isEmpty();

        // a second poll finds nothing new and publishes nothing
        assertThat(crawlOnce()).isZero();
        assertThat(keys()).hasSize(4000);
    }

    @Test
    void laterPollsPageOnlyThroughWhatChangedAndStillPublishEveryArrivalOnce() throws Exception {
        site.generateDay(DAY.minusDays(1), 4000, "SZSE");
        site.generateDay(DAY, 4000, "SZSE");
        CrawlService crawl = CrawlService.start(
                CrawlCommand.parse(eagerSiteArgs(
                        "--from",
                        DAY.minusDays(1).toString(),
                        "--to",
                        DAY.plusDays(1).toString(),
                        "--poll-interval",
                        "1s")),
                registry);
        try (crawl) {
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(180))
                    .until(() -> metric("pilu.crawl.polls", "outcome", "ok") >= 1);
            double full = metric("pilu.crawl.poll.pages");
            assertThat(keys()).hasSize(8000);

            // nothing new: one probe per lane (2 tabs x 2 columns)
            double polls = metric("pilu.crawl.polls", "outcome", "ok");
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(60))
                    .until(() -> metric("pilu.crawl.polls", "outcome", "ok") >= polls + 2);
            double quiet = metric("pilu.crawl.poll.pages");
            assertThat(quiet).isEqualTo(4);

            // what a minute brings: a few announcements today in one category, and a late one yesterday
            List<SimulatedCninfoAnnouncement> arrived =
                    new ArrayList<>(site.generateDay(DAY, 5, "SZSE", "category_rcjy_szsh"));
            arrived.addAll(site.generateDay(DAY.minusDays(1), 1, "SZSE", "category_gddh_szsh"));
            // the gauge holds each complete poll's pages until the next one completes (over a second): sampled often,
            // its largest value since the arrivals is what the poll that listed them cost
            java.util.concurrent.atomic.AtomicReference<Double> afterArrivals =
                    new java.util.concurrent.atomic.AtomicReference<>(0.0);
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(60))
                    .pollInterval(java.time.Duration.ofMillis(10))
                    .until(() -> {
                        afterArrivals.accumulateAndGet(metric("pilu.crawl.poll.pages"), Math::max);
                        return keys().size() >= 8006;
                    });
            double settled = metric("pilu.crawl.polls", "outcome", "ok");
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(60))
                    .pollInterval(java.time.Duration.ofMillis(10))
                    .until(() -> {
                        afterArrivals.accumulateAndGet(metric("pilu.crawl.poll.pages"), Math::max);
                        return metric("pilu.crawl.polls", "outcome", "ok") >= settled + 2;
                    });

            assertThat(keys())
                    .doesNotHaveDuplicates()
                    .hasSize(8006)
                    .containsAll(arrived.stream()
                            .map(a -> "cninfo-" + a.announcementId())
                            .toList());
            assertThat(metric("pilu.crawl.poll.pages")).isEqualTo(4);
            assertThat(afterArrivals.get()).isGreaterThan(4).isLessThan(full / 2);
            assertThat(site.contractViolations()).isEmpty();
            System.out.printf(
                    "cninfo listing pages per poll, 2 days x 4,000 announcements: first %.0f, unchanged %.0f, after 6"
                            + " arrivals in two categories %.0f%n",
                    full, quiet, afterArrivals.get());
        }
    }

    @Test
    void quirksRowsShiftingAcrossPagesBothTabsScriptRowsAndNullAnnouncements() throws Exception {
        List<SimulatedCninfoAnnouncement> day = site.generateDay(DAY, 100, "SSE");
        // a .js row, listed like the others: dropped and counted, never published
        SimulatedCninfoAnnouncement js = CninfoSimulator.announcement(
                "1299999999", "600000", "gssh0600000", "SSE", DAY, "某脚本", "category_rcjy_szsh");
        site.add(new SimulatedCninfoAnnouncement(
                js.announcementId(),
                js.secCode(),
                js.secName(),
                js.orgId(),
                js.title(),
                js.announcementTime(),
                "finalpage/" + DAY + "/1299999999.js",
                js.adjunctSize(),
                "JS",
                null,
                null,
                js.pageColumn(),
                js.exchange(),
                js.category()));
        // while the crawler pages, new announcements arrive on top and push every row down a page
        AtomicInteger queries = new AtomicInteger();
        List<SimulatedCninfoAnnouncement> late = new ArrayList<>();
        site.intercept(CninfoSimulator.QUERY_PATH, ex -> {
            if (queries.incrementAndGet() == 3) {
                late.addAll(site.generateDay(DAY, 5, "SSE"));
            }
            site.answerByContract(ex);
        });

        assertThat(crawlOnce()).isZero();
        assertThat(crawlOnce()).isZero(); // the next poll picks up what arrived under the first

        List<String> expected = new ArrayList<>();
        day.forEach(a -> expected.add("cninfo-" + a.announcementId()));
        late.forEach(a -> expected.add("cninfo-" + a.announcementId()));
        assertThat(keys()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        // the 调研 records (every seventh) are listed in both tabs, and published once
        assertThat(day.stream().filter(SimulatedCninfoAnnouncement::inRelationTab))
                .isNotEmpty();
        assertThat(metric("pilu.crawl.script.rows.dropped")).isGreaterThanOrEqualTo(1.0);
        // the bj lane has nothing: announcements null, a true "no results" the first time
        assertThat(metric("pilu.crawl.empty.payload")).isZero();
        assertThat(site.contractViolations()).isEmpty();
    }

    @Test
    void anAllNullPayloadWhereResultsWereListedBeforeIsAnAlarmAndTheCheckpointStays() throws Exception {
        site.generateDay(DAY, 40, "SZSE");
        CrawlService crawl = CrawlService.start(
                CrawlCommand.parse(eagerSiteArgs(
                        "--from",
                        DAY.toString(),
                        "--to",
                        DAY.toString(),
                        "--tab",
                        "relation",
                        "--column",
                        "szse",
                        "--poll-interval",
                        "200ms")),
                registry);
        try (crawl) {
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(60))
                    .until(() -> metric("pilu.crawl.polls", "outcome", "ok") >= 1);
            CrawlCheckpoint before = lastCheckpoint();
            int published = keys().size();
            assertThat(published).isPositive();
            // the channel breaks: every query answers the all-null payload
            site.intercept(CninfoSimulator.QUERY_PATH, ex -> {
                site.answer(ex);
                CninfoSimulator.send(
                        ex, CninfoSimulator.Answer.text(200, "application/json", CninfoResponseWriter.emptyPayload()));
            });
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(60))
                    .until(() -> metric("pilu.crawl.empty.payload") >= 1);
            assertThat(metric("pilu.crawl.polls", "outcome", "failed")).isPositive();
            CrawlCheckpoint after = lastCheckpoint();
            assertThat(after.highWater()).isEqualTo(before.highWater());
            assertThat(after.seenByDate()).isEqualTo(before.seenByDate());
            assertThat(keys()).hasSize(published);
        }
    }

    @Test
    void aBlockStopsTheCrawlerWithTheCheckpointUnmovedAndLivenessFailing() throws Exception {
        site.generateDay(DAY, 10, "SZSE");
        site.intercept(CninfoSimulator.QUERY_PATH, ex -> {
            site.answer(ex);
            CninfoSimulator.send(ex, CninfoSimulator.Answer.text(403, "text/html", "<html>Forbidden</html>"));
        });
        CrawlService crawl = CrawlService.start(
                CrawlCommand.parse(eagerSiteArgs("--from", DAY.toString(), "--poll-interval", "100ms")), registry);
        try (crawl) {
            assertThat(crawl.awaitExit()).as("a blocked crawler stops, fatally").isEqualTo(2);
            assertThat(crawl.liveness().ok()).isFalse();
            assertThat(crawl.liveness().detail()).contains("blocks");
        }
        assertThat(metric("pilu.crawl.blocked")).isEqualTo(1.0);
        assertThat(metric("pilu.crawl.blocked.state")).isEqualTo(1.0);
        assertThat(site.requests(CninfoSimulator.QUERY_PATH))
                .as("never retried")
                .isEqualTo(1);
        assertThat(KafkaTopics.readCommitted(bootstrap, topics.crawlerState())).isEmpty();
        assertThat(keys()).isEmpty();
    }
}
