package io.pilu.analytics.bench;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pilu.analytics.AnalyticsService;
import io.pilu.analytics.topology.AnalyticsConfig;
import io.pilu.analytics.topology.InstitutionNames;
import io.pilu.analytics.topology.Side;
import io.pilu.model.DocumentClass;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.EntityType;
import io.pilu.model.IrActivity;
import io.pilu.model.JsonSerde;
import io.pilu.model.RawAnnouncement;
import io.pilu.model.Topics;
import io.pilu.service.KafkaSettings;
import io.pilu.service.Metrics;
import io.pilu.service.TopicProvisioner;
import java.io.PrintStream;
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
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * {@code pilu bench analytics}: on a real broker, visits/s through the analytics aggregation (exactly-once) beside
 * a pass-through topology over the same records; then company-lookup and 90-day-ranking latency (over HTTP, as a
 * client sees it) at growing sizes; then the time to restore every store from its changelog.
 *
 * <p>Data: A-share scale rather than BSE's (BSE has ~270 companies): 3,000 companies, 3,000 institutions, 10
 * participants per IR record, activity dates uniform over 2023-01-01..2025-12-31 (so a 90-day window holds ~8% of
 * the visits), one in ten dates month-only.
 */
public final class AnalyticsBenchmark {

    static final int COMPANIES = 3000;
    static final int INSTITUTIONS = 3000;
    static final int PER_RECORD = 10;
    static final LocalDate FIRST_DAY = LocalDate.of(2023, 1, 1);
    static final int DAYS = 1095;
    static final LocalDate AS_OF = FIRST_DAY.plusDays(DAYS - 1L);

    private final String bootstrap;
    private final PrintStream out;
    private final Random random = new Random(42);
    private final HttpClient http = HttpClient.newHttpClient();
    private final String prefix = "bench-analytics-" + System.currentTimeMillis() + ".";
    private final Topics topics = Topics.withPrefix(prefix);
    private final Path stateRoot;
    private final String applicationId = prefix + "app";
    private int produced;

    private AnalyticsBenchmark(String bootstrap, PrintStream out) throws java.io.IOException {
        this.bootstrap = bootstrap;
        this.out = out;
        this.stateRoot = Files.createTempDirectory("pilu-bench-analytics");
    }

    /** Runs every measurement; {@code sizes} are cumulative visit counts, e.g. 10000, 100000, 1000000. */
    public static void run(
            String bootstrap, List<Integer> sizes, int passThroughVisits, int lookups, int rankings, PrintStream out)
            throws Exception {
        new AnalyticsBenchmark(bootstrap, out).run(sizes, passThroughVisits, lookups, rankings);
    }

    private void run(List<Integer> sizes, int passThroughVisits, int lookups, int rankings) throws Exception {
        TopicProvisioner.ensure(bootstrap, topics, (short) 1);
        out.printf(
                "bench analytics: broker %s, %d CPUs visible (shared with whatever else runs here), input %s (%d partitions)%n",
                bootstrap, Runtime.getRuntime().availableProcessors(), topics.irActivities(), Topics.DATA_PARTITIONS);
        out.printf(
                "data: %d companies, %d institutions, %d visits per record, dates %s..%s (10%% month-only)%n",
                COMPANIES, INSTITUTIONS, PER_RECORD, FIRST_DAY, AS_OF);

        passThrough(passThroughVisits);

        PrometheusMeterRegistry registry = Metrics.newRegistry("analytics");
        AnalyticsService service = start(registry, stateRoot.resolve("run"));
        List<String> rows = new ArrayList<>();
        try {
            int visits = 0;
            for (int target : sizes) {
                int add = target - visits;
                long t0 = System.nanoTime();
                produce(add / PER_RECORD);
                double produceSeconds = (System.nanoTime() - t0) / 1e9;
                visits = target;
                int expected = visits;
                waitFor(
                        () -> service.metrics().publishedCount() >= expected
                                && service.metrics().aggregatedCount(Side.COMPANY) >= expected
                                && service.metrics().aggregatedCount(Side.INSTITUTION) >= expected,
                        Duration.ofHours(1));
                double seconds = (System.nanoTime() - t0) / 1e9;
                Thread.sleep(1000); // let the last transaction commit before querying
                out.printf(
                        "aggregation: +%,d visits (produced in %.1f s) aggregated in %.1f s = %,.0f visits/s (exactly-once)%n",
                        add, produceSeconds, seconds, add / seconds);
                Histogram lookup = lookups(service.apiUrl(), lookups);
                Histogram ranking = rankings(service.apiUrl(), rankings);
                rows.add(String.format(
                        "%,10d visits   lookup p50 %6.2f ms  p99 %6.2f ms   90d ranking p50 %7.1f ms  p99 %7.1f ms   (%d lookups, %d rankings)",
                        visits, ms(lookup, 50), ms(lookup, 99), ms(ranking, 50), ms(ranking, 99), lookups, rankings));
                out.println("queries: " + rows.get(rows.size() - 1).strip());
            }
        } finally {
            service.close();
        }

        // restore: a new instance with an empty state directory rebuilds every store from the changelogs
        PrometheusMeterRegistry restoreRegistry = Metrics.newRegistry("analytics");
        long t0 = System.nanoTime();
        AnalyticsService restored = start(restoreRegistry, stateRoot.resolve("restore"));
        try {
            waitFor(
                    () -> restored.state() == KafkaStreams.State.RUNNING && answers(restored.apiUrl()),
                    Duration.ofHours(1));
            double seconds = (System.nanoTime() - t0) / 1e9;
            double records = restoreRegistry
                    .get("pilu.analytics.restore.records")
                    .counter()
                    .count();
            out.printf(
                    "restore: %,d visits' stores (%,.0f changelog records) restored and queryable in %.1f s (%,.0f records/s)%n",
                    sizes.get(sizes.size() - 1), records, seconds, records / seconds);
        } finally {
            restored.close();
        }
        out.println();
        out.println("summary (query latency measured over HTTP on this host):");
        rows.forEach(out::println);
    }

