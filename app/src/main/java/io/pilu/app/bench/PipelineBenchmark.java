package io.pilu.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilu.app.local.LocalPipeline;
import io.pilu.app.local.PipelineStatus;
import io.pilu.enrich.bench.ExtractionBenchmark;
import io.pilu.enrich.cli.EnrichCommand;
import io.pilu.model.Json;
import io.pilu.model.JsonSerde;
import io.pilu.model.RawAnnouncement;
import io.pilu.service.CpuTime;
import io.pilu.service.KafkaSettings;
import io.pilu.sink.cli.SinkCommand;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code pilu bench pipeline}: realistic IR announcements (text already extracted, as the crawler would publish them)
 * pushed through enrich and sink on the local stack (real broker, real Elasticsearch node, exactly-once enrich).
 *
 * <ol>
 *   <li>Throughput: N records produced at once; records/s for each stage, from the first record produced to the
 *       stage's last record done, and end to end to the last record searchable. Then, per stage, the CPU it used
 *       (its threads in this JVM, grouped by name: {@code pilu-bench-publish} and its producer for crawl → raw
 *       publish, {@code pilu-enrich*}, {@code pilu-sink*}; the broker and the node by process) and its capacity =
 *       records per CPU-second of that stage: what it would do on one core with nothing else busy. The lowest is the
 *       next bottleneck; the sum says what two cores can carry.</li>
 *   <li>Latency: records produced at a steady rate; for each, the time from being produced to being returned by an
 *       Elasticsearch search (polled every 50 ms, so figures include up to one poll interval and the index refresh).</li>
 *   <li>Memory: resident set size of this JVM, the broker and the node.</li>
 * </ol>
 */
public final class PipelineBenchmark {

    private static final String INDEX = "pilu-announcements";
    private static final Duration POLL = Duration.ofMillis(50);
    /** The thread that serialises and produces the raw records: the crawler's publishing half. */
    static final String PUBLISH_THREAD = "pilu-bench-publish";

    static final String PUBLISH = "crawl -> raw publish";
    static final String ENRICH = "enrich";
    static final String SINK = "sink";
    static final String BROKER = "kafka broker";
    static final String ELASTICSEARCH = "elasticsearch (index+refresh)";
    static final String JVM = "pilu JVM: GC, JIT";
    static final String OTHER = "other threads";

    private final LocalPipeline pipeline;
    private final String irText;
    private final HttpClient http = HttpClient.newHttpClient();
    private final KafkaProducer<byte[], byte[]> producer;

