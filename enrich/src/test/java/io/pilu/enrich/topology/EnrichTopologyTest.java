package io.pilu.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pilu.model.DeadLetter;
import io.pilu.model.DocumentClass;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.Entity;
import io.pilu.model.EntityMention;
import io.pilu.model.EntityRole;
import io.pilu.model.EntityType;
import io.pilu.model.IrActivity;
import io.pilu.model.JsonSerde;
import io.pilu.model.RawAnnouncement;
import io.pilu.model.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.function.BiFunction;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routing, keys and dead letters of {@link EnrichTopology}, with a stand-in enricher so these tests are about the
 * topology alone (the extraction core has its own tests).
 */
class EnrichTopologyTest {

    private static final Instant NOW = Instant.parse("2024-06-18T09:00:00Z");
    private static final Topics TOPICS = Topics.defaults();

    /** IR when the title says so; two entities each; throws on a title of "boom". */
    private static final BiFunction<RawAnnouncement, Instant, EnrichedAnnouncement> STAND_IN = (raw, at) -> {
        if ("boom".equals(raw.title())) {
            throw new IllegalStateException("extractor bug on " + raw.id());
        }
        boolean ir = raw.title().contains("投资者关系活动记录表");
        return new EnrichedAnnouncement(
                EnrichedAnnouncement.SCHEMA_VERSION,
                raw.id(),
                raw,
                ir ? DocumentClass.IR_ACTIVITY_RECORD : DocumentClass.OTHER,
                ir
                        ? new IrActivity(
                                IrActivity.Layout.BSE,
                                List.of("特定对象调研"),
                                null,
                                "2024-06-17",
                                "公司会议室",
                                List.of(),
                                null,
                                null,
                                List.of(),
                                List.of(),
                                List.of(),
                                List.of())
                        : null,
                List.of(),
                ir
                        ? List.of(
                                new Entity("中邮证券", "中邮证券有限责任公司", EntityType.BROKER, EntityRole.PARTICIPANT),
                                new Entity("智谱华章", null, EntityType.COMPANY, EntityRole.CUSTOMER))
                        : List.of(),
                1,
                at);
    };

    private TopologyTestDriver driver;
    private SimpleMeterRegistry registry;
    private TestInputTopic<byte[], byte[]> raw;
    private TestOutputTopic<String, EnrichedAnnouncement> enriched;
    private TestOutputTopic<String, EnrichedAnnouncement> ir;
    private TestOutputTopic<String, EntityMention> mentions;
    private TestOutputTopic<String, DeadLetter> dlq;

