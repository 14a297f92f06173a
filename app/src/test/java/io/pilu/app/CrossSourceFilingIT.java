package io.pilu.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pilu.analytics.AnalyticsService;
import io.pilu.analytics.topology.AnalyticsConfig;
import io.pilu.analytics.topology.InstitutionNames;
import io.pilu.enrich.topology.EnrichConfig;
import io.pilu.enrich.topology.EnrichService;
import io.pilu.model.FilingIdentity;
import io.pilu.model.Json;
import io.pilu.model.Topics;
import io.pilu.service.Metrics;
import io.pilu.service.TopicProvisioner;
import io.pilu.sink.RetryPolicy;
import io.pilu.sink.SinkConfig;
import io.pilu.sink.SinkIndex;
import io.pilu.sink.SinkRunner;
import io.pilu.sink.es.ElasticsearchSettings;
import io.pilu.testkit.PiluIntegrationTest;
import io.pilu.testkit.SharedInfra;
import io.pilu.testkit.TopicReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One filing, one announcement (issue 14): the 并行科技 IR record published as a raw record by bse.cn and by cninfo
 * ({@link CrossSourceFiling}) goes through the real enrich, sink and analytics on a real broker and ES node and ends
 * as one search hit (listing both sources) and one set of research visits; withdrawing one arrival leaves the filing
 * and its visits once, withdrawing both removes them.
 */
@PiluIntegrationTest
class CrossSourceFilingIT {

    private static final Duration WAIT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    private final String bootstrap = SharedInfra.kafkaBootstrapServers();
    private final String prefix = SharedInfra.uniqueName("xsrc") + ".";
    private final Topics topics = Topics.withPrefix(prefix);
    private final String alias = prefix.replace(".", "") + "-announcements";
    private final String visitsAlias = prefix.replace(".", "") + "-visits";
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> running = new ArrayList<>();
    private int apiPort;

    @BeforeEach
    void start() throws Exception {
        TopicProvisioner.ensure(bootstrap, topics, (short) 1);
        running.add(EnrichService.start(
                new EnrichConfig(bootstrap, prefix + "enrich", topics, dir.resolve("enrich"), 1, 100),
                Metrics.newRegistry("enrich")));
        running.add(SinkRunner.start(sinkConfig(topics.enriched(), alias, "sink"), new SimpleMeterRegistry()));
        running.add(SinkRunner.start(
                sinkConfig(topics.researchVisits(), visitsAlias, "sink-visits"),
                new SimpleMeterRegistry(),
                SinkIndex.RESEARCH_VISITS));
        try (ServerSocket s = new ServerSocket(0)) {
            apiPort = s.getLocalPort();
        }
        AnalyticsService analytics = AnalyticsService.start(
                new AnalyticsConfig(
                        bootstrap,
                        prefix + "analytics",
                        topics,
                        dir.resolve("analytics"),
                        1,
                        AnalyticsConfig.DEFAULT_COMMIT_INTERVAL_MS,
                        0,
                        "localhost:" + apiPort),
                InstitutionNames.loadDefault(),
                Metrics.newRegistry("analytics"),
                -1);
        running.add(analytics);
        apiPort = analytics.apiPort();
    }

