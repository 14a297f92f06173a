package io.pilu.analytics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pilu.analytics.query.AnalyticsApi;
import io.pilu.analytics.query.QueryRouter;
import io.pilu.analytics.topology.AnalyticsConfig;
import io.pilu.analytics.topology.AnalyticsMetrics;
import io.pilu.analytics.topology.AnalyticsTopology;
import io.pilu.analytics.topology.InstitutionNames;
import io.pilu.analytics.topology.Side;
import io.pilu.service.Check;
import io.pilu.service.KafkaSettings;
import io.pilu.service.OpsServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the analytics: Kafka Streams, and one HTTP server on the API port with the queries ({@code /api/...}) and
 * the probes ({@code /metrics}, {@code /healthz}, {@code /readyz} — ready only while RUNNING, {@code /topology}).
 * I/O wiring only; the topology is {@link AnalyticsTopology}, the queries {@link AnalyticsApi}.
 */
public final class AnalyticsService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AnalyticsService.class);

    /** Every store, for the size gauges. */
    public static final List<String> STORES = List.of(
            AnalyticsTopology.ARRIVALS_STORE,
            AnalyticsTopology.FILINGS_STORE,
            Side.COMPANY.visitsStore(),
            Side.COMPANY.pairsStore(),
            Side.COMPANY.coverageStore(),
            Side.COMPANY.daysStore(),
            Side.INSTITUTION.visitsStore(),
            Side.INSTITUTION.pairsStore(),
            Side.INSTITUTION.coverageStore(),
            Side.INSTITUTION.daysStore());

    private final KafkaStreams streams;
    private final OpsServer api;
    private final OpsServer ops;
    private final KafkaStreamsMetrics streamsMetrics;
    private final AnalyticsMetrics metrics;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();

    private AnalyticsService(
            KafkaStreams streams,
            OpsServer api,
            OpsServer ops,
            KafkaStreamsMetrics streamsMetrics,
            AnalyticsMetrics metrics) {
        this.metrics = metrics;
        this.streams = streams;
        this.api = api;
        this.ops = ops;
        this.streamsMetrics = streamsMetrics;
    }

    /**
     * Starts the service. The API server binds first on the port of {@code config.applicationServer()} (0 = any
     * free port), so that the port it got is what {@code application.server} announces. {@code opsPort}: a separate
     * {@code /metrics /healthz /readyz} endpoint when it is neither negative nor the API port.
     */
    public static AnalyticsService start(
            AnalyticsConfig requested, InstitutionNames names, PrometheusMeterRegistry registry, int opsPort) {
        String advertisedHost = requested
                .applicationServer()
                .substring(0, requested.applicationServer().lastIndexOf(':'));
        int apiPort = Integer.parseInt(requested.applicationServer().substring(advertisedHost.length() + 1));
        AtomicReference<QueryRouter> router = new AtomicReference<>();
        AtomicReference<KafkaStreams> streamsRef = new AtomicReference<>();
        Clock clock = Clock.systemUTC();
        AnalyticsMetrics metrics = new AnalyticsMetrics(registry);
        Topology topology = AnalyticsTopology.topology(requested.topics(), names, clock, metrics);
        String description = topology.describe().toString();
        OpsServer.Builder apiBuilder = OpsServer.builder(registry)
                .port(apiPort)
                .threads(8)
                .handler("/api/", new AnalyticsApi(router::get, names, clock, registry))
                .route("/topology", () -> description);
        probes(apiBuilder, streamsRef);
        OpsServer api = apiBuilder.start();
        try {
            AnalyticsConfig config = requested.withApplicationServer(advertisedHost + ":" + api.port());
            int partitions = partitions(config);
            KafkaStreams streams = new KafkaStreams(topology, config.streamsProperties());
            streamsRef.set(streams);
            streams.setUncaughtExceptionHandler(e -> {
                log.error("stream thread failed; replacing it", e);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            streams.setStateListener((now, before) -> log.info("analytics state {} -> {}", before, now));
            RestoreProgress restore = new RestoreProgress(registry);
            streams.setGlobalStateRestoreListener(restore);
            registerGauges(registry, streams);
            KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
            streamsMetrics.bindTo(registry);
            OpsServer ops = null;
            if (opsPort >= 0 && opsPort != api.port()) {
                OpsServer.Builder b = OpsServer.builder(registry).port(opsPort).route("/topology", () -> description);
                probes(b, streamsRef);
                ops = b.start();
            }
            router.set(new QueryRouter(
                    streams,
                    new HostInfo(advertisedHost, api.port()),
                    config.applicationId(),
                    partitions,
                    Duration.ofSeconds(5)));
            AnalyticsService service = new AnalyticsService(streams, api, ops, streamsMetrics, metrics);
            streams.start();
            log.info(
                    "analytics started: application.id={} application.server={} input={} ({} partitions) "
                            + "outputs=[{}, {}, {}] standbys={} api={}",
                    config.applicationId(),
                    config.applicationServer(),
                    config.topics().irActivities(),
                    partitions,
                    config.topics().researchVisits(),
                    config.topics().companyCoverage(),
                    config.topics().institutionCoverage(),
                    config.standbyReplicas(),
                    api.url());
            return service;
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
    }

    private static void probes(OpsServer.Builder b, AtomicReference<KafkaStreams> streams) {
        b.liveness(() -> {
                    KafkaStreams s = streams.get();
                    if (s == null) {
                        return Check.ok("starting");
                    }
                    return s.state() == KafkaStreams.State.ERROR || s.state() == KafkaStreams.State.NOT_RUNNING
                            ? Check.failing(s.state().name())
                            : Check.ok(s.state().name());
                })
                .readiness(() -> {
                    KafkaStreams s = streams.get();
                    return s != null && s.state() == KafkaStreams.State.RUNNING
                            ? Check.ok("RUNNING")
                            : Check.failing(s == null ? "starting" : s.state().name());
                });
    }

    /** Partitions of the input topic, which the repartitioned stores share: what a gathered ranking must cover. */
    private static int partitions(AnalyticsConfig config) {
        try (Admin admin = Admin.create(KafkaSettings.admin(config.bootstrapServers()))) {
            return admin.describeTopics(List.of(config.topics().irActivities()))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(config.topics().irActivities())
                    .partitions()
                    .size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while reading " + config.topics().irActivities(), e);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot read the partitions of " + config.topics().irActivities() + " on "
                            + config.bootstrapServers() + ": " + e.getMessage(),
                    e);
        }
    }

    private static void registerGauges(PrometheusMeterRegistry registry, KafkaStreams streams) {
        Gauge.builder("pilu.analytics.running", streams, s -> s.state() == KafkaStreams.State.RUNNING ? 1 : 0)
                .description("1 while the analytics topology is RUNNING, else 0")
                .register(registry);
        for (KafkaStreams.State state : KafkaStreams.State.values()) {
            Gauge.builder("pilu.analytics.stream.state", streams, s -> s.state() == state ? 1 : 0)
                    .tag("state", state.name())
                    .description("1 for the Kafka Streams state the analytics is in")
                    .register(registry);
        }
        for (String store : STORES) {
            Gauge.builder("pilu.analytics.store.entries", streams, s -> entries(s, store))
                    .tag("store", store)
                    .description("approximate entries in this instance's active copies of the store (NaN while "
                            + "not queryable)")
                    .register(registry);
        }
    }

    private static double entries(KafkaStreams streams, String store) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return Double.NaN;
        }
        try {
            ReadOnlyKeyValueStore<Object, Object> s =
                    streams.store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore()));
            return s.approximateNumEntries();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Restore progress: records still to restore, records restored, partitions restoring. */
    private static final class RestoreProgress implements StateRestoreListener {
        private final Map<TopicPartition, long[]> active = new ConcurrentHashMap<>();
        private final Counter restored;

        RestoreProgress(PrometheusMeterRegistry registry) {
            restored = Counter.builder("pilu.analytics.restore.records")
                    .description("state store records restored from changelogs")
                    .register(registry);
            Gauge.builder(
                            "pilu.analytics.restore.remaining.records",
                            active,
                            a -> a.values().stream()
                                    .mapToLong(v -> Math.max(0, v[0] - v[1]))
                                    .sum())
                    .description("changelog records still to restore before the stores are queryable")
                    .register(registry);
            Gauge.builder("pilu.analytics.restore.partitions", active, Map::size)
                    .description("store partitions restoring now")
                    .register(registry);
        }

        @Override
        public void onRestoreStart(TopicPartition tp, String store, long start, long end) {
            active.put(tp, new long[] {end - start, 0});
            log.info("restoring {} from {} ({} records)", store, tp, end - start);
        }

        @Override
        public void onBatchRestored(TopicPartition tp, String store, long batchEnd, long n) {
            long[] v = active.get(tp);
            if (v != null) {
                v[1] += n;
            }
            restored.increment(n);
        }

        @Override
        public void onRestoreEnd(TopicPartition tp, String store, long total) {
            active.remove(tp);
            log.info("restored {} from {} ({} records)", store, tp, total);
        }

        @Override
        public void onRestoreSuspended(TopicPartition tp, String store, long total) {
            active.remove(tp);
        }
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The topology's meters (benchmarks read progress from them). */
    public AnalyticsMetrics metrics() {
        return metrics;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** The API's base URL, e.g. {@code http://localhost:9404}. */
    public String apiUrl() {
        return api.url();
    }

    public int apiPort() {
        return api.port();
    }

    /** Blocks until {@link #close()}. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        streams.close(Duration.ofSeconds(30));
        streamsMetrics.close();
        api.close();
        if (ops != null) {
            ops.close();
        }
        stopped.countDown();
        log.info("analytics stopped");
    }
}
