package io.pilu.sink.bench;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.JsonSerde;
import io.pilu.model.Topics;
import io.pilu.service.CpuTime;
import io.pilu.service.KafkaSettings;
import io.pilu.service.TopicProvisioner;
import io.pilu.sink.EnrichedDocumentConverter;
import io.pilu.sink.RetryPolicy;
import io.pilu.sink.SinkConfig;
import io.pilu.sink.SinkRunner;
import io.pilu.sink.es.BulkAction;
import io.pilu.sink.es.BulkItemResult;
import io.pilu.sink.es.BulkRequestBody;
import io.pilu.sink.es.ElasticsearchBulkClient;
import io.pilu.sink.es.ElasticsearchSettings;
import io.pilu.sink.es.IndexBootstrapper;
import io.pilu.sink.es.IndexTemplate;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.elasticsearch.client.Request;

/**
 * {@code pilu bench sink}: how close the sink gets to what Elasticsearch takes through {@code _bulk} directly.
 *
 * <ol>
 *   <li>produces N synthetic enriched announcements to a fresh topic (3 partitions);</li>
 *   <li>warm-up rounds (untimed, default {@value #DEFAULT_WARMUP_ROUNDS}): each a whole sink run and a whole raw run,
 *       so JIT, the node's caches and index creation are paid before anything is timed;</li>
 *   <li>timed rounds, alternating: sink (a {@link SinkRunner} on the topic, timed from the moment its consumer is in
 *       the group until all N are indexed) and raw (the same N documents, their NDJSON bodies built before the clock
 *       starts, sent straight to {@code _bulk} in batches of the sink's size with as many concurrent requests, no
 *       Kafka, no conversion);</li>
 * </ol>
 * and prints per round the wall-clock rate and the CPU both sides used (this JVM: the sink, or the raw sender; and the
 * node, when its pid is known), then the medians and the ratio sink/raw (target ≥ 90 %), by wall clock and by CPU.
 * The indices are deleted afterwards; the topics are left (prefixed {@code pilu-bench-}).
 */
public final class SinkBenchmark {

    /** Measured figures of one side of one round. */
    public record Run(double seconds, long jvmCpuNanos, long esCpuNanos) {
        /** Documents per CPU-second of this JVM plus the node (the node's alone when this JVM's is not known). */
        double docsPerCpuSecond(int docs) {
            long cpu = jvmCpuNanos + Math.max(0, esCpuNanos);
            return cpu <= 0 ? Double.NaN : docs / (cpu / 1e9);
        }
    }

