package io.pilu.app.bench;

import io.pilu.enrich.bench.ExtractionBenchmark;
import io.pilu.enrich.extract.AnnouncementEnricher;
import io.pilu.enrich.topology.EnrichConfig;
import io.pilu.enrich.topology.EnrichTopology;
import io.pilu.enrich.topology.EnrichMetrics;
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
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * {@code pilu bench enrich}: (1) extraction alone, docs/s on the seed-sized IR record; (2) the enrich topology on a
 * real broker with exactly-once, records/s, beside (3) a pass-through topology with the same configuration on the same
 * input. The ratio (2)/(3) says whether extraction is the bottleneck (target ≥ 50 %).
 */
public final class EnrichTopologyBenchmark {

    private EnrichTopologyBenchmark() {
    }

    /** Results of one run. */
    public record Result(double extractionDocsPerSecond, double enrichRecordsPerSecond,
                         double passThroughRecordsPerSecond) {
        double ratio() {
            return enrichRecordsPerSecond / passThroughRecordsPerSecond;
        }
    }

    public static Result run(String bootstrapServers, int records, int extractionSeconds, long commitIntervalMs)
            throws Exception {
        ExtractionBenchmark.Result extraction = ExtractionBenchmark.measure(Math.max(1, extractionSeconds / 2),
                extractionSeconds);
        System.out.println("extraction only:   " + extraction.describe());

        String run = "bench-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        Topics topics = Topics.withPrefix(run);
        TopicProvisioner.ensure(bootstrapServers, topics, (short) 1);
        String passThroughOut = run + "passthrough";
        TopicProvisioner.ensure(bootstrapServers,
                List.of(new Topics.TopicSpec(passThroughOut, Topics.DATA_PARTITIONS, false)), (short) 1);
        produce(bootstrapServers, topics.raw(), records);
        System.out.printf("input:             %d IR records (%d chars of text each) on %s%n", records,
                extraction.sampleChars(), topics.raw());

        Path state = Files.createTempDirectory("pilu-bench-streams");
        AnnouncementEnricher enricher = new AnnouncementEnricher();
        Topology enrich = EnrichTopology.topology(topics, enricher::enrich, Clock.systemUTC(),
                EnrichMetrics.discarding());
        double enrichRate = timeTopology(enrich, bootstrapServers, run + "enrich", state, topics.enriched(), records,
                commitIntervalMs);
        System.out.printf("enrich topology:   %,.0f records/s (exactly_once_v2, commit every %d ms)%n", enrichRate,
                commitIntervalMs);

        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.raw(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(passThroughOut, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        double passRate = timeTopology(builder.build(), bootstrapServers, run + "pass", state, passThroughOut, records,
                commitIntervalMs);
        System.out.printf("pass-through:      %,.0f records/s (same configuration)%n", passRate);
        Result result = new Result(extraction.docsPerSecond(), enrichRate, passRate);
        System.out.printf("ratio:             %.0f %% of pass-through (target >= 50 %%)%n", result.ratio() * 100);
        return result;
    }

    private static double timeTopology(Topology topology, String bootstrap, String applicationId, Path state,
                                       String output, int expected, long commitIntervalMs) throws Exception {
        EnrichConfig config = new EnrichConfig(bootstrap, applicationId, Topics.defaults(), state.resolve(applicationId),
                1, commitIntervalMs);
        Properties consumerProps = KafkaSettings.consumer(bootstrap, applicationId + "-counter", "pilu-bench-counter");
        try (KafkaConsumer<byte[], byte[]> counter = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
             KafkaStreams streams = new KafkaStreams(topology, config.streamsProperties())) {
            counter.subscribe(List.of(output));
            long started = System.nanoTime();
            streams.start();
            long deadline = started + Duration.ofMinutes(10).toNanos();
            long seen = 0;
            // Counted by a read_committed consumer: a record counts once its transaction has committed.
            while (seen < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topology finished only " + seen + " of " + expected
                            + " records in 10 minutes");
                }
                if (streams.state() == KafkaStreams.State.ERROR) {
                    throw new IllegalStateException("topology failed after " + seen + " records");
                }
                seen += counter.poll(Duration.ofMillis(100)).count();
            }
            return expected / ((System.nanoTime() - started) / 1e9);
        }
    }

    private static void produce(String bootstrap, String topic, int records) throws IOException {
        String text = sample();
        Properties p = KafkaSettings.producer(bootstrap, "pilu-bench-producer");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                String id = "bench-" + i;
                RawAnnouncement raw = new RawAnnouncement(RawAnnouncement.SCHEMA_VERSION, id, "BSE", "839493", "并行科技",
                        "[临时公告]并行科技:投资者关系活动记录表", List.of("9504"), LocalDate.of(2024, 6, 18),
                        "https://www.bse.cn/disclosure/2024/2024-06-18/" + id + ".pdf", "pdf", "0".repeat(64),
                        (long) text.length(), 4, text, RawAnnouncement.ExtractionStatus.OK, null, Instant.now());
                producer.send(new ProducerRecord<>(topic, id.getBytes(StandardCharsets.UTF_8),
                        JsonSerde.raw().toBytes(raw)));
            }
            producer.flush();
        }
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
