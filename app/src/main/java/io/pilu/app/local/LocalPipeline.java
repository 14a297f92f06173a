package io.pilu.app.local;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pilu.analytics.cli.AnalyticsCommand;
import io.pilu.enrich.cli.EnrichCommand;
import io.pilu.infra.ElasticsearchNode;
import io.pilu.infra.KafkaBroker;
import io.pilu.ingest.cli.CrawlCommand;
import io.pilu.model.Topics;
import io.pilu.service.Check;
import io.pilu.service.CommonOptions;
import io.pilu.service.Metrics;
import io.pilu.service.OpsServer;
import io.pilu.service.TopicProvisioner;
import io.pilu.sink.SinkConfig;
import io.pilu.sink.SinkIndex;
import io.pilu.sink.cli.SinkCommand;
import io.pilu.sink.es.EsConnection;
import io.pilu.web.WebConfig;
import io.pilu.web.WebServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The whole pipeline in one process tree: a real Kafka broker and a real Elasticsearch node as child JVMs (data under
 * {@code dataDir}, so a restart resumes), and crawl, enrich, sink and analytics running in this JVM as the very commands
 * {@code pilu crawl|enrich|sink|analytics} run, sharing one metrics registry behind one ops endpoint, and the web app
 * ({@code pilu web}) on 127.0.0.1.
 */
