package io.pilu.app.bench;

import io.pilu.enrich.bench.ExtractionBenchmark;
import io.pilu.enrich.extract.AnnouncementEnricher;
import io.pilu.enrich.topology.EnrichConfig;
import io.pilu.enrich.topology.EnrichMetrics;
import io.pilu.enrich.topology.EnrichTopology;
import io.pilu.model.DocumentClass;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.EntityMention;
import io.pilu.model.JsonSerde;
import io.pilu.model.RawAnnouncement;
import io.pilu.model.Topics;
import io.pilu.service.KafkaSettings;
import io.pilu.service.TopicProvisioner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;

/**
 * {@code pilu bench enrich}: (1) extraction alone, docs/s on the seed-sized IR record; (2) the enrich topology on a
 * real broker with exactly-once, records/s, beside two pass-through topologies with the same configuration on the
 * same input: (3) one that copies each input record to one topic, and (4) a like-for-like one that writes, per
 * input, the very records the enrich topology writes (the enriched record to the enriched and IR topics, one record
 * per entity mention; same keys, same bytes, to topics made like enrich's) without reading or computing anything.
 * The ratio (2)/(4) is the target (≥ 50 %): it isolates the cost of parsing, extraction and serialisation from the
 * cost of moving the output bytes through exactly-once transactions, which (2)/(3) mixes up.
 */
public final class EnrichTopologyBenchmark {

    private EnrichTopologyBenchmark() {}

    /** Results of one run. */
    public record Result(
            double extractionDocsPerSecond,
            double enrichRecordsPerSecond,
            double passThroughRecordsPerSecond,
            double likeForLikeRecordsPerSecond) {
        double ratio() {
            return enrichRecordsPerSecond / passThroughRecordsPerSecond;
        }

        double likeForLikeRatio() {
            return enrichRecordsPerSecond / likeForLikeRecordsPerSecond;
        }
    }

    public static Result run(String bootstrapServers, int records, int extractionSeconds, long commitIntervalMs)
            throws Exception {
        ExtractionBenchmark.Result extraction =
                ExtractionBenchmark.measure(Math.max(1, extractionSeconds / 2), extractionSeconds);
        System.out.println("extraction only:   " + extraction.describe());

        String run = "bench-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        Topics topics = Topics.withPrefix(run);
        TopicProvisioner.ensure(bootstrapServers, topics, (short) 1);
        String passThroughOut = run + "passthrough";
        TopicProvisioner.ensure(
                bootstrapServers, List.of(new Topics.TopicSpec(passThroughOut, Topics.DATA_PARTITIONS, false)), (short)
                        1);
        // The like-for-like pass-through writes to its own copies of enrich's output topics (same specs).
        Topics likeTopics = Topics.withPrefix(run + "like.");
        TopicProvisioner.ensure(bootstrapServers, likeTopics, (short) 1);
        String text = sample();
        produce(bootstrapServers, topics.raw(), records, text);
        System.out.printf(
                "input:             %d IR records (%d chars of text each) on %s%n",
                records, extraction.sampleChars(), topics.raw());

        Path state = Files.createTempDirectory("pilu-bench-streams");
        AnnouncementEnricher enricher = new AnnouncementEnricher();
        Topology enrich =
                EnrichTopology.topology(topics, enricher::enrich, Clock.systemUTC(), EnrichMetrics.discarding());
        double enrichRate = timeTopology(
                enrich, bootstrapServers, run + "enrich", state, topics.enriched(), records, commitIntervalMs);
        System.out.printf(
                "enrich topology:   %,.0f records/s (exactly_once_v2, commit every %d ms)%n",
                enrichRate, commitIntervalMs);
        List<String> enrichOutputs = List.of(topics.enriched(), topics.irActivities(), topics.entityMentions());
        System.out.printf("  output on broker: %s%n", describeBytes(bootstrapServers, enrichOutputs, records));

        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.raw(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(passThroughOut, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        double passRate = timeTopology(
                builder.build(), bootstrapServers, run + "pass", state, passThroughOut, records, commitIntervalMs);
        System.out.printf("pass-through:      %,.0f records/s (one record per input, same configuration)%n", passRate);

        Outputs outputs = Outputs.of(enricher.enrich(raw("bench-0", text), Instant.now()));
        double likeRate = timeTopology(
                likeForLike(topics.raw(), likeTopics, outputs),
                bootstrapServers,
                run + "like",
                state,
                likeTopics.enriched(),
                records,
                commitIntervalMs);
        System.out.printf(
                "like-for-like:     %,.0f records/s (per input the same %d records, %,d bytes, to the same "
                        + "topics as enrich, same configuration)%n",
                likeRate, outputs.count(), outputs.bytes());
        List<String> likeOutputs =
                List.of(likeTopics.enriched(), likeTopics.irActivities(), likeTopics.entityMentions());
        System.out.printf("  output on broker: %s%n", describeBytes(bootstrapServers, likeOutputs, records));

        Result result = new Result(extraction.docsPerSecond(), enrichRate, passRate, likeRate);
        System.out.printf(
                "ratio:             %.0f %% of like-for-like pass-through (target >= 50 %%); "
                        + "%.0f %% of one-record pass-through%n",
                result.likeForLikeRatio() * 100, result.ratio() * 100);
        return result;
    }

    /**
     * What the enrich topology writes for one input of the bench (all inputs carry the same text, so the same
     * entities): the enriched record's bytes, whether it also goes to the IR topic, and the entity mentions.
     */
    private record Outputs(byte[] enriched, boolean irActivity, List<KeyValue<byte[], byte[]>> mentions) {
        static Outputs of(EnrichedAnnouncement e) {
            List<KeyValue<byte[], byte[]>> mentions = e.entities().stream()
                    .map(entity -> KeyValue.pair(
                            entity.normalizedName().getBytes(StandardCharsets.UTF_8),
                            JsonSerde.entityMention().toBytes(EntityMention.of(e, entity))))
                    .toList();
            return new Outputs(
                    JsonSerde.enriched().toBytes(e), e.documentClass() == DocumentClass.IR_ACTIVITY_RECORD, mentions);
        }

        int count() {
            return 1 + (irActivity ? 1 : 0) + mentions.size();
        }

        long bytes() {
            long sum = (long) enriched.length * (irActivity ? 2 : 1);
            for (KeyValue<byte[], byte[]> m : mentions) {
                sum += m.key.length + m.value.length;
            }
            return sum;
        }
    }

    /** A pass-through that writes, per input, {@code outputs} to {@code out}'s enrich output topics. */
    private static Topology likeForLike(String input, Topics out, Outputs outputs) {
        StreamsBuilder builder = new StreamsBuilder();
        Produced<byte[], byte[]> bytes = Produced.with(Serdes.ByteArray(), Serdes.ByteArray());
        KStream<byte[], byte[]> in = builder.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()));
        KStream<byte[], byte[]> enriched = in.mapValues(v -> outputs.enriched());
        enriched.to(out.enriched(), bytes);
        if (outputs.irActivity()) {
            enriched.to(out.irActivities(), bytes);
        }
        in.flatMap((k, v) -> outputs.mentions()).to(out.entityMentions(), bytes);
        return builder.build();
    }

