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
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
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
 *
 * <p>The machine is often shared, so wall-clock rates alone mislead: every timed run also reports the CPU time it
 * cost, of this JVM (the topology, its clients and the counting consumer) and of the broker when the bench started
 * it. One warm-up round of the three topologies (JIT, class loading, a first group join) is not counted; then
 * {@code rounds} rounds alternate the three topologies on the same input (A/B in one JVM, so drift hits all of
 * them alike) and the medians are reported. Each run writes to fresh output topics, deleted after the run.
 */
public final class EnrichTopologyBenchmark {

    private EnrichTopologyBenchmark() {}

    /** Medians over the counted rounds. */
    public record Result(
            double extractionDocsPerSecond,
            double extractionDocsPerCpuSecond,
            Timing enrich,
            Timing passThrough,
            Timing likeForLike) {
        double ratio() {
            return enrich.recordsPerSecond() / passThrough.recordsPerSecond();
        }

        double likeForLikeRatio() {
            return enrich.recordsPerSecond() / likeForLike.recordsPerSecond();
        }

        /** The like-for-like ratio in records per CPU-second of this JVM and the broker (NaN without the broker). */
        double likeForLikeCpuRatio() {
            return likeForLike.stackCpuSecondsPerRecord() / enrich.stackCpuSecondsPerRecord();
        }

        double likeForLikeJvmCpuRatio() {
            return likeForLike.jvmCpuSeconds() / enrich.jvmCpuSeconds();
        }
    }

    /**
     * One timed run (or the medians of several): records through, wall seconds, CPU seconds of this JVM and of the
     * broker process ({@code NaN} when the broker is not ours to observe).
     */
    public record Timing(long records, double seconds, double jvmCpuSeconds, double brokerCpuSeconds) {
        double recordsPerSecond() {
            return records / seconds;
        }

        double recordsPerJvmCpuSecond() {
            return records / jvmCpuSeconds;
        }

        double stackCpuSecondsPerRecord() {
            return (jvmCpuSeconds + brokerCpuSeconds) / records;
        }

        String describe() {
            return String.format(
                    "%,8.0f records/s  %,8.0f records per CPU-second of the bench JVM  "
                            + "CPU-s per 1,000 records: JVM %.2f + broker %s",
                    recordsPerSecond(),
                    recordsPerJvmCpuSecond(),
                    jvmCpuSeconds / records * 1000,
                    Double.isNaN(brokerCpuSeconds) ? "n/a" : String.format("%.2f", brokerCpuSeconds / records * 1000));
        }

        /** Field-wise medians (each figure its own median, so a slow round's wall time does not pick the CPU). */
        static Timing median(List<Timing> timings) {
            return new Timing(
                    timings.get(0).records(),
                    median(timings.stream().mapToDouble(Timing::seconds).toArray()),
                    median(timings.stream().mapToDouble(Timing::jvmCpuSeconds).toArray()),
                    median(timings.stream()
                            .mapToDouble(Timing::brokerCpuSeconds)
                            .toArray()));
        }

        private static double median(double[] values) {
            double[] v = values.clone();
            Arrays.sort(v);
            return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
    }

