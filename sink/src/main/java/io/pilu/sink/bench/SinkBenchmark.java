package io.pilu.sink.bench;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.JsonSerde;
import io.pilu.model.Topics;
import io.pilu.service.KafkaSettings;
import io.pilu.service.TopicProvisioner;
import io.pilu.sink.EnrichedDocumentConverter;
import io.pilu.sink.RetryPolicy;
import io.pilu.sink.SinkConfig;
import io.pilu.sink.SinkRunner;
import io.pilu.sink.es.BulkAction;
import io.pilu.sink.es.BulkItemResult;
import io.pilu.sink.es.ElasticsearchBulkClient;
import io.pilu.sink.es.ElasticsearchSettings;
import io.pilu.sink.es.IndexBootstrapper;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 *   <li>warms Elasticsearch up with a throw-away raw bulk run, so neither measured run pays for JIT and index
 *       creation of the node;</li>
 *   <li>sink: starts a {@link SinkRunner} on the topic and measures from the moment its consumer is in the group
 *       (group join is a broker setting, not sink throughput) until all N are indexed;</li>
 *   <li>raw: sends the same N documents, already serialized, straight to {@code _bulk} in batches of the same size
 *       with the same number of concurrent requests, no Kafka, no conversion in the timed part;</li>
 * </ol>
 * repeated in alternating rounds (default 3), and prints the median rates and their ratio (target: sink ≥ 80 % of raw). The indices are deleted afterwards; the
 * topics are left (prefixed {@code pilu-bench-}).
 */
public final class SinkBenchmark {