    private PipelineBenchmark(LocalPipeline pipeline, String irText) {
        this.pipeline = pipeline;
        this.irText = irText;
        this.producer = new KafkaProducer<>(
                KafkaSettings.producer(pipeline.bootstrapServers(), "pilu-bench-pipeline"),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    public static void run(int records, int rate, int latencySeconds, int warmupRecords) throws Exception {
        Path dir = Files.createTempDirectory("pilu-bench-pipeline");
        System.out.println("bench: starting the local stack (broker, node, enrich, sink) in " + dir + " ...");
        try (LocalPipeline pipeline = LocalPipeline.start(new LocalPipeline.Options(
                dir,
                0,
                0,
                0,
                null,
                null,
                EnrichCommand.fromEnvironment(),
                SinkCommand.fromEnvironment(),
                null,
                null,
                null))) {
            PipelineBenchmark bench = new PipelineBenchmark(pipeline, sample());
            try {
                bench.warmUp(Math.max(1, warmupRecords));
                bench.throughput(records);
                bench.latency(rate, latencySeconds);
                bench.memory();
            } finally {
                bench.producer.close();
            }
        }
    }

    private void warmUp(int records) throws Exception {
        // Until the sink has created its index and enrich is RUNNING, nothing measured would mean much; and until
        // every JVM of the stack has compiled its hot code, CPU figures would count the JIT's work as the stages'.
        PipelineStatus before = pipeline.status();
        inPublishThread(() -> send("warmup", records));
        awaitStage(s -> s.indexed() - before.indexed(), records, Duration.ofMinutes(10));
        System.out.println("bench: warm-up done (" + records + " records through every stage, untimed)");
    }

    private void throughput(int records) throws Exception {
        PipelineStatus before = pipeline.status();
        long searchableBefore = count();
        CpuTime.Snapshot threads0 = CpuTime.threads();
        long broker0 = CpuTime.processNanos(pipeline.broker().pid());
        long node0 = CpuTime.processNanos(pipeline.elasticsearch().pid());
        long start = System.nanoTime();
        inPublishThread(() -> send("tput", records));
        double produced = seconds(start);
        double enriched = awaitStage(s -> s.enriched() - before.enriched(), records, Duration.ofMinutes(20)) - start;
        double indexed = awaitStage(s -> s.indexed() - before.indexed(), records, Duration.ofMinutes(20)) - start;
        double searchable = awaitSearchable(searchableBefore + records, Duration.ofMinutes(5)) - start;
        Map<String, Long> cpu = CpuTime.threads().since(threads0, PipelineBenchmark::stageOf, STAGES, JVM);
        cpu.put(BROKER, CpuTime.processNanos(pipeline.broker().pid()) - broker0);
        cpu.put(ELASTICSEARCH, CpuTime.processNanos(pipeline.elasticsearch().pid()) - node0);
        System.out.printf("%nthroughput, %,d IR records (%,d chars of text each)%n", records, irText.length());
        System.out.printf("  produce  %,8.0f records/s%n", records / produced);
        System.out.printf(
                "  enrich   %,8.0f records/s   (exactly_once_v2; target >= 2,000)%n", records / (enriched / 1e9));
        System.out.printf(
                "  sink     %,8.0f records/s   (end to end: last record indexed)%n", records / (indexed / 1e9));
        System.out.printf(
                "  end to end %,6.0f records/s   (last record searchable; target >= 400)%n",
                records / (searchable / 1e9));
        System.out.println(stageTable(records, searchable / 1e9, cpu));
    }

    /** The stages in the order data flows through them. */
    static final List<String> STAGES = List.of(PUBLISH, ENRICH, SINK, OTHER);

    /** Which stage a thread of this JVM works for, by its name. */
    static java.util.Optional<String> stageOf(String thread) {
        if (thread == null) {
            return java.util.Optional.empty();
        }
        if (thread.startsWith(PUBLISH_THREAD) || thread.endsWith("| pilu-bench-pipeline")) {
            return java.util.Optional.of(PUBLISH);
        }
        if (thread.contains("pilu-enrich")) {
            return java.util.Optional.of(ENRICH);
        }
        if (thread.contains("pilu-sink")) {
            return java.util.Optional.of(SINK);
        }
        return java.util.Optional.empty();
    }

    /**
     * Per stage: CPU seconds, share of all the CPU the stack used, and capacity = records per CPU-second (what the
     * stage alone would do on one core); the broker and GC/JIT serve every stage and get no capacity of their own.
     */
    static String stageTable(int records, double wallSeconds, Map<String, Long> cpuNanos) {
        long total = cpuNanos.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "%n  per stage (CPU over the run: %.1f s in %.1f s wall = %.2f cores busy; %.0f records per CPU-second "
                        + "for the whole stack)%n",
                total / 1e9,
                wallSeconds,
                total / 1e9 / wallSeconds,
                records / (total / 1e9)));
        b.append(String.format(
                Locale.ROOT, "  %-30s %9s %7s %22s%n", "stage", "CPU s", "share", "capacity (records/CPU-s)"));
        cpuNanos.forEach((stage, nanos) -> {
            boolean own = !stage.equals(BROKER) && !stage.equals(JVM) && !stage.equals(OTHER);
            b.append(String.format(
                    Locale.ROOT,
                    "  %-30s %9.2f %6.1f%% %22s%n",
                    stage,
                    nanos / 1e9,
                    total == 0 ? 0.0 : 100.0 * nanos / total,
                    own && nanos > 0 ? String.format(Locale.ROOT, "%,.0f", records / (nanos / 1e9)) : "-"));
        });
        return b.toString();
    }

    private void inPublishThread(Runnable work) throws InterruptedException {
        Thread t = new Thread(work, PUBLISH_THREAD);
        t.start();
        t.join();
    }