    /** The three topologies, in the order each round runs them. */
    private enum Kind {
        ENRICH("enrich topology"),
        LIKE("like-for-like"),
        PASS("pass-through");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /**
     * Runs the benchmark and prints its figures.
     *
     * @param brokerPid the broker's process id when the bench started it (its CPU time is reported), else null
     * @param threads    stream threads of every topology (as {@code pilu enrich --threads})
     * @param partitions partitions of the input and output topics (default {@link Topics#DATA_PARTITIONS})
     */
    public static Result run(
            String bootstrapServers,
            Long brokerPid,
            int records,
            int extractionSeconds,
            long commitIntervalMs,
            int rounds,
            int threads,
            int partitions)
            throws Exception {
        if (rounds < 1 || records < 1 || threads < 1 || partitions < 1) {
            throw new IllegalArgumentException("need records, rounds, threads and partitions >= 1");
        }
        ExtractionBenchmark.Result extraction =
                ExtractionBenchmark.measure(Math.max(1, extractionSeconds / 2), extractionSeconds);
        System.out.println("extraction only:   " + extraction.describe());

        String run = "bench-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        String input = run + Topics.RAW;
        String warmInput = run + "warmup." + Topics.RAW;
        int warmRecords = Math.max(500, records / 10);
        TopicProvisioner.ensure(
                bootstrapServers,
                List.of(
                        new Topics.TopicSpec(input, partitions, false),
                        new Topics.TopicSpec(warmInput, partitions, false)),
                (short) 1);
        String text = sample();
        produce(bootstrapServers, input, records, text);
        produce(bootstrapServers, warmInput, warmRecords, text);
        System.out.printf(
                "input:             %d IR records (%d chars of text each) on %s; warm-up round on %d others%n",
                records, extraction.sampleChars(), input, warmRecords);
        AnnouncementEnricher enricher = new AnnouncementEnricher();
        Outputs outputs = Outputs.of(enricher.enrich(raw("bench-0", text), Instant.now()));
        System.out.printf(
                "like-for-like:     per input the same %d records, %,d bytes, to the same topics as enrich%n",
                outputs.count(), outputs.bytes());
        System.out.printf(
                "configuration:     exactly_once_v2, commit every %d ms, %d stream thread(s), %d partitions, "
                        + "%d counted rounds alternating the three topologies%n",
                commitIntervalMs, threads, partitions, rounds);

        Path state = Files.createTempDirectory("pilu-bench-streams");
        Map<Kind, List<Timing>> timings = new EnumMap<>(Kind.class);
        Map<Kind, String> bytes = new EnumMap<>(Kind.class);
        for (int round = 0; round <= rounds; round++) {
            boolean warmUp = round == 0;
            StringBuilder line = new StringBuilder(warmUp ? "warm-up round:" : "round " + round + ":");
            for (Kind kind : Kind.values()) {
                String prefix = run + kind.name().toLowerCase(Locale.ROOT) + round + ".";
                Topics topics = outputsOf(prefix, warmUp ? warmInput : input);
                TopicProvisioner.ensure(bootstrapServers, topics.all(partitions), (short) 1);
                Topology topology = switch (kind) {
                    case ENRICH ->
                        EnrichTopology.topology(
                                topics, enricher::enrich, Clock.systemUTC(), EnrichMetrics.discarding());
                    case LIKE -> likeForLike(topics.raw(), topics, outputs);
                    case PASS -> passThrough(topics);
                };
                Timing t = timeTopology(
                        topology,
                        bootstrapServers,
                        brokerPid,
                        prefix + "app",
                        state,
                        topics.enriched(),
                        warmUp ? warmRecords : records,
                        commitIntervalMs,
                        threads);
                line.append(String.format("  %s %,.0f records/s", kind.label, t.recordsPerSecond()));
                if (!warmUp) {
                    timings.computeIfAbsent(kind, k -> new ArrayList<>()).add(t);
                    if (round == rounds && kind != Kind.PASS) {
                        bytes.put(kind, describeBytes(bootstrapServers, outputTopics(topics), records));
                    }
                }
                deleteOutputs(bootstrapServers, topics);
            }
            System.out.println(line);
        }

        Result result = new Result(
                extraction.docsPerSecond(),
                extraction.docsPerCpuSecond(),
                Timing.median(timings.get(Kind.ENRICH)),
                Timing.median(timings.get(Kind.PASS)),
                Timing.median(timings.get(Kind.LIKE)));
        System.out.printf("medians of %d rounds (%,d records each):%n", rounds, records);
        System.out.println("  enrich topology:  " + result.enrich().describe());
        System.out.println("    output on broker: " + bytes.get(Kind.ENRICH));
        System.out.println("  like-for-like:    " + result.likeForLike().describe());
        System.out.println("    output on broker: " + bytes.get(Kind.LIKE));
        System.out.println("  pass-through:     " + result.passThrough().describe() + " (one record per input)");
        System.out.printf(
                "ratio (wall clock): %.0f %% of like-for-like pass-through (target >= 50 %%); "
                        + "%.0f %% of one-record pass-through%n",
                result.likeForLikeRatio() * 100, result.ratio() * 100);
        System.out.printf(
                "ratio (CPU time):   %.0f %% of like-for-like in records per CPU-second of the bench JVM%s%n",
                result.likeForLikeJvmCpuRatio() * 100,
                brokerPid == null
                        ? " (broker not ours: its CPU is not counted)"
                        : String.format("; %.0f %% counting the broker's CPU too", result.likeForLikeCpuRatio() * 100));
        return result;
    }

