package io.pilu.app.local;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pilu.analytics.AnalyticsService;
import io.pilu.analytics.cli.AnalyticsCommand;
import io.pilu.analytics.topology.InstitutionNames;
import io.pilu.enrich.cli.EnrichCommand;
import io.pilu.enrich.topology.EnrichConfig;
import io.pilu.enrich.topology.EnrichService;
import io.pilu.infra.ElasticsearchNode;
import io.pilu.infra.KafkaBroker;
import io.pilu.ingest.crawl.CrawlConfig;
import io.pilu.ingest.crawl.CrawlService;
import io.pilu.model.Topics;
import io.pilu.service.Check;
import io.pilu.service.Lifecycle;
import io.pilu.service.Lifecycle.Phase;
import io.pilu.service.Metrics;
import io.pilu.service.OpsServer;
import io.pilu.service.TopicProvisioner;
import io.pilu.sink.SinkConfig;
import io.pilu.sink.SinkIndex;
import io.pilu.sink.SinkRunner;
import io.pilu.sink.cli.SinkCommand;
import io.pilu.sink.es.ElasticsearchSettings;
import io.pilu.web.WebConfig;
import io.pilu.web.WebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The whole pipeline in one process tree: a real Kafka broker and a real Elasticsearch node as child JVMs (data under
 * {@code dataDir}, so a restart resumes), and the crawl, enrich, sink and analytics services and the web app in this
 * JVM — the very service objects {@code pilu crawl|enrich|sink|analytics|web} run — recording into one metrics
 * registry behind one ops endpoint. Everything
 * is added to one {@link Lifecycle}, which stops it in order: crawl, enrich, sink, other services, the endpoint, the
 * node, the broker.
 */
public final class LocalPipeline implements AutoCloseable {

    /**
     * What to start.
     *
     * @param dataDir   where the broker and the node keep their data
     * @param kafkaPort Kafka listener port (0 = any free port)
     * @param esPort    Elasticsearch HTTP port (0 = any free port)
     * @param opsPort   the one ops endpoint's port (0 = any free port)
     * @param opsHost   the address the ops endpoint binds (null: {@code 127.0.0.1}, this machine only)
     * @param crawls    one configuration per crawled source (bse, cninfo), each run as its own service
     *                  {@code crawl-<source>}; empty for no crawler (their Kafka and work directory are set here)
     * @param enrich    enrich's configuration, or null for none (its Kafka and state directory are set here)
     * @param sink      the sink's configuration, or null for none (its Kafka and Elasticsearch are set here)
     * @param visitsSink the research-visits sink's configuration, or null for none (Kafka and Elasticsearch set here)
     * @param analyticsPort the analytics query API's port (0 = any free port), or null for no analytics
     * @param webPort   the web app's port (0 = any free port; it binds 127.0.0.1 only), or null for no web app
     */
    public record Options(
            Path dataDir,
            int kafkaPort,
            int esPort,
            int opsPort,
            String opsHost,
            List<CrawlConfig> crawls,
            EnrichConfig enrich,
            SinkConfig sink,
            SinkConfig visitsSink,
            Integer analyticsPort,
            Integer webPort) {
        public Options {
            opsHost = opsHost == null || opsHost.isBlank() ? "127.0.0.1" : opsHost;
            crawls = crawls == null ? List.of() : List.copyOf(crawls);
        }

        /** Only the broker and the node. */
        public static Options infraOnly(Path dataDir, int kafkaPort, int esPort, int opsPort, String opsHost) {
            return new Options(dataDir, kafkaPort, esPort, opsPort, opsHost, List.of(), null, null, null, null, null);
        }

        /** Every service, the analytics API and the web app on any free port. */
        public static Options all(
                Path dataDir, int kafkaPort, int esPort, int opsPort, String opsHost, CrawlConfig... crawls) {
            return all(dataDir, kafkaPort, esPort, opsPort, opsHost, List.of(crawls), 0, 0);
        }

        /**
         * Every service: {@code crawls} as given, enrich, the sinks and analytics configured from the environment and
         * defaults, the analytics API and the web app on the ports given.
         */
        public static Options all(
                Path dataDir,
                int kafkaPort,
                int esPort,
                int opsPort,
                String opsHost,
                List<CrawlConfig> crawls,
                int analyticsPort,
                int webPort) {
            return new Options(
                    dataDir,
                    kafkaPort,
                    esPort,
                    opsPort,
                    opsHost,
                    crawls,
                    EnrichCommand.fromEnvironment(),
                    SinkCommand.fromEnvironment(),
                    SinkCommand.visitsFromEnvironment(),
                    analyticsPort,
                    webPort);
        }
    }