public final class LocalPipeline implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalPipeline.class);

    /**
     * What to start.
     *
     * @param dataDir      where the broker and the node keep their data
     * @param kafkaPort    Kafka listener port (0 = any free port)
     * @param esPort       Elasticsearch HTTP port (0 = any free port)
     * @param opsPort      the one ops endpoint's port (0 = any free port)
     * @param bseBaseUrl   where the crawler reads the exchange (the live site, or the offline simulator)
     * @param crawlArgs    extra arguments for the crawler (e.g. {@code --from 2024-01-01} for the offline samples)
     * @param services     which services to run in this JVM (none: only the broker and the node)
     * @param opsHost      the address the ops endpoint binds ({@code 127.0.0.1}: this machine only)
     * @param analyticsPort the analytics query API's port (0 = any free port)
     * @param webPort      the web app's port (0 = any free port); it binds 127.0.0.1 only
     */
    public record Options(Path dataDir, int kafkaPort, int esPort, int opsPort, String bseBaseUrl,
                          List<String> crawlArgs, Set<Service> services, String opsHost, int analyticsPort,
                          int webPort) {
        public Options {
            crawlArgs = crawlArgs == null ? List.of() : List.copyOf(crawlArgs);
            services = services == null ? Set.of() : Set.copyOf(services);
            opsHost = opsHost == null || opsHost.isBlank() ? "127.0.0.1" : opsHost;
        }

        /** Bound to 127.0.0.1, the analytics API and the web app on any free port. */
        public Options(Path dataDir, int kafkaPort, int esPort, int opsPort, String bseBaseUrl, List<String> crawlArgs,
                       Set<Service> services) {
            this(dataDir, kafkaPort, esPort, opsPort, bseBaseUrl, crawlArgs, services, null, 0, 0);
        }
    }

    /** The services {@code pilu local} can run. */
    public enum Service { CRAWL, ENRICH, SINK, ANALYTICS, WEB }

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final List<Thread> services = new ArrayList<>();
    private final Map<String, Throwable> failures = new ConcurrentHashMap<>();
    private final PrometheusMeterRegistry registry = Metrics.newRegistry("local");
    private KafkaBroker broker;
    private ElasticsearchNode elasticsearch;
    private OpsServer ops;
    private int analyticsPort = -1;
    private WebServer web;
    private volatile boolean stopping;

    private LocalPipeline() {
    }

    /** Starts everything, in order, and returns once the services are launched. */
    public static LocalPipeline start(Options options) {
        LocalPipeline pipeline = new LocalPipeline();
        try {
            pipeline.startAll(options);
            return pipeline;
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    private void startAll(Options o) {
        Path dir = o.dataDir().toAbsolutePath().normalize();
        broker = KafkaBroker.builder().dataDir(dir.resolve("kafka")).port(o.kafkaPort()).heap("512m").start();
        running.push(broker);
        elasticsearch = ElasticsearchNode.builder().dataDir(dir.resolve("elasticsearch")).port(o.esPort())
                .heap("512m").start();
        running.push(elasticsearch);
        TopicProvisioner.ensure(broker.bootstrapServers(), Topics.defaults(), (short) 1);
        List<String> kafka = List.of("--bootstrap-servers", broker.bootstrapServers());
        if (o.services().contains(Service.ENRICH)) {
            launch("enrich", new EnrichCommand(), concat(kafka,
                    List.of("--state-dir", dir.resolve("enrich-state").toString())));
        }
        if (o.services().contains(Service.ANALYTICS)) {
            analyticsPort = o.analyticsPort() == 0 ? freePort() : o.analyticsPort();
            launch("analytics", new AnalyticsCommand(), concat(kafka, List.of(
                    "--state-dir", dir.resolve("analytics-state").toString(),
                    "--api-port", Integer.toString(analyticsPort))));
        }
        if (o.services().contains(Service.SINK)) {
            launch("sink", new SinkCommand(), concat(kafka, List.of("--es-url", elasticsearch.httpUrl())));
        }
        if (o.services().contains(Service.WEB)) {
            // read-only pages over the index and the analytics API; 127.0.0.1 only: a local tool, not a site
            web = WebServer.start(new WebConfig(WebConfig.DEFAULT_HOST, o.webPort(), EsConnection.of(elasticsearch.httpUrl()),
                    SinkConfig.DEFAULT_INDEX_ALIAS, SinkIndex.DEFAULT_VISITS_ALIAS,
                    analyticsPort < 0 ? "http://localhost:" + AnalyticsCommand.DEFAULT_API_PORT : analyticsUrl()), registry);
            running.push(web);
        }
        if (o.services().contains(Service.CRAWL)) {
            launch("crawl", new CrawlCommand(), concat(kafka, concat(List.of("--base-url", o.bseBaseUrl(),
                    "--work-dir", dir.resolve("crawl-work").toString()), o.crawlArgs())));
        }
        ops = OpsServer.builder(registry).host(o.opsHost()).port(o.opsPort())
                .liveness(this::liveness)
                .readiness(this::readiness)
                .start();
        running.push(ops);
    }

    /** Alive while no service failed and no crawler poll runs past its deadline (the crawler's own liveness rule). */
    private Check liveness() {
        if (!failures.isEmpty()) {
            return Check.failing("failed: " + failures.keySet());
        }
        io.micrometer.core.instrument.Gauge running = registry.find("pilu.crawl.poll.running").gauge();
        io.micrometer.core.instrument.Gauge deadline = registry.find("pilu.crawl.poll.deadline").gauge();
        if (running != null && deadline != null && deadline.value() > 0 && running.value() > deadline.value()) {
            return Check.failing("crawler poll running for " + (long) running.value() + " s, past its deadline of "
                    + (long) deadline.value() + " s");
        }
        return Check.ok("all services running");
    }

    private Check readiness() {
        if (!broker.isAlive() || !elasticsearch.isAlive()) {
            return Check.failing("kafka alive=" + broker.isAlive() + ", elasticsearch alive=" + elasticsearch.isAlive());
        }
        return failures.isEmpty() ? Check.ok("kafka, elasticsearch and services up")
                : Check.failing("service failed: " + failures.keySet());
    }

    /**
     * Runs a service command in its own thread, exactly as its subcommand would run, except that it records into the
     * shared registry and serves no endpoint of its own.
     */
    private void launch(String name, Callable<Integer> command, List<String> args) {
        CommandLine cl = new CommandLine(command);
        ((CommonOptions) cl.getMixins().get("common")).shareRegistry(registry);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (stopping && e instanceof InterruptedException) {
                return 0; // interrupted by close(): a normal stop, not an error to print
            }
            throw e;
        });
        Thread t = new Thread(() -> {
            int code = cl.execute(args.toArray(String[]::new));
            if (code != 0 && !stopping) {
                failures.put(name, new IllegalStateException(name + " exited with code " + code));
                log.error("pilu local: {} stopped with exit code {}", name, code);
            }
        }, "pilu-local-" + name);
        t.setDaemon(true);
        t.start();
        services.add(t);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
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

    /** A port free now: analytics must know its API port before it starts (it announces it to its peers). */
    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot find a free port for the analytics API", e);
        }
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

    public PipelineStatus status() {
        return PipelineStatus.of(registry);
    }

    /** Services that stopped with an error, by name. */
    public Map<String, Throwable> failures() {
        return Map.copyOf(failures);
    }

    @Override
    public void close() {
        // Services first (they flush and commit), then the endpoint, the node and the broker.
        stopping = true;
        for (Thread t : services) {
            t.interrupt();
        }
        for (Thread t : services) {
            try {
                t.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                log.warn("pilu local: error while stopping: {}", e.toString());
            }
        }
    }
}