    /** Topics for one run: {@code input} as the raw topic, every output fresh under {@code prefix}. */
    private static Topics outputsOf(String prefix, String input) {
        Topics p = Topics.withPrefix(prefix);
        return new Topics(
                input,
                p.enriched(),
                p.irActivities(),
                p.entityMentions(),
                p.crawlerState(),
                p.dlqEnrich(),
                p.dlqSink(),
                p.researchVisits(),
                p.companyCoverage(),
                p.institutionCoverage(),
                p.dlqAnalytics());
    }

    private static List<String> outputTopics(Topics topics) {
        return List.of(topics.enriched(), topics.irActivities(), topics.entityMentions());
    }

    /** Deletes what a run created (every topic of {@code topics} but the shared input), so disk use stays flat. */
    private static void deleteOutputs(String bootstrap, Topics topics) throws Exception {
        try (Admin admin = Admin.create(KafkaSettings.admin(bootstrap))) {
            List<String> names = topics.all().stream()
                    .map(Topics.TopicSpec::name)
                    .filter(n -> !n.equals(topics.raw()))
                    .toList();
            admin.deleteTopics(names).all().get();
        }
    }

    /** A pass-through that copies each input record to one topic (the enriched topic of {@code topics}). */
    private static Topology passThrough(Topics topics) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.raw(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(topics.enriched(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        return builder.build();
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

    private static Timing timeTopology(
            Topology topology,
            String bootstrap,
            Long brokerPid,
            String applicationId,
            Path state,
            String output,
            int expected,
            long commitIntervalMs,
            int threads)
            throws Exception {
        EnrichConfig config = new EnrichConfig(
                bootstrap, applicationId, Topics.defaults(), state.resolve(applicationId), threads, commitIntervalMs);
        Properties consumerProps = KafkaSettings.consumer(bootstrap, applicationId + "-counter", "pilu-bench-counter");
        try (KafkaConsumer<byte[], byte[]> counter =
                        new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                KafkaStreams streams = new KafkaStreams(topology, config.streamsProperties())) {
            counter.subscribe(List.of(output));
            long jvmCpuStart = jvmCpuNanos();
            long brokerCpuStart = cpuNanos(brokerPid);
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
            double seconds = (System.nanoTime() - started) / 1e9;
            double jvmCpu = (jvmCpuNanos() - jvmCpuStart) / 1e9;
            double brokerCpu = brokerPid == null ? Double.NaN : (cpuNanos(brokerPid) - brokerCpuStart) / 1e9;
            return new Timing(expected, seconds, jvmCpu, brokerCpu);
        }
    }

    /** CPU time of this JVM, all threads (topology, its clients, the counter, GC and JIT). */
    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU time of process {@code pid} as the OS reports it, 0 when there is none to observe. */
    private static long cpuNanos(Long pid) {
        if (pid == null) {
            return 0;
        }
        return ProcessHandle.of(pid)
                .flatMap(h -> h.info().totalCpuDuration())
                .map(Duration::toNanos)
                .orElseThrow(
                        () -> new IllegalStateException("cannot read the CPU time of the broker (pid " + pid + ")"));
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