    /** Measured figures of one run. */
    public record Result(int docs, long bytes, double sinkSeconds, double rawSeconds) {
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
                    "median of the rounds: docs=%d (%.1f MB of documents), batch=%d%n"
                            + "sink  (Kafka → sink → _bulk): %,.0f docs/s (%.2f s)%n"
                            + "raw   (_bulk only):           %,.0f docs/s (%.2f s)%n"
                            + "ratio sink/raw: %.1f %% (target ≥ 80 %%)",
                    docs,
                    bytes / 1e6,
                    SinkConfig.DEFAULT_BATCH_MAX_DOCS,
                    sinkDocsPerSecond(),
                    sinkSeconds,
                    rawDocsPerSecond(),
                    rawSeconds,
                    ratio() * 100);
        }
    }

    public static final int DEFAULT_ROUNDS = 3;

    private SinkBenchmark() {}

    /** {@code SinkBenchmark <bootstrap-servers> <es-url> <N> [rounds]}. */
    public static void main(String[] args) throws Exception {
        if (args.length != 3 && args.length != 4) {
            System.err.println("usage: SinkBenchmark <bootstrap-servers> <es-url> <documents> [rounds, default "
                    + DEFAULT_ROUNDS + "]");
            System.exit(2);
        }
        run(
                args[0],
                args[1],
                Integer.parseInt(args[2]),
                args.length == 4 ? Integer.parseInt(args[3]) : DEFAULT_ROUNDS,
                System.out);
    }

    public static Result run(String bootstrapServers, String esUrl, int n, PrintStream out) throws Exception {
        return run(bootstrapServers, esUrl, n, DEFAULT_ROUNDS, out);
    }

    /** {@code rounds} alternating sink and raw runs over the same documents; the result holds the median times. */
    public static Result run(String bootstrapServers, String esUrl, int n, int rounds, PrintStream out)
            throws Exception {
        if (n < 1 || rounds < 1) {
            throw new IllegalArgumentException("documents and rounds must be >= 1");
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
        out.printf("producing %d documents to %s%n", n, topics.enriched());
        produce(bootstrapServers, topics.enriched(), docs);

        ElasticsearchSettings es = ElasticsearchSettings.of(esUrl);
        EnrichedDocumentConverter converter = new EnrichedDocumentConverter();
        // the baseline writes each document as a plain index of its filing, without the sink's merge of arrivals
        // (one mget per bulk request and conditional writes, see FilingMerger): sink / raw includes that cost
        List<BulkAction> actions = docs.stream()
                .map(converter::convert)
                .<BulkAction>map(a -> new BulkAction.Index(a.id(), a.version(), a.document()))
                .toList();
        long bytes = actions.stream().mapToLong(BulkAction::estimatedBytes).sum();
        try (ElasticsearchBulkClient client = ElasticsearchBulkClient.create(es)) {
            IndexBootstrapper bootstrapper = new IndexBootstrapper(client.rest());
            String warmAlias = run + "-warmup";
            bootstrapper.prepare(warmAlias, warmAlias + "-v1");
            rawBulk(client, warmAlias, actions.subList(0, Math.min(n, 2_000)));
            delete(client, warmAlias);

            // Alternating rounds, medians: on a shared machine one run of each says more about the neighbours'
            // load at that moment than about the sink.
            double[] sink = new double[rounds];
            double[] raw = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                String sinkAlias = run + "-sink-" + r;
                sink[r] = sinkRun(bootstrapServers, es, topics, sinkAlias, n, out);
                delete(client, sinkAlias);

                String rawAlias = run + "-raw-" + r;
                bootstrapper.prepare(rawAlias, rawAlias + "-v1");
                long start = System.nanoTime();
                long requestNanos = rawBulk(client, rawAlias, actions);
                raw[r] = (System.nanoTime() - start) / 1e9;
                int requests = (n + SinkConfig.DEFAULT_BATCH_MAX_DOCS - 1) / SinkConfig.DEFAULT_BATCH_MAX_DOCS;
                out.printf(
                        Locale.ROOT,
                        "round %d raw:  %.2f s, %,.0f docs/s, %d bulk requests, mean latency %.0f ms%n",
                        r + 1,
                        raw[r],
                        n / raw[r],
                        requests,
                        requestNanos / 1e6 / requests);
                delete(client, rawAlias);
            }
            Result result = new Result(n, bytes, median(sink), median(raw));
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

    private static void delete(ElasticsearchBulkClient client, String alias) throws java.io.IOException {
        client.rest().performRequest(new Request("DELETE", "/" + alias + "-v1"));
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

    private static double sinkRun(
            String bootstrapServers, ElasticsearchSettings es, Topics topics, String alias, int n, PrintStream out)
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
                Duration.ofSeconds(30));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (SinkRunner sink = SinkRunner.start(config, registry)) {
            while (!sink.consuming()) {
                failIfStopped(sink);
                Thread.sleep(1);
            }
            long start = System.nanoTime();
            Counter indexed = registry.get("pilu.sink.docs.indexed").counter();
            while (indexed.count() < n) {
                failIfStopped(sink);
                Thread.sleep(2);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            var latency = registry.get("pilu.sink.bulk.latency").timer();
            out.printf(
                    Locale.ROOT,
                    "sink run: %.2f s, %,.0f docs/s, %d bulk requests, mean %.0f docs/request, mean latency %.0f ms%n",
                    seconds,
                    n / seconds,
                    latency.count(),
                    registry.get("pilu.sink.batch.docs").summary().mean(),
                    latency.mean(java.util.concurrent.TimeUnit.MILLISECONDS));
            return seconds;
        }
    }

    private static void failIfStopped(SinkRunner sink) {
        if (sink.failure() != null) {
            throw new IllegalStateException("sink failed during the benchmark", sink.failure());
        }
    }

    /** Batches of the sink's default size, as many concurrent requests as the sink's default in-flight limit. */
    private static long rawBulk(ElasticsearchBulkClient client, String alias, List<BulkAction> actions)
            throws Exception {
        int batch = SinkConfig.DEFAULT_BATCH_MAX_DOCS;
        List<List<BulkAction>> batches = new ArrayList<>();
        for (int i = 0; i < actions.size(); i += batch) {
            batches.add(actions.subList(i, Math.min(actions.size(), i + batch)));
        }
        AtomicInteger next = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong requestNanos = new java.util.concurrent.atomic.AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(SinkConfig.DEFAULT_MAX_IN_FLIGHT);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < SinkConfig.DEFAULT_MAX_IN_FLIGHT; w++) {
                workers.add(pool.submit(() -> {
                    for (int b; (b = next.getAndIncrement()) < batches.size(); ) {
                        long t0 = System.nanoTime();
                        List<BulkItemResult> results = client.bulk(alias, batches.get(b));
                        requestNanos.addAndGet(System.nanoTime() - t0);
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
            return requestNanos.get();
        } finally {
            pool.shutdownNow();
        }
    }
}