    /** Bytes the broker holds for {@code topics} (log segments, after compression), and per input record. */
    private static String describeBytes(String bootstrap, List<String> topics, int records) throws Exception {
        try (Admin admin = Admin.create(KafkaSettings.admin(bootstrap))) {
            List<Integer> brokers =
                    admin.describeCluster().nodes().get().stream().map(Node::id).toList();
            long total = 0;
            for (Map<String, LogDirDescription> dirs :
                    admin.describeLogDirs(brokers).allDescriptions().get().values()) {
                for (LogDirDescription dir : dirs.values()) {
                    for (Map.Entry<TopicPartition, ReplicaInfo> replica :
                            dir.replicaInfos().entrySet()) {
                        if (topics.contains(replica.getKey().topic())) {
                            total += replica.getValue().size();
                        }
                    }
                }
            }
            return String.format("%,d bytes (%,d per input record)", total, total / records);
        }
    }

    private static double timeTopology(
            Topology topology,
            String bootstrap,
            String applicationId,
            Path state,
            String output,
            int expected,
            long commitIntervalMs)
            throws Exception {
        EnrichConfig config = new EnrichConfig(
                bootstrap, applicationId, Topics.defaults(), state.resolve(applicationId), 1, commitIntervalMs);
        Properties consumerProps = KafkaSettings.consumer(bootstrap, applicationId + "-counter", "pilu-bench-counter");
        try (KafkaConsumer<byte[], byte[]> counter =
                        new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                KafkaStreams streams = new KafkaStreams(topology, config.streamsProperties())) {
            counter.subscribe(List.of(output));
            long started = System.nanoTime();
            streams.start();
            long deadline = started + Duration.ofMinutes(10).toNanos();
            long seen = 0;
            // Counted by a read_committed consumer: a record counts once its transaction has committed.
            while (seen < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "topology finished only " + seen + " of " + expected + " records in 10 minutes");
                }
                if (streams.state() == KafkaStreams.State.ERROR) {
                    throw new IllegalStateException("topology failed after " + seen + " records");
                }
                seen += counter.poll(Duration.ofMillis(100)).count();
            }
            return expected / ((System.nanoTime() - started) / 1e9);
        }
    }

    private static void produce(String bootstrap, String topic, int records, String text) {
        Properties p = KafkaSettings.producer(bootstrap, "pilu-bench-producer");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                String id = "bench-" + i;
                producer.send(new ProducerRecord<>(
                        topic,
                        id.getBytes(StandardCharsets.UTF_8),
                        JsonSerde.raw().toBytes(raw(id, text))));
            }
            producer.flush();
        }
    }

    private static RawAnnouncement raw(String id, String text) {
        return new RawAnnouncement(
                RawAnnouncement.SCHEMA_VERSION,
                id,
                "bse",
                "BSE",
                "839493",
                "并行科技",
                "[临时公告]并行科技:投资者关系活动记录表",
                List.of("9504"),
                LocalDate.of(2024, 6, 18),
                "https://www.bse.cn/disclosure/2024/2024-06-18/" + id + ".pdf",
                "pdf",
                "0".repeat(64),
                (long) text.length(),
                4,
                text,
                RawAnnouncement.ExtractionStatus.OK,
                null,
                Instant.now());
    }

    private static String sample() throws IOException {
        try (InputStream in = ExtractionBenchmark.class.getResourceAsStream(ExtractionBenchmark.SAMPLE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + ExtractionBenchmark.SAMPLE_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