    /** Heap of the broker child JVM ({@code PILU_KAFKA_HEAP}). */
    public static final String DEFAULT_KAFKA_HEAP = "256m";
    /**
     * More JVM options of the broker ({@code PILU_KAFKA_JAVA_OPTS}, space-separated). The local broker carries little
     * and must leave the cores to enrich and Elasticsearch: the serial collector and C1 only (no C2 compilation)
     * halved its CPU in {@code pilu bench pipeline} (5.1-5.4 s -> 2.5 s per 4,000 records) and its RSS fell
     * (288-353 -> 258 MB) with a 256 MB heap.
     */
    public static final String DEFAULT_KAFKA_JAVA_OPTS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    /** Heap of the Elasticsearch node child JVM ({@code PILU_ES_HEAP}). */
    public static final String DEFAULT_ES_HEAP = "512m";
    /**
     * More JVM options of the node ({@code PILU_ES_JAVA_OPTS}, space-separated). The parallel collector instead of G1:
     * in {@code pilu bench pipeline} the node's RSS fell 538-570 -> 378 MB and its CPU per record with it (README,
     * performance); the node then turns off the real-memory circuit breaker, which needs G1.
     */
    public static final String DEFAULT_ES_JAVA_OPTS = "-XX:+UseParallelGC";

    private final Lifecycle lifecycle;
    /** Per running service: whether it failed (stopped by itself, not asked to). */
    private final Map<String, Supplier<Boolean>> failed = new LinkedHashMap<>();

    private final PrometheusMeterRegistry registry = Metrics.newRegistry("local");
    private KafkaBroker broker;
    private ElasticsearchNode elasticsearch;
    private final List<CrawlService> crawls = new java.util.ArrayList<>();
    private OpsServer ops;
    private int analyticsPort = -1;
    private WebServer web;

