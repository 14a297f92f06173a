package io.pilu.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pilu.enrich.topology.EnrichConfig;
import io.pilu.enrich.topology.EnrichService;
import io.pilu.ingest.cli.CrawlCommand;
import io.pilu.ingest.simulator.BseSimulator;
import io.pilu.ingest.simulator.SimulatedAnnouncement;
import io.pilu.model.DeadLetter;
import io.pilu.model.Json;
import io.pilu.model.JsonSerde;
import io.pilu.model.RawAnnouncement;
import io.pilu.model.Topics;
import io.pilu.service.KafkaSettings;
import io.pilu.service.Metrics;
import io.pilu.service.TopicProvisioner;
import io.pilu.sink.RetryPolicy;
import io.pilu.sink.SinkConfig;
import io.pilu.sink.SinkRunner;
import io.pilu.sink.es.ElasticsearchSettings;
import io.pilu.testkit.PiluIntegrationTest;
import io.pilu.testkit.SharedInfra;
import io.pilu.testkit.TopicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 10, row 7: a 300 000-character announcement through crawl → enrich → sink on a real broker and a real node.
 * On the topics Pilu creates (record budget {@link KafkaSettings#MAX_RECORD_BYTES}) it is indexed whole; on an
 * enriched topic an operator created with the broker's ~1 MB default it is dead-lettered, shortened, with the reason,
 * and the next announcement still flows.
 */
@PiluIntegrationTest
class LargeRecordPipelineIT {

    private static final LocalDate DAY = LocalDate.of(2024, 6, 19);
    private static final int CHARS = 300_000;

    @TempDir
    Path stateDir;

    private final String bootstrap = SharedInfra.kafkaBootstrapServers();
    private final String prefix = SharedInfra.uniqueName("large") + ".";
    private final Topics topics = Topics.withPrefix(prefix);
    private final String alias = prefix.replace(".", "") + "-announcements";
    private BseSimulator site;
    private EnrichService enrich;
    private SinkRunner sink;

    @BeforeEach
    void start() {
        site = BseSimulator.start();
        // a long IR record as HTML: over 300 000 characters of text, cut at the 300 000-character budget; its Q&A
        // pairs repeat the text in the enriched record, which so passes the broker's ~1 MB default
        StringBuilder html = new StringBuilder("<html><head><meta charset=\"utf-8\"></head><body>"
                + "<p>投资者关系活动记录表</p><p>一、投资者关系活动类别</p><p>√特定对象调研</p>"
                + "<p>二、投资者关系活动情况</p><p>活动时间：2024年6月17日</p><p>活动地点：公司会议室</p>"
                + "<p>参会单位及人员：中邮证券、地泽投资</p><p>三、投资者关系活动主要内容</p>");
        for (int i = 1; html.length() < 360_000; i++) {
            html.append("<p>问题")
                    .append(i)
                    .append("、请介绍公司算力采购策略与客户结构的变化情况？</p><p>回答：针对采购标的而言，" + "公司根据业务需求分批采购算力设备，客户结构持续优化，收入稳定增长。</p>");
        }
        site.add(document("big", html.append("</body></html>").toString()));
        site.add(document("small", "<html><body><p>董事会决议公告。</p></body></html>"));
    }

    private SimulatedAnnouncement document(String name, String html) {
        String code = String.format("%032x", Math.abs((long) (prefix + name).hashCode()));
        SimulatedAnnouncement a = new SimulatedAnnouncement(
                code,
                "920007",
                "公司920007",
                "[临时公告]" + name,
                "/disclosure/2024/" + DAY + "/" + code + ".html",
                DAY,
                "html",
                "9504",
                "9504-4417");
        site.document(a.destFilePath(), html.getBytes(StandardCharsets.UTF_8));
        return a;
    }

    @AfterEach
    void stop() {
        if (sink != null) {
            sink.close();
        }
        if (enrich != null) {
            enrich.close();
        }
        site.close();
    }

    private void runPipeline() throws Exception {
        TopicProvisioner.ensure(bootstrap, topics, (short) 1);
        int code = new CommandLine(new CrawlCommand())
                .execute(
                        "--once",
                        "--base-url",
                        site.baseUrl(),
                        "--bootstrap-servers",
                        bootstrap,
                        "--topic-prefix",
                        prefix,
                        "--transactional-id",
                        prefix + "tx",
                        "--from",
                        DAY.toString(),
                        "--rate-limit",
                        "50",
                        "--work-dir",
                        stateDir.resolve("crawl").toString());
        assertThat(code).isZero();
        enrich = EnrichService.start(
                new EnrichConfig(bootstrap, prefix + "enrich", topics, stateDir.resolve("enrich"), 1, 100),
                Metrics.newRegistry("enrich"));
        sink = SinkRunner.start(
                new SinkConfig(
                        bootstrap,
                        topics.enriched(),
                        topics.dlqSink(),
                        prefix + "sink",
                        ElasticsearchSettings.of(SharedInfra.elasticsearchUrl()),
                        alias,
                        500,
                        5L * 1024 * 1024,
                        Duration.ofMillis(200),
                        2,
                        RetryPolicy.defaults(),
                        Duration.ofSeconds(30)),
                new SimpleMeterRegistry());
    }

    @Test
    void aThreeHundredThousandCharacterAnnouncementIsIndexedWhole() throws Exception {
        runPipeline();

        RawAnnouncement raw = raw("big");
        assertThat(raw.text()).hasSize(CHARS);
        assertThat(raw.extractionError()).startsWith("TEXT_TRUNCATED");
        assertThat(JsonSerde.raw().toBytes(raw).length).isLessThan(KafkaSettings.MAX_RECORD_BYTES);
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> count() == 2);
        JsonNode hit = search(io.pilu.model.FilingIdentity.of(raw)); // documents are stored under their filing id
        assertThat(hit.path("_source").path("text").asText()).hasSize(CHARS);
        int enrichedBytes = TopicReader.readCommitted(bootstrap, topics.enriched()).stream()
                .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(raw.id()))
                .mapToInt(r -> r.value().length)
                .max()
                .orElseThrow();
        assertThat(enrichedBytes)
                .as("enriched record bytes, over the broker's 1 MB default")
                .isGreaterThan(1_048_588);
        System.out.println("large record: raw " + JsonSerde.raw().toBytes(raw).length + " bytes, enriched "
                + enrichedBytes + " bytes");
        assertThat(TopicReader.readCommitted(bootstrap, topics.dlqEnrich())).isEmpty();
        assertThat(TopicReader.readCommitted(bootstrap, topics.dlqSink())).isEmpty();
    }

    @Test
    void onAnEnrichedTopicWithTheBrokerDefaultLimitItIsDeadLetteredShortenedAndTheNextOneFlows() throws Exception {
        try (Admin admin = Admin.create(KafkaSettings.admin(bootstrap))) {
            // as an operator would create it: the broker's default record limit
            admin.createTopics(List.of(new NewTopic(topics.enriched(), Topics.DATA_PARTITIONS, (short) 1)
                            .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "1048588"))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        runPipeline();

        String bigId = raw("big").id();
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> !TopicReader.readCommitted(bootstrap, topics.dlqEnrich())
                                .isEmpty()
                        && count() == 1);
        List<DeadLetter> letters = TopicReader.readCommitted(bootstrap, topics.dlqEnrich()).stream()
                .map(r -> JsonSerde.deadLetter().fromBytes(r.value()))
                .toList();
        assertThat(letters).hasSize(1);
        DeadLetter letter = letters.get(0);
        assertThat(letter.errorClass()).isEqualTo("RecordTooLargeException");
        assertThat(letter.key()).isEqualTo(bigId);
        assertThat(letter.valueTruncated()).isTrue();
        assertThat(letter.value()).hasSize(KafkaSettings.DEAD_LETTER_VALUE_CHARS);
        assertThat(letter.errorMessage()).contains("1048588");
        assertThat(search(io.pilu.model.FilingIdentity.of(raw("small")))
                        .path("_source")
                        .path("title")
                        .asText())
                .contains("small");
        assertThat(enrich.state().isRunningOrRebalancing()).isTrue();
    }

    private RawAnnouncement raw(String title) {
        return TopicReader.readCommitted(bootstrap, topics.raw()).stream()
                .map(r -> JsonSerde.raw().fromBytes(r.value()))
                .filter(r -> r.title().endsWith(title))
                .findFirst()
                .orElseThrow();
    }

    private long count() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(SharedInfra.elasticsearchUrl() + "/" + alias + "/_count"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200
                ? Json.mapper().readTree(r.body()).path("count").asLong()
                : -1;
    }

    private JsonNode search(String id) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(SharedInfra.elasticsearchUrl() + "/" + alias + "/_doc/" + id))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.mapper().readTree(r.body());
    }
}
