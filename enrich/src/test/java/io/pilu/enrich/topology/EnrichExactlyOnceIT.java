package io.pilu.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilu.model.DeadLetter;
import io.pilu.model.DocumentClass;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.EntityMention;
import io.pilu.model.JsonSerde;
import io.pilu.model.RawAnnouncement;
import io.pilu.model.Topics;
import io.pilu.service.KafkaSettings;
import io.pilu.service.TopicProvisioner;
import io.pilu.testkit.PiluIntegrationTest;
import io.pilu.testkit.SharedInfra;
import io.pilu.testkit.TopicReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once on a real broker: the enrich service runs as its own JVM, is killed with SIGKILL mid-stream, and
 * restarted; read_committed consumers of every output topic must then see every input exactly once.
 */
@PiluIntegrationTest
class EnrichExactlyOnceIT {

    private static final int ANNOUNCEMENTS = 3000;
    private static final int GARBAGE = 15;

    @TempDir
    Path stateDir;

    @Test
    void everyInputAppearsOnceOnEveryOutputAfterAKillDashNine() throws Exception {
        String bootstrap = SharedInfra.kafkaBootstrapServers();
        String prefix = SharedInfra.uniqueName("eos") + ".";
        Topics topics = Topics.withPrefix(prefix);
        TopicProvisioner.ensure(bootstrap, topics, (short) 1);

        String irText = resource("/fixtures/eos-ir-record.txt");
        produce(bootstrap, topics, irText);

        Process first = startEnrich(bootstrap, prefix);
        // Let it commit part of the stream, then pull the plug mid-transaction.
        await().atMost(Duration.ofSeconds(90))
                .until(() -> count(bootstrap, topics.enriched(), "read_uncommitted") >= 600);
        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        long seenBeforeCrash = count(bootstrap, topics.enriched(), "read_uncommitted");
        assertThat(seenBeforeCrash).as("killed mid-stream, not after the end").isLessThan(ANNOUNCEMENTS);

        Process second = startEnrich(bootstrap, prefix);
        try {
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> count(bootstrap, topics.enriched(), "read_committed") >= ANNOUNCEMENTS);
        } finally {
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);
        }

        Map<String, Integer> enriched = idCounts(
                bootstrap,
                topics.enriched(),
                r -> JsonSerde.enriched().fromBytes(r.value()).id());
        assertThat(enriched).hasSize(ANNOUNCEMENTS);
        assertThat(enriched.values()).allMatch(n -> n == 1);

        // the IR table: each IR record once, and each other announcement once as a tombstone
        Map<String, Integer> irKeys =
                idCounts(bootstrap, topics.irActivities(), r -> new String(r.key(), StandardCharsets.UTF_8));
        assertThat(irKeys).hasSize(ANNOUNCEMENTS);
        assertThat(irKeys.values()).allMatch(n -> n == 1);
        List<EnrichedAnnouncement> ir =
                values(bootstrap, topics.irActivities(), JsonSerde.enriched()::fromBytes).stream()
                        .filter(java.util.Objects::nonNull)
                        .toList();
        assertThat(ir).hasSize(ANNOUNCEMENTS / 2).allMatch(e -> e.documentClass() == DocumentClass.IR_ACTIVITY_RECORD);
        assertThat(ir.stream().map(EnrichedAnnouncement::id).distinct().count()).isEqualTo(ANNOUNCEMENTS / 2);

        int entitiesPerIr = ir.get(0).entities().size();
        assertThat(entitiesPerIr).isPositive();
        List<EntityMention> mentions = values(bootstrap, topics.entityMentions(), JsonSerde.entityMention()::fromBytes);
        Map<String, Long> perAnnouncement = new HashMap<>();
        mentions.forEach(m ->
                perAnnouncement.merge(m.announcementId() + "/" + m.normalizedName() + "/" + m.role(), 1L, Long::sum));
        assertThat(perAnnouncement.values())
                .as("no mention duplicated by the crash")
                .allMatch(n -> n == 1);

        List<DeadLetter> dead = values(bootstrap, topics.dlqEnrich(), JsonSerde.deadLetter()::fromBytes);
        assertThat(dead).hasSize(GARBAGE);
        assertThat(dead.stream()
                        .map(d -> d.partition() + "@" + d.offset())
                        .distinct()
                        .count())
                .as("each garbage record dead-lettered once")
                .isEqualTo(GARBAGE);
        assertThat(dead).allSatisfy(d -> assertThat(d.key()).startsWith("junk-"));
    }

    private Process startEnrich(String bootstrap, String prefix) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = Files.createTempFile(stateDir, "enrich-", ".log");
        return new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        EnrichProcessMain.class.getName(),
                        bootstrap,
                        prefix,
                        stateDir.resolve("state").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static void produce(String bootstrap, Topics topics, String irText) {
        Properties p = KafkaSettings.producer(bootstrap, "eos-it-producer");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            int garbageEvery = ANNOUNCEMENTS / GARBAGE;
            // a send the producer gives up on would otherwise surface only as a count that never arrives
            java.util.concurrent.atomic.AtomicReference<Exception> failed =
                    new java.util.concurrent.atomic.AtomicReference<>();
            org.apache.kafka.clients.producer.Callback check = (metadata, e) -> {
                if (e != null) {
                    failed.compareAndSet(null, e);
                }
            };
            for (int i = 0; i < ANNOUNCEMENTS; i++) {
                boolean ir = i % 2 == 0;
                String id = "eos-" + i;
                RawAnnouncement raw = new RawAnnouncement(
                        RawAnnouncement.SCHEMA_VERSION,
                        id,
                        "bse",
                        "BSE",
                        "839493",
                        "并行科技",
                        ir ? "[临时公告]并行科技:投资者关系活动记录表" : "[临时公告]并行科技:关于召开2024年第一次临时股东大会通知公告",
                        List.of("9504"),
                        LocalDate.of(2024, 6, 18),
                        "https://www.bse.cn/disclosure/" + id + ".pdf",
                        "pdf",
                        "0".repeat(64),
                        1L,
                        1,
                        ir ? irText : "北京并行科技股份有限公司定于2024年7月5日召开2024年第一次临时股东大会。",
                        RawAnnouncement.ExtractionStatus.OK,
                        null,
                        Instant.now());
                producer.send(
                        new ProducerRecord<>(
                                topics.raw(),
                                id.getBytes(StandardCharsets.UTF_8),
                                JsonSerde.raw().toBytes(raw)),
                        check);
                if (i % garbageEvery == 0) {
                    producer.send(
                            new ProducerRecord<>(
                                    topics.raw(),
                                    ("junk-" + i).getBytes(StandardCharsets.UTF_8),
                                    ("{\"truncated\": " + i).getBytes(StandardCharsets.UTF_8)),
                            check);
                }
            }
            producer.flush();
            assertThat(failed.get()).as("every input record was written").isNull();
        }
    }

    private static long count(String bootstrap, String topic, String isolation) {
        return ("read_committed".equals(isolation)
                        ? TopicReader.readCommitted(bootstrap, topic)
                        : TopicReader.readUncommitted(bootstrap, topic))
                .size();
    }

    private static Map<String, Integer> idCounts(
            String bootstrap, String topic, Function<ConsumerRecord<byte[], byte[]>, String> id) {
        Map<String, Integer> counts = new HashMap<>();
        TopicReader.readCommitted(bootstrap, topic).forEach(r -> counts.merge(id.apply(r), 1, Integer::sum));
        return counts;
    }

    private static <T> List<T> values(String bootstrap, String topic, Function<byte[], T> decode) {
        return TopicReader.readCommitted(bootstrap, topic).stream()
                .map(r -> decode.apply(r.value()))
                .toList();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = EnrichExactlyOnceIT.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