    private LocalPipeline(Lifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** Starts everything, in order, with a lifecycle of its own (closed by {@link #close()}). */
    public static LocalPipeline start(Options options) {
        return start(options, new Lifecycle("pilu-local"));
    }

    /**
     * Starts everything, in order, into {@code lifecycle} ({@code pilu local} installs its shutdown hook first, so
     * Ctrl-C during start-up also stops in order). On a failure what started is stopped and the error rethrown.
     */
    public static LocalPipeline start(Options options, Lifecycle lifecycle) {
        LocalPipeline pipeline = new LocalPipeline(lifecycle);
        try {
            pipeline.startAll(options);
            return pipeline;
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    /** The local broker's JVM as {@code PILU_KAFKA_HEAP} and {@code PILU_KAFKA_JAVA_OPTS} (or their defaults) say. */
    public static KafkaBroker.Builder brokerBuilder() {
        return KafkaBroker.builder()
                .heap(env("PILU_KAFKA_HEAP", DEFAULT_KAFKA_HEAP))
                .jvmOptions(options(env("PILU_KAFKA_JAVA_OPTS", DEFAULT_KAFKA_JAVA_OPTS)));
    }

    /** The local node's JVM as {@code PILU_ES_HEAP} and {@code PILU_ES_JAVA_OPTS} (or their defaults) say. */
    public static ElasticsearchNode.Builder nodeBuilder() {
        return ElasticsearchNode.builder()
                .heap(env("PILU_ES_HEAP", DEFAULT_ES_HEAP))
                .jvmOptions(options(env("PILU_ES_JAVA_OPTS", DEFAULT_ES_JAVA_OPTS)));
    }

    private void startAll(Options o) {
        Path dir = o.dataDir().toAbsolutePath().normalize();
        broker = lifecycle.add(
                Phase.BROKER,
                "kafka",
                brokerBuilder()
                        .dataDir(dir.resolve("kafka"))
                        .port(o.kafkaPort())
                        .start());
        elasticsearch = lifecycle.add(
                Phase.ELASTICSEARCH,
                "elasticsearch",
                nodeBuilder()
                        .dataDir(dir.resolve("elasticsearch"))
                        .port(o.esPort())
                        .start());
        String kafka = broker.bootstrapServers();
        TopicProvisioner.ensure(kafka, Topics.defaults(), (short) 1);
        if (o.enrich() != null) {
            EnrichService enrich = EnrichService.start(o.enrich().on(kafka, dir.resolve("enrich-state")), registry);
            run(Phase.ENRICH, "enrich", enrich, () -> !enrich.liveness().ok());
        }
        if (o.analyticsPort() != null) {
            analyticsPort = o.analyticsPort() == 0 ? freePort() : o.analyticsPort();
            AnalyticsService analytics = AnalyticsService.start(
                    AnalyticsCommand.fromEnvironment(kafka, dir.resolve("analytics-state"), analyticsPort),
                    InstitutionNames.loadDefault(),
                    registry,
                    -1);
            run(
                    Phase.SERVICE,
                    "analytics",
                    analytics,
                    () -> analytics.state() == KafkaStreams.State.ERROR
                            || analytics.state() == KafkaStreams.State.NOT_RUNNING);
        }
        if (o.sink() != null) {
            startSink("sink", o.sink().on(kafka, elasticsearch.httpUrl()), SinkIndex.ANNOUNCEMENTS);
        }
        if (o.visitsSink() != null) {
            startSink(
                    "sink-research-visits",
                    o.visitsSink().on(kafka, elasticsearch.httpUrl()),
                    SinkIndex.RESEARCH_VISITS);
        }
        if (o.webPort() != null) {
            // read-only pages over the index and the analytics API; 127.0.0.1 only: a local tool, not a site
            String visitsAlias = o.visitsSink() != null ? o.visitsSink().indexAlias() : SinkIndex.DEFAULT_VISITS_ALIAS;
            String announcementsAlias = o.sink() != null ? o.sink().indexAlias() : SinkConfig.DEFAULT_INDEX_ALIAS;
            web = run(
                    Phase.SERVICE,
                    "web",
                    WebServer.start(
                            new WebConfig(
                                    WebConfig.DEFAULT_HOST,
                                    o.webPort(),
                                    ElasticsearchSettings.of(elasticsearch.httpUrl()),
                                    announcementsAlias,
                                    visitsAlias,
                                    analyticsPort < 0
                                            ? "http://localhost:" + AnalyticsCommand.DEFAULT_API_PORT
                                            : analyticsUrl()),
                            registry),
                    () -> false);
        }
        for (CrawlConfig config : o.crawls()) {
            // one service per source, each with its own checkpoint key, transactional id and work subdirectory
            CrawlService c = CrawlService.start(config.on(kafka, dir.resolve("crawl-work")), registry);
            crawls.add(run(Phase.CRAWL, "crawl-" + c.source(), c, c::failed));
        }
        ops = lifecycle.add(
                Phase.OPS,
                "ops",
                OpsServer.builder(registry)
                        .host(o.opsHost())
                        .port(o.opsPort())
                        .liveness(this::liveness)
                        .readiness(this::readiness)
                        .start());
    }

    private void startSink(String name, SinkConfig config, SinkIndex index) {
        SinkRunner sink;
        try {
            sink = SinkRunner.start(config, registry, index);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + name + ": " + e.getMessage(), e);
        }
        run(Phase.SINK, name, sink, () -> sink.failure() != null);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v.strip();
    }

    private static java.util.List<String> options(String line) {
        return java.util.Arrays.asList(line.strip().split("\\s+"));
    }

    /** A port free now: analytics must know its API port before it starts (it announces it to its peers). */
    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port for the analytics API", e);
        }
    }

    /** Adds a started service: stopped in its phase, and named in {@link #failures()} while {@code failed} holds. */
    private <T extends AutoCloseable> T run(Phase phase, String name, T service, Supplier<Boolean> failed) {
        lifecycle.add(phase, name, service);
        this.failed.put(name, failed);
        return service;
    }

    /** Alive while no service failed and no crawler poll runs past its deadline (the crawler's own liveness rule). */
    private Check liveness() {
        Map<String, Throwable> failures = failures();
        if (!failures.isEmpty()) {
            return Check.failing("failed: " + failures.keySet());
        }
        for (CrawlService crawl : crawls) {
            if (!crawl.liveness().ok()) {
                return Check.failing(
                        "crawler " + crawl.source() + ": " + crawl.liveness().detail());
            }
        }
        return Check.ok("all services running");
    }

    private Check readiness() {
        if (!broker.isAlive() || !elasticsearch.isAlive()) {
            return Check.failing(
                    "kafka alive=" + broker.isAlive() + ", elasticsearch alive=" + elasticsearch.isAlive());
        }
        Map<String, Throwable> failures = failures();
        return failures.isEmpty()
                ? Check.ok("kafka, elasticsearch and services up")
                : Check.failing("service failed: " + failures.keySet());
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String elasticsearchUrl() {
        return elasticsearch.httpUrl();
    }

    public String opsUrl() {
        return ops.url();
    }

    /** The analytics query API, e.g. {@code http://localhost:9404}, or null when analytics does not run here. */
    public String analyticsUrl() {
        return analyticsPort < 0 ? null : "http://localhost:" + analyticsPort;
    }

    /** The web app, e.g. {@code http://127.0.0.1:9480}, or null when it does not run here. */
    public String webUrl() {
        return web == null ? null : web.url();
    }

    public KafkaBroker broker() {
        return broker;
    }

    public ElasticsearchNode elasticsearch() {
        return elasticsearch;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** What owns the stop of everything this started (and records the order it stopped them in). */
    public Lifecycle lifecycle() {
        return lifecycle;
    }

    public PipelineStatus status() {
        return PipelineStatus.of(registry);
    }

    /** Services that stopped by themselves (not asked to), by name; empty while stopping. */
    public Map<String, Throwable> failures() {
        if (lifecycle.stopping()) {
            return Map.of();
        }
        Map<String, Throwable> failures = new LinkedHashMap<>();
        failed.forEach((name, f) -> {
            if (f.get()) {
                failures.put(name, new IllegalStateException(name + " stopped"));
            }
        });
        return failures;
    }

    /** Stops everything in the lifecycle's order: crawl, enrich, sink, other services, ops, the node, the broker. */
    @Override
    public void close() {
        lifecycle.close();
    }
}