    private AnalyticsService start(PrometheusMeterRegistry registry, Path stateDir) {
        AnalyticsConfig config = new AnalyticsConfig(
                bootstrap,
                applicationId,
                topics,
                stateDir,
                1,
                AnalyticsConfig.DEFAULT_COMMIT_INTERVAL_MS,
                0,
                "localhost:0");
        return AnalyticsService.start(config, InstitutionNames.loadDefault(), registry, -1);
    }

    /** Pass-through of the same kind of records on the same broker: read, write, exactly-once, no state. */
    private void passThrough(int visits) throws Exception {
        String input = prefix + "passthrough-in";
        String output = prefix + "passthrough-out";
        TopicProvisioner.ensure(
                bootstrap,
                List.of(
                        new Topics.TopicSpec(input, Topics.DATA_PARTITIONS, false),
                        new Topics.TopicSpec(output, Topics.DATA_PARTITIONS, false)),
                (short) 1);
        int records = visits / PER_RECORD;
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            awaitLeaders(producer, input);
            for (int i = 0; i < records; i++) {
                EnrichedAnnouncement e = record("pt-" + i);
                producer.send(new ProducerRecord<>(
                        input,
                        e.id().getBytes(StandardCharsets.UTF_8),
                        JsonSerde.enriched().toBytes(e)));
            }
        }
        AtomicLong seen = new AtomicLong();
        StreamsBuilder b = new StreamsBuilder();
        b.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .peek((k, v) -> seen.incrementAndGet())
                .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, prefix + "passthrough");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, AnalyticsConfig.DEFAULT_COMMIT_INTERVAL_MS);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateRoot.resolve("passthrough").toString());
        p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        try (KafkaStreams streams = new KafkaStreams(b.build(), p)) {
            streams.start();
            waitFor(() -> seen.get() > 0, Duration.ofMinutes(5));
            long t0 = System.nanoTime();
            long start = seen.get();
            waitFor(() -> seen.get() >= records, Duration.ofHours(1));
            double seconds = (System.nanoTime() - t0) / 1e9;
            out.printf(
                    "pass-through: %,d records (%,d visits) in %.1f s = %,.0f visits/s (exactly-once, same broker, same records)%n",
                    records - start, (records - start) * PER_RECORD, seconds, (records - start) * PER_RECORD / seconds);
        }
    }

    private void produce(int records) throws InterruptedException {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            awaitLeaders(producer, topics.irActivities());
            for (int i = 0; i < records; i++) {
                EnrichedAnnouncement e = record("ir-" + produced++);
                producer.send(new ProducerRecord<>(
                        topics.irActivities(),
                        e.id().getBytes(StandardCharsets.UTF_8),
                        JsonSerde.enriched().toBytes(e)));
            }
        }
    }

    /**
     * Waits until every partition of a just-created topic has a leader: a first batch refused with
     * NOT_LEADER_OR_FOLLOWER can leave an idempotent producer retrying OUT_OF_ORDER_SEQUENCE_NUMBER for good.
     */
    private static void awaitLeaders(KafkaProducer<byte[], byte[]> producer, String topic) throws InterruptedException {
        waitFor(
                () -> {
                    var partitions = producer.partitionsFor(topic);
                    return !partitions.isEmpty()
                            && partitions.stream()
                                    .allMatch(p ->
                                            p.leader() != null && !p.leader().isEmpty());
                },
                Duration.ofMinutes(1));
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties p = KafkaSettings.producer(bootstrap, "bench-analytics");
        p.put("batch.size", 256 * 1024);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** An IR record with {@link #PER_RECORD} distinct institutions. */
    private EnrichedAnnouncement record(String id) {
        String code = String.valueOf(800000 + random.nextInt(COMPANIES));
        LocalDate day = FIRST_DAY.plusDays(random.nextInt(DAYS));
        String date = random.nextInt(10) == 0 ? day.toString().substring(0, 7) : day.toString();
        List<IrActivity.Participant> participants = new ArrayList<>(PER_RECORD);
        java.util.Set<Integer> picked = new java.util.HashSet<>();
        while (participants.size() < PER_RECORD) {
            int n = random.nextInt(INSTITUTIONS);
            if (picked.add(n)) {
                participants.add(new IrActivity.Participant(
                        institution(n), institution(n), EntityType.PRIVATE_FUND, List.of("研究员" + participants.size())));
            }
        }
        RawAnnouncement raw = new RawAnnouncement(
                RawAnnouncement.SCHEMA_VERSION,
                id,
                "bse",
                "BSE",
                code,
                "公司" + code,
                // numbered: two records of one company on one day are distinct filings, not one (FilingIdentity)
                "[临时公告]公司" + code + ":投资者关系活动记录表（" + id + "）",
                List.of("9504"),
                day.plusDays(2),
                "https://www.bse.cn/disclosure/" + id + ".pdf",
                "pdf",
                null,
                null,
                null,
                null,
                RawAnnouncement.ExtractionStatus.OK,
                null,
                Instant.parse("2025-01-01T00:00:00Z"));
        IrActivity activity = new IrActivity(
                IrActivity.Layout.BSE,
                List.of("特定对象调研"),
                null,
                date,
                "公司会议室",
                participants,
                PER_RECORD,
                null,
                List.of(new IrActivity.Receptionist("董秘", "董事会秘书")),
                List.of(),
                List.of(),
                List.of());
        return new EnrichedAnnouncement(
                EnrichedAnnouncement.SCHEMA_VERSION,
                id,
                raw,
                DocumentClass.IR_ACTIVITY_RECORD,
                activity,
                List.of(),
                List.of(),
                1,
                Instant.parse("2025-01-01T00:00:01Z"));
    }

    static String institution(int n) {
        return String.format("北辰%04d投资", n);
    }

    private Histogram lookups(String api, int n) throws Exception {
        Histogram h = new Histogram(Duration.ofMinutes(1).toNanos(), 3);
        for (int i = 0; i < n + n / 10; i++) {
            String code = String.valueOf(800000 + random.nextInt(COMPANIES));
            long t0 = System.nanoTime();
            get(api + "/api/companies/" + code + "/visitors");
            if (i >= n / 10) { // the first tenth warms up
                h.recordValue(System.nanoTime() - t0);
            }
        }
        return h;
    }

    private Histogram rankings(String api, int n) throws Exception {
        Histogram h = new Histogram(Duration.ofMinutes(5).toNanos(), 3);
        for (int i = 0; i < n + Math.max(1, n / 10); i++) {
            LocalDate asOf = AS_OF.minusDays(random.nextInt(365));
            long t0 = System.nanoTime();
            get(api + "/api/rankings/institutions?window=90d&limit=20&asOf=" + asOf);
            if (i >= Math.max(1, n / 10)) {
                h.recordValue(System.nanoTime() - t0);
            }
        }
        return h;
    }

    private boolean answers(String api) {
        try {
            get(api + "/api/companies/800000/visitors");
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private String get(String url) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e6;
    }

    private static void waitFor(BooleanSupplier condition, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("benchmark condition not reached within " + max);
            }
            Thread.sleep(50);
        }
    }
}
