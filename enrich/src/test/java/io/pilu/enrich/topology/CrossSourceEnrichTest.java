package io.pilu.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pilu.enrich.extract.AnnouncementEnricher;
import io.pilu.model.DocumentClass;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.EntityMention;
import io.pilu.model.FilingIdentity;
import io.pilu.model.JsonSerde;
import io.pilu.model.RawAnnouncement;
import io.pilu.model.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * The 并行科技 IR record (2024-06-17) from bse.cn and from cninfo ({@code column=bj}) through the real enricher:
 * each arrival keeps its own raw id as key, and every output of both carries the same filing id.
 */
class CrossSourceEnrichTest {

    private static final Instant NOW = Instant.parse("2024-06-18T09:00:00Z");
    private static final Topics TOPICS = Topics.defaults();
    private static final LocalDate PUBLISHED = LocalDate.of(2024, 6, 17);

    static String seedText() {
        try (InputStream in =
                CrossSourceEnrichTest.class.getResourceAsStream("/fixtures/bse-seed-bingxing-2024-06-17.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RawAnnouncement arrival(String id, String source, String title, String url) {
        return new RawAnnouncement(
                RawAnnouncement.SCHEMA_VERSION,
                id,
                source,
                "BSE",
                "839493",
                "并行科技",
                title,
                List.of(),
                PUBLISHED,
                url,
                "pdf",
                null,
                null,
                4,
                seedText(),
                RawAnnouncement.ExtractionStatus.OK,
                null,
                NOW);
    }

    @Test
    void bothArrivalsCarryOneFilingIdOnEveryOutput() {
        RawAnnouncement bse = arrival(
                "6adf2dc9960c5876",
                "bse",
                "[临时公告]并行科技:投资者关系活动记录表",
                "https://www.bse.cn/disclosure/2024/2024-06-17/6adf2dc9960c5876.pdf");
        RawAnnouncement cninfo = arrival(
                "cninfo-1220283591",
                "cninfo",
                "<em>投资者关系</em>活动记录表",
                "http://static.cninfo.com.cn/finalpage/2024-06-17/1220283591.PDF");
        String filingId = FilingIdentity.of(bse);

        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "enrich-cross-source");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        AnnouncementEnricher enricher = new AnnouncementEnricher();
        try (TopologyTestDriver driver = new TopologyTestDriver(
                EnrichTopology.topology(
                        TOPICS,
                        enricher::enrich,
                        Clock.fixed(NOW, ZoneOffset.UTC),
                        new EnrichMetrics(new SimpleMeterRegistry())),
                props)) {
            TestInputTopic<byte[], byte[]> raw =
                    driver.createInputTopic(TOPICS.raw(), new ByteArraySerializer(), new ByteArraySerializer());
            for (RawAnnouncement a : List.of(bse, cninfo)) {
                raw.pipeInput(
                        a.id().getBytes(StandardCharsets.UTF_8), JsonSerde.raw().toBytes(a));
            }
            List<KeyValue<String, EnrichedAnnouncement>> enriched = driver.createOutputTopic(
                            TOPICS.enriched(),
                            new StringDeserializer(),
                            JsonSerde.enriched().deserializer())
                    .readKeyValuesToList();
            List<KeyValue<String, EnrichedAnnouncement>> ir = driver.createOutputTopic(
                            TOPICS.irActivities(),
                            new StringDeserializer(),
                            JsonSerde.enriched().deserializer())
                    .readKeyValuesToList();
            List<KeyValue<String, EntityMention>> mentions = driver.createOutputTopic(
                            TOPICS.entityMentions(),
                            new StringDeserializer(),
                            JsonSerde.entityMention().deserializer())
                    .readKeyValuesToList();

            assertThat(enriched).extracting(kv -> kv.key).containsExactly(bse.id(), cninfo.id());
            assertThat(ir).extracting(kv -> kv.key).containsExactly(bse.id(), cninfo.id());
            for (List<KeyValue<String, EnrichedAnnouncement>> topic : List.of(enriched, ir)) {
                assertThat(topic).allSatisfy(kv -> {
                    assertThat(kv.value.filingId()).isEqualTo(filingId);
                    assertThat(kv.value.id()).isEqualTo(kv.key);
                    assertThat(kv.value.documentClass()).isEqualTo(DocumentClass.IR_ACTIVITY_RECORD);
                    assertThat(kv.value.schemaVersion()).isEqualTo(EnrichedAnnouncement.SCHEMA_VERSION);
                });
            }
            // the same participants read from both
            assertThat(ir.get(1).value.irActivity().participants())
                    .isEqualTo(ir.get(0).value.irActivity().participants());
            // mentions: once per arrival, the same filing id, so a consumer counts distinct (filingId, name, role)
            assertThat(mentions)
                    .isNotEmpty()
                    .allSatisfy(kv -> assertThat(kv.value.filingId()).isEqualTo(filingId));
            long perArrival = mentions.stream()
                    .filter(kv -> kv.value.announcementId().equals(bse.id()))
                    .count();
            assertThat(mentions).hasSize((int) perArrival * 2);
            assertThat(mentions.stream()
                            .map(kv -> kv.value.filingId() + "|" + kv.value.normalizedName() + "|" + kv.value.role())
                            .distinct()
                            .count())
                    .isEqualTo(perArrival);
        }
    }
}