    /** Waits until the index holds {@code target} documents a search can see; returns System.nanoTime() then. */
    private long awaitSearchable(long target, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + count() + " of " + target + " searchable in " + timeout);
            }
            Thread.sleep(20);
        }
        return System.nanoTime();
    }

    /** Documents a search sees now (no refresh forced). */
    private long count() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(pipeline.elasticsearchUrl() + "/" + INDEX + "/_count"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200
                ? Json.mapper().readTree(r.body()).path("count").asLong()
                : 0;
    }

    private void latency(int rate, int seconds) throws Exception {
        int total = rate * seconds;
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Histogram histogram = new Histogram(Duration.ofMinutes(5).toNanos(), 3);
        Thread poller = new Thread(() -> pollSearchable(sentAt, histogram, total), "bench-search-poller");
        CpuTime.Snapshot threads0 = CpuTime.threads();
        long broker0 = CpuTime.processNanos(pipeline.broker().pid());
        long node0 = CpuTime.processNanos(pipeline.elasticsearch().pid());
        long start = System.nanoTime();
        poller.start();
        long interval = 1_000_000_000L / rate;
        inPublishThread(() -> {
            long next = System.nanoTime();
            for (int i = 0; i < total; i++) {
                LockSupport.parkNanos(next - System.nanoTime());
                String id = "lat-" + i;
                sentAt.put(id, System.nanoTime());
                producer.send(record(id));
                next += interval;
            }
            producer.flush();
        });
        poller.join(Duration.ofMinutes(5).toMillis());
        poller.interrupt();
        Map<String, Long> cpu = CpuTime.threads().since(threads0, PipelineBenchmark::stageOf, STAGES, JVM);
        cpu.put(BROKER, CpuTime.processNanos(pipeline.broker().pid()) - broker0);
        cpu.put(ELASTICSEARCH, CpuTime.processNanos(pipeline.elasticsearch().pid()) - node0);
        System.out.printf(
                "%nlatency raw record -> searchable, %d records at %d records/s (%d not seen in time)%n",
                histogram.getTotalCount(), rate, total - histogram.getTotalCount());
        System.out.printf(
                "  p50 %,6d ms   p95 %,6d ms   p99 %,6d ms   max %,6d ms   (target p99 < 1,000 ms)%n",
                ms(histogram.getValueAtPercentile(50)),
                ms(histogram.getValueAtPercentile(95)),
                ms(histogram.getValueAtPercentile(99)),
                ms(histogram.getMaxValue()));
        System.out.println(stageTable(total, seconds(start), cpu)
                .replace("capacity (records/CPU-s)", "records/CPU-s at this rate"));
    }

    private void pollSearchable(Map<String, Long> sentAt, Histogram histogram, int total) {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        long seen = 0;
        while (seen < total
                && System.nanoTime() < deadline
                && !Thread.currentThread().isInterrupted()) {
            List<String> pending = new ArrayList<>(sentAt.keySet());
            if (!pending.isEmpty()) {
                try {
                    for (String id : searchIds(pending)) {
                        Long sent = sentAt.remove(id);
                        if (sent != null) {
                            histogram.recordValue(System.nanoTime() - sent);
                            seen++;
                        }
                    }
                } catch (IOException e) {
                    System.err.println("bench: search failed: " + e.getMessage());
                } catch (InterruptedException e) {
                    return;
                }
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    private List<String> searchIds(List<String> ids) throws IOException, InterruptedException {
        // documents are stored under their filing id; the raw ids are the filing's arrivals
        String body = Json.write(Map.of(
                "size",
                ids.size(),
                "_source",
                List.of("arrivals.id"),
                "query",
                Map.of("terms", Map.of("arrivals.id", ids))));
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(pipeline.elasticsearchUrl() + "/" + INDEX
                                + "/_search?filter_path=hits.hits._source.arrivals.id"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> found = new ArrayList<>();
        JsonNode hits = Json.mapper().readTree(r.body()).path("hits").path("hits");
        hits.forEach(h -> h.path("_source")
                .path("arrivals")
                .forEach(a -> found.add(a.path("id").asText())));
        return found;
    }

    private void memory() throws IOException {
        long self = rssKb(ProcessHandle.current().pid());
        long broker = rssKb(pipeline.broker().pid());
        long node = rssKb(pipeline.elasticsearch().pid());
        System.out.printf("%nresident memory of the local stack (target < 1.5 GB)%n");
        System.out.printf(
                "  pilu (crawl+enrich+sink JVM) %,7d MB%n  kafka broker                 %,7d MB%n"
                        + "  elasticsearch node           %,7d MB%n  total                        %,7d MB%n",
                self / 1024, broker / 1024, node / 1024, (self + broker + node) / 1024);
    }

    /** VmRSS from /proc (Linux), in kB. */
    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS for pid " + pid);
    }

    private void send(String prefix, int count) {
        for (int i = 0; i < count; i++) {
            producer.send(record(prefix + "-" + i));
        }
        producer.flush();
    }

    private ProducerRecord<byte[], byte[]> record(String id) {
        RawAnnouncement raw = new RawAnnouncement(
                RawAnnouncement.SCHEMA_VERSION,
                id,
                "bse",
                "BSE",
                "839493",
                "并行科技",
                // numbered: every record is a filing of its own (FilingIdentity), as in a day of many companies
                "[临时公告]并行科技:投资者关系活动记录表（" + id + "）",
                List.of("9504"),
                LocalDate.of(2024, 6, 18),
                "https://www.bse.cn/disclosure/2024/2024-06-18/" + id + ".pdf",
                "pdf",
                "0".repeat(64),
                (long) irText.length(),
                4,
                irText,
                RawAnnouncement.ExtractionStatus.OK,
                null,
                Instant.now());
        return new ProducerRecord<>(
                io.pilu.model.Topics.RAW,
                id.getBytes(StandardCharsets.UTF_8),
                JsonSerde.raw().toBytes(raw));
    }

    /** Waits until {@code progress} reaches {@code target}; returns System.nanoTime() at that moment. */
    private long awaitStage(ToLongFunction<PipelineStatus> progress, long target, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (progress.applyAsLong(pipeline.status()) < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("stage reached only " + progress.applyAsLong(pipeline.status()) + " of "
                        + target + " in " + timeout + "; failures: " + pipeline.failures());
            }
            Thread.sleep(10);
        }
        return System.nanoTime();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
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