    private SinkConfig sinkConfig(String topic, String indexAlias, String group) {
        return new SinkConfig(
                bootstrap,
                topic,
                topics.dlqSink(),
                prefix + group,
                ElasticsearchSettings.of(SharedInfra.elasticsearchUrl()),
                indexAlias,
                500,
                5L * 1024 * 1024,
                Duration.ofMillis(100),
                2,
                RetryPolicy.defaults(),
                Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    @Test
    void bothArrivalsAreOneSearchHitAndOneSetOfVisits() throws Exception {
        String filingId = FilingIdentity.of(CrossSourceFiling.bse());
        assertThat(FilingIdentity.of(CrossSourceFiling.cninfo())).isEqualTo(filingId);
        CrossSourceFiling.publish(bootstrap, topics.raw(), CrossSourceFiling.bse(), CrossSourceFiling.cninfo());

        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonNode hits = search(alias, "{\"query\":{\"match\":{\"text\":\"并行科技\"}}}");
            return hits.at("/hits/total/value").asInt() == 1
                    && hits.at("/hits/hits/0/_source/arrivals").size() == 2;
        });
        JsonNode hit = search(alias, "{\"query\":{\"term\":{\"companyCode\":\"839493\"}}}")
                .at("/hits/hits/0");
        assertThat(hit.path("_id").asText()).isEqualTo(filingId);
        assertThat(texts(hit.at("/_source/sources"))).containsExactly("bse", "cninfo");
        assertThat(hit.at("/_source/id").asText()).isEqualTo(CrossSourceFiling.BSE_ID);

        // one set of visits: every institution once, from one arrival
        Map<String, JsonNode> visits = awaitVisits(filingId, CrossSourceFiling.BSE_ID);
        int institutions = visits.size();
        assertThat(institutions).isGreaterThan(0);
        JsonNode visitors = visitors();
        assertThat(visitors.path("visits").asInt()).isEqualTo(institutions);
        assertThat(visitors.path("institutions").asInt()).isEqualTo(institutions);
        for (JsonNode v : visitors.path("visitors")) {
            assertThat(v.path("visits").asInt())
                    .as(v.path("normalizedName").asText())
                    .isEqualTo(1);
        }
        await().atMost(WAIT)
                .until(() -> search(visitsAlias, "{\"query\":{\"match_all\":{}}}")
                                .at("/hits/total/value")
                                .asInt()
                        == institutions);
        System.out.println("cross-source filing " + filingId + ": 1 search hit, " + institutions
                + " research visits (not " + 2 * institutions + ")");

        // bse.cn withdraws its arrival: cninfo still reports the filing; no duplicate, nothing stale
        CrossSourceFiling.withdraw(bootstrap, topics.raw(), CrossSourceFiling.BSE_ID);
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonNode h = search(alias, "{\"query\":{\"term\":{\"companyCode\":\"839493\"}}}");
            return h.at("/hits/total/value").asInt() == 1
                    && texts(h.at("/hits/hits/0/_source/sources")).equals(List.of("cninfo"));
        });
        assertThat(search(alias, "{\"query\":{\"term\":{\"companyCode\":\"839493\"}}}")
                        .at("/hits/hits/0/_source/id")
                        .asText())
                .isEqualTo(CrossSourceFiling.CNINFO_ID);
        Map<String, JsonNode> after = awaitVisits(filingId, CrossSourceFiling.CNINFO_ID);
        assertThat(after.keySet()).isEqualTo(visits.keySet());
        assertThat(visitors().path("visits").asInt()).isEqualTo(institutions);

        // and cninfo too: the filing is gone everywhere
        CrossSourceFiling.withdraw(bootstrap, topics.raw(), CrossSourceFiling.CNINFO_ID);
        await().atMost(WAIT)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> search(alias, "{\"query\":{\"term\":{\"companyCode\":\"839493\"}}}")
                                        .at("/hits/total/value")
                                        .asInt()
                                == 0
                        && liveVisits().isEmpty()
                        && visitors().path("visits").asInt() == 0);
        assertThat(TopicReader.readCommitted(bootstrap, topics.dlqEnrich())).isEmpty();
        assertThat(TopicReader.readCommitted(bootstrap, topics.dlqSink())).isEmpty();
        assertThat(TopicReader.readCommitted(bootstrap, topics.dlqAnalytics())).isEmpty();
    }

    /** The live research visits (latest value per key, tombstones dropped), once every key is of the filing. */
    private Map<String, JsonNode> awaitVisits(String filingId, String announcementId) {
        return await().atMost(WAIT)
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        this::liveVisits,
                        v -> !v.isEmpty()
                                && v.keySet().stream().allMatch(k -> k.startsWith(filingId + "|"))
                                && v.values().stream()
                                        .allMatch(x -> x.path("announcementId")
                                                .asText()
                                                .equals(announcementId)));
    }

    private Map<String, JsonNode> liveVisits() throws IOException {
        Map<String, JsonNode> latest = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : TopicReader.readCommitted(bootstrap, topics.researchVisits())) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            if (r.value() == null) {
                latest.remove(key);
            } else {
                latest.put(key, Json.mapper().readTree(r.value()));
            }
        }
        return latest;
    }

    private JsonNode visitors() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + apiPort + "/api/companies/839493/visitors"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200
                ? Json.mapper().readTree(r.body())
                : Json.mapper().createObjectNode();
    }

    private JsonNode search(String index, String body) throws Exception {
        String es = SharedInfra.elasticsearchUrl();
        http.send(
                HttpRequest.newBuilder(URI.create(es + "/" + index + "/_refresh"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(es + "/" + index + "/_search"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.mapper().readTree(r.body());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
