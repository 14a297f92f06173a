package io.pilu.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilu.app.local.LocalPipeline;
import io.pilu.ingest.cli.CrawlCommand;
import io.pilu.ingest.simulator.BseSimulator;
import io.pilu.ingest.simulator.SampleSet;
import io.pilu.ingest.simulator.cninfo.CninfoSampleSet;
import io.pilu.ingest.simulator.cninfo.CninfoSimulator;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.EntityMention;
import io.pilu.model.Json;
import io.pilu.model.JsonSerde;
import io.pilu.model.RawAnnouncement;
import io.pilu.model.Topics;
import io.pilu.testkit.TopicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, as {@code pilu local --offline} runs it: the bse.cn and cninfo simulators → one crawler each → raw topic
 * → enrich → enriched, IR and entity topics → sink → Elasticsearch, then a Chinese search for 智谱华章 finds the
 * 并行科技 record with its participants, and one for an institution named in a Shenzhen record finds that record.
 * Real broker and real node (child JVMs), real services in this JVM.
 */
class OfflinePipelineIT {

    @TempDir
    Path dataDir;

    @Test
    void theSeedRecordBecomesSearchableWithItsFacts() throws Exception {
        SampleSet samples = SampleSet.bundled();
        CninfoSampleSet cninfoSamples = CninfoSampleSet.bundled();
        try (BseSimulator site = BseSimulator.withSamples();
                CninfoSimulator cninfo = CninfoSimulator.withSamples();
                LocalPipeline pipeline = LocalPipeline.start(LocalPipeline.Options.all(
                        dataDir,
                        0,
                        0,
                        0,
                        null,
                        CrawlCommand.parse(
                                "--base-url",
                                site.baseUrl(),
                                "--from",
                                samples.earliestPublishDate().toString(),
                                "--rate-limit",
                                "50",
                                "--poll-interval",
                                "5s"),
                        CrawlCommand.parse(
                                LocalCommand.offlineCninfoArgs(cninfo).toArray(String[]::new))))) {
            List<String> cninfoIds = cninfoSamples.samples().stream()
                    .map(s -> "cninfo-" + s.announcement().announcementId())
                    .toList();
            int announcements = samples.ids().size() + cninfoIds.size();
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(pipeline.status().indexed()).isEqualTo(announcements));
            assertThat(pipeline.failures()).isEmpty();
            assertThat(site.contractViolations()).isEmpty();
            assertThat(cninfo.contractViolations()).isEmpty();

            Topics topics = Topics.defaults();
            List<RawAnnouncement> raw = readAll(pipeline, topics.raw(), JsonSerde.raw()::fromBytes);
            List<String> allIds = new java.util.ArrayList<>(samples.ids());
            allIds.addAll(cninfoIds);
            assertThat(raw).extracting(RawAnnouncement::id).containsExactlyInAnyOrderElementsOf(allIds);
            // 并行科技's filing arrives from both sources, each with its own source and the same exchange, code, day
            assertThat(raw)
                    .filteredOn(r -> r.companyCode().equals("839493")
                            && r.publishDate().toString().equals("2024-06-18"))
                    .extracting(RawAnnouncement::source, RawAnnouncement::exchange)
                    .contains(
                            org.assertj.core.groups.Tuple.tuple("bse", "BSE"),
                            org.assertj.core.groups.Tuple.tuple("cninfo", "BSE"));
            List<EnrichedAnnouncement> ir = readAll(pipeline, topics.irActivities(), JsonSerde.enriched()::fromBytes);
            assertThat(ir).extracting(e -> e.announcement().companyName()).contains("并行科技");
            List<EntityMention> mentions =
                    readAll(pipeline, topics.entityMentions(), JsonSerde.entityMention()::fromBytes);
            assertThat(mentions).extracting(EntityMention::normalizedName).contains("中邮证券有限责任公司", "智谱华章");

            // a Shenzhen record, found by an institution named in it
            JsonNode shenzhen = search(pipeline.elasticsearchUrl(), "申万宏源证券");
            assertThat(shenzhen.path("total").path("value").asInt()).isPositive();
            assertThat(shenzhen.path("hits").findValuesAsText("companyCode")).contains("002981");
            assertThat(shenzhen.path("hits").findValuesAsText("exchange")).contains("SZSE");

            JsonNode hits = search(pipeline.elasticsearchUrl(), "智谱华章");
            // the 并行科技 record crawled from bse.cn and from cninfo (column=bj) is one filing: one hit, both sources
            assertThat(hits.path("total").path("value").asInt()).isEqualTo(1);
            JsonNode hit = hits.path("hits").get(0);
            JsonNode source = hit.path("_source");
            assertThat(source.path("sources").toString()).contains("\"bse\"", "\"cninfo\"");
            assertThat(source.path("companyName").asText()).isEqualTo("并行科技");
            assertThat(source.path("documentClass").asText()).isEqualTo("IR_ACTIVITY_RECORD");
            assertThat(source.path("ir").path("participants").toString()).contains("中邮证券", "地泽投资");
            // the bigrams 智谱|谱华|华章 overlap: the highlight marks the name as one piece
            assertThat(hit.path("highlight").toString()).contains("<em>智谱华章</em>");

            // analytics: who researched 并行科技, live from its query API (README's `pilu visits --company 839493`)
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        HttpResponse<String> r = HttpClient.newHttpClient()
                                .send(
                                        HttpRequest.newBuilder(URI.create(
                                                        pipeline.analyticsUrl() + "/api/companies/839493/visitors"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString());
                        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                        JsonNode visitors = Json.mapper().readTree(r.body()).path("visitors");
                        assertThat(visitors.findValuesAsText("normalizedName")).contains("中邮证券有限责任公司", "地泽投资");
                        assertThat(visitors.findValuesAsText("firstDate")).containsOnly("2024-06-17");
                    });

            // pilu web, as pilu local runs it: on 127.0.0.1, over this index and this analytics API
            assertThat(pipeline.webUrl()).startsWith("http://127.0.0.1:");
            HttpResponse<String> page = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(pipeline.webUrl() + "/companies/839493"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(page.body()).contains("并行科技", "中邮证券", "地泽投资", "2024-06-17");
        }
    }

    private static JsonNode search(String esUrl, String words) throws Exception {
        String body = Json.write(Map.of(
                "query",
                Map.of("match", Map.of("text", Map.of("query", words, "operator", "and"))),
                "highlight",
                Map.of("fields", Map.of("text", Map.of()))));
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(esUrl + "/pilu-announcements/_search"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.mapper().readTree(r.body()).path("hits");
    }

    private static <T> List<T> readAll(LocalPipeline pipeline, String topic, Function<byte[], T> decode) {
        // values only: pilu.ir-activities also holds a tombstone for each announcement that is not an IR record
        return TopicReader.readCommitted(pipeline.bootstrapServers(), topic).stream()
                .filter(r -> r.value() != null)
                .map(r -> decode.apply(r.value()))
                .toList();
    }
}