    @BeforeEach
    void setUp() {
        registry = new SimpleMeterRegistry();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "enrich-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(
                EnrichTopology.topology(
                        TOPICS, STAND_IN, Clock.fixed(NOW, ZoneOffset.UTC), new EnrichMetrics(registry)),
                props);
        raw = driver.createInputTopic(TOPICS.raw(), new ByteArraySerializer(), new ByteArraySerializer());
        enriched = driver.createOutputTopic(
                TOPICS.enriched(),
                new StringDeserializer(),
                JsonSerde.enriched().deserializer());
        ir = driver.createOutputTopic(
                TOPICS.irActivities(),
                new StringDeserializer(),
                JsonSerde.enriched().deserializer());
        mentions = driver.createOutputTopic(
                TOPICS.entityMentions(),
                new StringDeserializer(),
                JsonSerde.entityMention().deserializer());
        dlq = driver.createOutputTopic(
                TOPICS.dlqEnrich(),
                new StringDeserializer(),
                JsonSerde.deadLetter().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private static RawAnnouncement announcement(String id, String title) {
        return new RawAnnouncement(
                RawAnnouncement.SCHEMA_VERSION,
                id,
                "bse",
                "BSE",
                "839493",
                "并行科技",
                title,
                List.of("9504"),
                LocalDate.of(2024, 6, 18),
                "https://www.bse.cn/disclosure/2024/2024-06-18/" + id + ".pdf",
                "pdf",
                "0".repeat(64),
                10L,
                1,
                "正文",
                RawAnnouncement.ExtractionStatus.OK,
                null,
                NOW);
    }

    private void pipe(String key, RawAnnouncement value) {
        raw.pipeInput(
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                JsonSerde.raw().toBytes(value));
    }

    @Test
    void irRecordGoesToEnrichedIrAndOneMentionPerEntityKeyedByNormalisedName() {
        pipe("a1", announcement("a1", "[临时公告]并行科技:投资者关系活动记录表"));

        TestRecord<String, EnrichedAnnouncement> e = enriched.readRecord();
        assertThat(e.key()).isEqualTo("a1");
        assertThat(e.value().documentClass()).isEqualTo(DocumentClass.IR_ACTIVITY_RECORD);
        assertThat(e.value().enrichedAt()).isEqualTo(NOW);
        assertThat(ir.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("a1");
        List<TestRecord<String, EntityMention>> m = mentions.readRecordsToList();
        assertThat(m).extracting(TestRecord::key).containsExactly("中邮证券有限责任公司", "智谱华章");
        assertThat(m).allSatisfy(r -> assertThat(r.value().announcementId()).isEqualTo("a1"));
        assertThat(m.get(0).value().companyCode()).isEqualTo("839493");
        assertThat(dlq.isEmpty()).isTrue();
        assertThat(registry.counter("pilu.enrich.records", "class", "IR_ACTIVITY_RECORD")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void theEnrichedAndIrTopicsGetTheSameBytesTheEnrichedSerdeWrites() {
        RawAnnouncement a = announcement("a1", "[临时公告]并行科技:投资者关系活动记录表");
        pipe("a1", a);

        byte[] expected = JsonSerde.enriched().toBytes(STAND_IN.apply(a, NOW));
        TestOutputTopic<String, byte[]> enrichedBytes =
                driver.createOutputTopic(TOPICS.enriched(), new StringDeserializer(), new ByteArrayDeserializer());
        TestOutputTopic<String, byte[]> irBytes =
                driver.createOutputTopic(TOPICS.irActivities(), new StringDeserializer(), new ByteArrayDeserializer());
        assertThat(enrichedBytes.readValuesToList()).singleElement().isEqualTo(expected);
        assertThat(irBytes.readValuesToList()).singleElement().isEqualTo(expected);
    }

    @Test
    void otherAnnouncementsGoToEnrichedAndAreTombstonesOnTheIrTable() {
        pipe("b1", announcement("b1", "[临时公告]某公司:第三届董事会第五次会议决议公告"));
        assertThat(enriched.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("b1");
        TestRecord<String, EnrichedAnnouncement> t = ir.readRecord();
        assertThat(t.key()).isEqualTo("b1");
        assertThat(t.value()).isNull();
        assertThat(ir.isEmpty()).isTrue();
        assertThat(mentions.isEmpty()).isTrue();
    }

    /** Analytics reads pilu.ir-activities as a table: a record that stops being an IR record must leave it. */
    @Test
    void aReEnrichmentThatIsNoLongerAnIrRecordWithdrawsItFromTheIrTable() {
        pipe("r1", announcement("r1", "[临时公告]并行科技:投资者关系活动记录表"));
        pipe("r1", announcement("r1", "[临时公告]并行科技:2024年第二次临时股东大会决议公告")); // reclassified
        List<TestRecord<String, EnrichedAnnouncement>> table = ir.readRecordsToList();
        assertThat(table).extracting(TestRecord::key).containsExactly("r1", "r1");
        assertThat(table.get(0).value().documentClass()).isEqualTo(DocumentClass.IR_ACTIVITY_RECORD);
        assertThat(table.get(1).value()).isNull();
    }

    @Test
    void garbageBecomesADeadLetterWithOriginalBytesAndTheRestFlows() {
        raw.pipeInput("bad".getBytes(StandardCharsets.UTF_8), "{not json".getBytes(StandardCharsets.UTF_8));
        pipe("c1", announcement("c1", "年度报告"));

        TestRecord<String, DeadLetter> d = dlq.readRecord();
        assertThat(d.key()).isEqualTo("bad");
        assertThat(d.value().stage()).isEqualTo("enrich");
        assertThat(d.value().sourceTopic()).isEqualTo(TOPICS.raw());
        assertThat(d.value().offset()).isEqualTo(0L);
        assertThat(d.value().value()).isEqualTo("{not json");
        assertThat(d.value().errorClass()).endsWith("SerializationException");
        assertThat(d.value().errorMessage()).contains("not a valid RawAnnouncement");
        assertThat(enriched.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("c1");
        assertThat(registry.counter("pilu.enrich.failures", "reason", "SerializationException")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void anExtractorExceptionIsDeadLetteredNotFatal() {
        pipe("d1", announcement("d1", "boom"));
        pipe("d2", announcement("d2", "年度报告"));
        DeadLetter d = dlq.readValue();
        assertThat(d.errorClass()).isEqualTo(IllegalStateException.class.getName());
        assertThat(d.errorMessage()).contains("extractor bug on d1");
        assertThat(enriched.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("d2");
    }

    @Test
    void aKeyThatDiffersFromTheIdIsRejected() {
        pipe("wrong", announcement("e1", "年度报告"));
        DeadLetter d = dlq.readValue();
        assertThat(d.errorClass()).isEqualTo("KeyMismatch");
        assertThat(enriched.isEmpty()).isTrue();
    }

    @Test
    void aNullKeyIsKeyedByTheAnnouncementId() {
        pipe(null, announcement("f1", "年度报告"));
        assertThat(enriched.readRecord().key()).isEqualTo("f1");
    }

    @Test
    void tombstonesPassThroughToEnrichedAndIr() {
        raw.pipeInput("g1".getBytes(StandardCharsets.UTF_8), (byte[]) null);
        TestRecord<String, EnrichedAnnouncement> t = enriched.readRecord();
        assertThat(t.key()).isEqualTo("g1");
        assertThat(t.value()).isNull();
        assertThat(ir.readRecord().value()).isNull();
        assertThat(mentions.isEmpty()).isTrue();
    }

    @Test
    void aTombstoneWithoutAKeyIsDeadLetteredAndTheRestFlows() {
        raw.pipeInput((byte[]) null, (byte[]) null);
        pipe("h1", announcement("h1", "年度报告"));

        TestRecord<String, DeadLetter> d = dlq.readRecord();
        assertThat(d.key()).isNull();
        assertThat(d.value())
                .isEqualTo(new DeadLetter(
                        DeadLetter.SCHEMA_VERSION,
                        "enrich",
                        TOPICS.raw(),
                        0,
                        0L,
                        null,
                        null,
                        DeadLetter.UTF8,
                        "TombstoneWithoutKey",
                        "a null value with a null key identifies nothing",
                        NOW,
                        null,
                        null));
        assertThat(dlq.isEmpty()).isTrue();
        assertThat(enriched.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("h1");
        assertThat(ir.readRecord().value()).as("h1 is not an IR record").isNull();
        assertThat(ir.isEmpty()).isTrue();
        assertThat(mentions.isEmpty()).isTrue();
        assertThat(registry.counter("pilu.enrich.failures", "reason", "TombstoneWithoutKey")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void binaryGarbageIsKeptAsBase64() {
        raw.pipeInput(new byte[] {1, 2}, new byte[] {(byte) 0xff, (byte) 0xfe});
        DeadLetter d = dlq.readValue();
        assertThat(d.encoding()).isEqualTo(DeadLetter.BASE64);
        assertThat(d.valueBytes()).containsExactly((byte) 0xff, (byte) 0xfe);
    }

    @Test
    void describesTheTopologyWithNamedNodes() {
        String description = EnrichTopology.topology(TOPICS, STAND_IN, Clock.systemUTC(), EnrichMetrics.discarding())
                .describe()
                .toString();
        assertThat(description).contains("raw-source", "enrich", "dlq-sink", "ir-sink", "mentions-sink");
    }

    /** An operator-created topic at the broker's default {@code max.message.bytes}. */
    private static final int BROKER_DEFAULT_LIMIT = 1_048_576;

    /** The driver again, with output topics limited to {@link #BROKER_DEFAULT_LIMIT}. */
    private void limitOutputsToTheBrokerDefault() {
        driver.close();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "enrich-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(
                EnrichTopology.topology(
                        TOPICS,
                        STAND_IN,
                        Clock.fixed(NOW, ZoneOffset.UTC),
                        new EnrichMetrics(registry),
                        BROKER_DEFAULT_LIMIT),
                props);
        raw = driver.createInputTopic(TOPICS.raw(), new ByteArraySerializer(), new ByteArraySerializer());
        enriched = driver.createOutputTopic(
                TOPICS.enriched(),
                new StringDeserializer(),
                JsonSerde.enriched().deserializer());
        dlq = driver.createOutputTopic(
                TOPICS.dlqEnrich(),
                new StringDeserializer(),
                JsonSerde.deadLetter().deserializer());
    }

    /** An announcement whose enriched record is over {@link #BROKER_DEFAULT_LIMIT}. */
    private static RawAnnouncement bigAnnouncement() {
        RawAnnouncement small = announcement("s1", "年度报告");
        return new RawAnnouncement(
                small.schemaVersion(),
                "big1",
                "bse",
                small.exchange(),
                small.companyCode(),
                small.companyName(),
                "年度报告",
                small.typeCodes(),
                small.publishDate(),
                small.documentUrl(),
                small.fileType(),
                small.documentSha256(),
                small.documentBytes(),
                small.pageCount(),
                "营".repeat(400_000),
                RawAnnouncement.ExtractionStatus.OK,
                null,
                NOW);
    }

    @Test
    void anEnrichedRecordOverTheOutputLimitIsDeadLetteredShortenedAndTheNextOneFlows() {
        limitOutputsToTheBrokerDefault();
        RawAnnouncement small = announcement("s1", "年度报告");
        RawAnnouncement big = bigAnnouncement();

        pipe("big1", big);
        pipe("s1", small);

        TestRecord<String, DeadLetter> d = dlq.readRecord();
        assertThat(d.key()).isEqualTo("big1");
        assertThat(d.value().errorClass()).isEqualTo("RecordTooLargeException");
        assertThat(d.value().errorMessage()).contains("over the 1048576-byte limit");
        assertThat(d.value().valueTruncated()).isTrue();
        assertThat(d.value().originalValueBytes()).isGreaterThan(900_000L);
        assertThat(d.value().value()).hasSize(io.pilu.service.KafkaSettings.DEAD_LETTER_VALUE_CHARS);
        assertThat(enriched.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("s1");
        assertThat(registry.counter("pilu.enrich.failures", "reason", "RecordTooLargeException")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void anOversizedRecordsDeadLetterIsExactlyTheShortenedOriginalWithTheReason() {
        limitOutputsToTheBrokerDefault();
        TestOutputTopic<String, byte[]> dlqBytes =
                driver.createOutputTopic(TOPICS.dlqEnrich(), new StringDeserializer(), new ByteArrayDeserializer());
        RawAnnouncement big = bigAnnouncement();
        byte[] rawBytes = JsonSerde.raw().toBytes(big);
        int enrichedBytes = JsonSerde.enriched().toBytes(STAND_IN.apply(big, NOW)).length;

        pipe("big1", big);

        DeadLetter expected = new DeadLetter(
                DeadLetter.SCHEMA_VERSION,
                "enrich",
                TOPICS.raw(),
                0,
                0L,
                "big1",
                new String(rawBytes, StandardCharsets.UTF_8)
                        .substring(0, io.pilu.service.KafkaSettings.DEAD_LETTER_VALUE_CHARS),
                DeadLetter.UTF8,
                "RecordTooLargeException",
                "the enriched record is " + enrichedBytes + " bytes, over the " + BROKER_DEFAULT_LIMIT
                        + "-byte limit of the output topics; dead-lettered with the raw value shortened",
                NOW,
                true,
                (long) rawBytes.length);
        TestRecord<String, byte[]> letter = dlqBytes.readRecord();
        assertThat(letter.key()).isEqualTo("big1");
        assertThat(new String(letter.value(), StandardCharsets.UTF_8))
                .isEqualTo(new String(JsonSerde.deadLetter().toBytes(expected), StandardCharsets.UTF_8));
        assertThat(letter.value()).isEqualTo(JsonSerde.deadLetter().toBytes(expected));
        assertThat(dlqBytes.isEmpty()).isTrue();
    }
}