    /** Medians over the timed rounds. */
    public record Result(
            int docs, long bytes, double sinkSeconds, double rawSeconds, double sinkPerCpu, double rawPerCpu) {
        public double sinkDocsPerSecond() {
            return docs / sinkSeconds;
        }

        public double rawDocsPerSecond() {
            return docs / rawSeconds;
        }

        public double ratio() {
            return sinkDocsPerSecond() / rawDocsPerSecond();
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "median of the timed rounds: docs=%d (%.1f MB of documents), batch=%d%n"
                            + "sink  (Kafka → sink → _bulk): %,.0f docs/s (%.2f s), %,.0f docs per CPU-second%n"
                            + "raw   (_bulk only):           %,.0f docs/s (%.2f s), %,.0f docs per CPU-second%n"
                            + "ratio sink/raw: %.1f %% by wall clock, %.1f %% by CPU (target ≥ 90 %%)",
                    docs,
                    bytes / 1e6,
                    SinkConfig.DEFAULT_BATCH_MAX_DOCS,
                    sinkDocsPerSecond(),
                    sinkSeconds,
                    sinkPerCpu,
                    rawDocsPerSecond(),
                    rawSeconds,
                    rawPerCpu,
                    ratio() * 100,
                    sinkPerCpu / rawPerCpu * 100);
        }
    }

    public static final int DEFAULT_ROUNDS = 3;
    public static final int DEFAULT_WARMUP_ROUNDS = 2;

    private SinkBenchmark() {}

    /** {@code SinkBenchmark <bootstrap-servers> <es-url> <N> [rounds] [warm-up rounds]}. */
    public static void main(String[] args) throws Exception {
        if (args.length < 3 || args.length > 5) {
            System.err.println("usage: SinkBenchmark <bootstrap-servers> <es-url> <documents> [rounds, default "
                    + DEFAULT_ROUNDS + "] [warm-up rounds, default " + DEFAULT_WARMUP_ROUNDS + "]");
            System.exit(2);
        }
        run(
                args[0],
                args[1],
                -1,
                Integer.parseInt(args[2]),
                args.length >= 4 ? Integer.parseInt(args[3]) : DEFAULT_ROUNDS,
                args.length == 5 ? Integer.parseInt(args[4]) : DEFAULT_WARMUP_ROUNDS,
                System.out);
    }

    public static Result run(String bootstrapServers, String esUrl, int n, PrintStream out) throws Exception {
        return run(bootstrapServers, esUrl, -1, n, DEFAULT_ROUNDS, DEFAULT_WARMUP_ROUNDS, out);
    }

    /** With the sink's default refresh interval on both sides. */
    public static Result run(
            String bootstrapServers, String esUrl, long esPid, int n, int rounds, int warmupRounds, PrintStream out)
            throws Exception {
        return run(
                bootstrapServers,
                esUrl,
                esPid,
                n,
                rounds,
                warmupRounds,
                Duration.ofMillis(SinkConfig.DEFAULT_REFRESH_INTERVAL_MS),
                IndexTemplate.DEFAULT_ANALYZER,
                out);
    }

    /**
     * {@code warmupRounds} untimed and {@code rounds} timed alternating sink and raw runs over the same documents;
     * the result holds the medians of the timed ones. {@code esPid} is the node's process id when it runs on this
     * machine (its CPU time is then counted), else -1. Both sides' indices refresh every {@code refreshInterval} and
     * analyse Chinese with {@code analyzer}.
     */
    public static Result run(
            String bootstrapServers,
            String esUrl,
            long esPid,
            int n,
            int rounds,
            int warmupRounds,
            Duration refreshInterval,
            IndexTemplate.ChineseAnalyzer analyzer,
            PrintStream out)
            throws Exception {
        if (n < 1 || rounds < 1 || warmupRounds < 0) {
            throw new IllegalArgumentException("documents and rounds must be >= 1, warm-up rounds >= 0");
        }
        String run = "pilu-bench-" + UUID.randomUUID().toString().substring(0, 8);
        Topics topics = Topics.withPrefix(run + ".");
        TopicProvisioner.ensure(
                bootstrapServers,
                topics.all().stream()
                        .filter(t ->
                                t.name().equals(topics.enriched()) || t.name().equals(topics.dlqSink()))
                        .toList(),
                (short) 1);

        Random random = new Random(42);
        List<EnrichedAnnouncement> docs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            docs.add(BenchmarkData.announcement(i, random));
        }
        out.printf(
                "producing %d documents to %s; both sides refresh every %s and analyse with %s%n",
                n, topics.enriched(), IndexTemplate.refreshInterval(refreshInterval), analyzer.configName());
        produce(bootstrapServers, topics.enriched(), docs);

        ElasticsearchSettings es = ElasticsearchSettings.of(esUrl);
        EnrichedDocumentConverter converter = new EnrichedDocumentConverter();
        // the baseline writes each document as a plain index of its filing, without the sink's merge of arrivals
        // (one mget per bulk request and conditional writes, see FilingMerger): sink / raw includes that cost
        List<BulkAction> actions = docs.stream()
                .map(converter::convert)
                .<BulkAction>map(a -> new BulkAction.Index(a.id(), a.version(), a.document()))
                .toList();
        long bytes = actions.stream()
                .mapToLong(a -> ((BulkAction.Index) a).source().length)
                .sum();
        List<byte[]> bodies = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < n; i += SinkConfig.DEFAULT_BATCH_MAX_DOCS) {
            List<BulkAction> batch = actions.subList(i, Math.min(n, i + SinkConfig.DEFAULT_BATCH_MAX_DOCS));
            bodies.add(BulkRequestBody.of(batch));
            counts.add(batch.size());
        }
        try (ElasticsearchBulkClient client = ElasticsearchBulkClient.create(es)) {
            IndexBootstrapper bootstrapper = new IndexBootstrapper(client.rest());
            // Alternating rounds, medians: on a shared machine one run of each says more about the neighbours'
            // load at that moment than about the sink. Warm-up rounds run the very same code, untimed.
            List<Run> sink = new ArrayList<>();
            List<Run> raw = new ArrayList<>();
            for (int r = 0; r < warmupRounds + rounds; r++) {
                boolean warmup = r < warmupRounds;
                String label = warmup ? "warm-up " + (r + 1) : "round " + (r - warmupRounds + 1);
                String sinkAlias = run + "-sink-" + r;
                Run s = sinkRun(
                        bootstrapServers, es, esPid, topics, sinkAlias, n, label, refreshInterval, analyzer, out);
                delete(client, sinkAlias);

                String rawAlias = run + "-raw-" + r;
                bootstrapper.prepare(IndexTemplate.RESOURCE, rawAlias, refreshInterval, analyzer);
                Run w = rawRun(client, rawAlias, bodies, counts, esPid);
                out.printf(
                        Locale.ROOT,
                        "%-10s raw:  %.2f s, %,6.0f docs/s, CPU %.2f s here + %.2f s node, %,.0f docs per CPU-second%n",
                        label,
                        w.seconds(),
                        n / w.seconds(),
                        w.jvmCpuNanos() / 1e9,
                        w.esCpuNanos() / 1e9,
                        w.docsPerCpuSecond(n));
                long size = storeBytesInOneSegment(client, rawAlias);
                out.printf(
                        Locale.ROOT,
                        "%-10s raw index on disk, merged to one segment: %.2f MB, %,.0f bytes per document%n",
                        "",
                        size / 1e6,
                        size / (double) n);
                delete(client, rawAlias);
                if (!warmup) {
                    sink.add(s);
                    raw.add(w);
                }
            }
            Result result = new Result(
                    n,
                    bytes,
                    median(sink.stream().mapToDouble(Run::seconds).toArray()),
                    median(raw.stream().mapToDouble(Run::seconds).toArray()),
                    median(sink.stream().mapToDouble(x -> x.docsPerCpuSecond(n)).toArray()),
                    median(raw.stream().mapToDouble(x -> x.docsPerCpuSecond(n)).toArray()));
            out.println(result);
            return result;
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    /**
     * The size on disk of the index behind {@code alias} ({@code _stats/store}) once merged to one segment (after the
     * timed part): the figure a mapping change moves, without the round's merge state in it.
     */
    private static long storeBytesInOneSegment(ElasticsearchBulkClient client, String alias)
            throws java.io.IOException {
        Request merge = new Request("POST", "/" + alias + "/_forcemerge");
        merge.addParameter("max_num_segments", "1");
        merge.addParameter("flush", "true");
        client.rest().performRequest(merge);
        var stats = io.pilu.model.Json.mapper()
                .readTree(client.rest()
                        .performRequest(new Request("GET", "/" + alias + "/_stats/store"))
                        .getEntity()
                        .getContent());
        return stats.at("/_all/primaries/store/size_in_bytes").asLong();
    }

    private static void delete(ElasticsearchBulkClient client, String alias) throws java.io.IOException {
        client.rest()
                .performRequest(new Request("DELETE", "/" + IndexTemplate.indexName(IndexTemplate.RESOURCE, alias)));
    }

    private static void produce(String bootstrapServers, String topic, List<EnrichedAnnouncement> docs) {
        Properties p = KafkaSettings.producer(bootstrapServers, "pilu-bench");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        JsonSerde<EnrichedAnnouncement> serde = JsonSerde.enriched();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (EnrichedAnnouncement e : docs) {
                producer.send(new ProducerRecord<>(topic, e.id().getBytes(StandardCharsets.UTF_8), serde.toBytes(e)));
            }
            producer.flush();
        }
    }

    private static Run sinkRun(
            String bootstrapServers,
            ElasticsearchSettings es,
            long esPid,
            Topics topics,
            String alias,
            int n,
            String label,
            Duration refreshInterval,
            IndexTemplate.ChineseAnalyzer analyzer,
            PrintStream out)
            throws Exception {
        SinkConfig config = new SinkConfig(
                bootstrapServers,
                topics.enriched(),
                topics.dlqSink(),
                alias + "-group",
                es,
                alias,
                SinkConfig.DEFAULT_BATCH_MAX_DOCS,
                SinkConfig.DEFAULT_BATCH_MAX_BYTES,
                Duration.ofMillis(SinkConfig.DEFAULT_LINGER_MS),
                SinkConfig.DEFAULT_MAX_IN_FLIGHT,
                RetryPolicy.defaults(),
                Duration.ofSeconds(30),
                refreshInterval,
                analyzer);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (SinkRunner sink = SinkRunner.start(config, registry)) {
            while (!sink.consuming()) {
                failIfStopped(sink);
                Thread.sleep(1);
            }
            long start = System.nanoTime();
            long jvm0 = CpuTime.processNanos();
            CpuTime.Snapshot threads0 = CpuTime.threads();
            long es0 = esPid < 0 ? -1 : CpuTime.processNanos(esPid);
            Counter indexed = registry.get("pilu.sink.docs.indexed").counter();
            while (indexed.count() < n) {
                failIfStopped(sink);
                Thread.sleep(2);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Run run =
                    new Run(seconds, CpuTime.processNanos() - jvm0, esPid < 0 ? -1 : CpuTime.processNanos(esPid) - es0);
            Map<String, Long> byThread =
                    CpuTime.threads().since(threads0, SinkBenchmark::sinkThread, SINK_THREADS, JVM);
            var latency = registry.get("pilu.sink.bulk.latency").timer();
            out.printf(
                    Locale.ROOT,
                    "%-10s sink: %.2f s, %,6.0f docs/s, CPU %.2f s here + %.2f s node, %,.0f docs per CPU-second; "
                            + "%d bulk requests, mean %.0f docs/request, mean latency %.0f ms%n",
                    label,
                    seconds,
                    n / seconds,
                    run.jvmCpuNanos() / 1e9,
                    run.esCpuNanos() / 1e9,
                    run.docsPerCpuSecond(n),
                    latency.count(),
                    registry.get("pilu.sink.batch.docs").summary().mean(),
                    latency.mean(java.util.concurrent.TimeUnit.MILLISECONDS));
            StringBuilder split = new StringBuilder();
            byThread.forEach((group, nanos) -> split.append(split.isEmpty() ? "" : ", ")
                    .append(group)
                    .append(String.format(Locale.ROOT, " %.2f s", nanos / 1e9)));
            out.printf("%-10s       CPU here by thread: %s%n", "", split);
            return run;
        }
    }

    private static final String JVM = "GC/JIT/ended threads";
    /** How {@code bench sink} splits the sink's CPU: by the threads' names (see SinkRunner, RestClientFactory). */
    private static final List<String> SINK_THREADS =
            List.of("consumer (fetch, decode, convert)", "bulk (merge, body)", "es client I/O", "kafka clients");

    private static java.util.Optional<String> sinkThread(String name) {
        if (name == null) {
            return java.util.Optional.empty();
        }
        if (name.startsWith("pilu-sink-consumer")) {
            return java.util.Optional.of(SINK_THREADS.get(0));
        }
        if (name.startsWith("pilu-sink-bulk")) {
            return java.util.Optional.of(SINK_THREADS.get(1));
        }
        if (name.startsWith("pilu-sink-es")) {
            return java.util.Optional.of(SINK_THREADS.get(2));
        }
        if (name.startsWith("kafka-")) {
            return java.util.Optional.of(SINK_THREADS.get(3));
        }
        return java.util.Optional.empty();
    }

    private static void failIfStopped(SinkRunner sink) {
        if (sink.failure() != null) {
            throw new IllegalStateException("sink failed during the benchmark", sink.failure());
        }
    }

    /**
     * The prepared bodies (batches of the sink's default size), as many concurrent requests as the sink's default
     * in-flight limit; timed from the first request to the last answer.
     */
    private static Run rawRun(
            ElasticsearchBulkClient client, String alias, List<byte[]> bodies, List<Integer> counts, long esPid)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(SinkConfig.DEFAULT_MAX_IN_FLIGHT);
        try {
            long start = System.nanoTime();
            long jvm0 = CpuTime.processNanos();
            long es0 = esPid < 0 ? -1 : CpuTime.processNanos(esPid);
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < SinkConfig.DEFAULT_MAX_IN_FLIGHT; w++) {
                workers.add(pool.submit(() -> {
                    for (int b; (b = next.getAndIncrement()) < bodies.size(); ) {
                        List<BulkItemResult> results = client.bulk(alias, bodies.get(b), counts.get(b));
                        if (results.stream().anyMatch(r -> r.outcome() != BulkItemResult.Outcome.INDEXED)) {
                            throw new IllegalStateException("raw bulk item not indexed: "
                                    + results.stream()
                                            .filter(r -> r.outcome() != BulkItemResult.Outcome.INDEXED)
                                            .findFirst()
                                            .orElseThrow());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
            return new Run(
                    (System.nanoTime() - start) / 1e9,
                    CpuTime.processNanos() - jvm0,
                    esPid < 0 ? -1 : CpuTime.processNanos(esPid) - es0);
        } finally {
            pool.shutdownNow();
        }
    }
}
