package io.pilu.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pilu.enrich.extract.AnnouncementEnricher;
import io.pilu.enrich.topology.EnrichConfig;
import io.pilu.enrich.topology.EnrichService;
import io.pilu.infra.ElasticsearchNode;
import io.pilu.infra.KafkaBroker;
import io.pilu.model.Topics;
import io.pilu.service.Check;
import io.pilu.service.Metrics;
import io.pilu.service.OpsServer;
import io.pilu.service.TopicProvisioner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pilu local}: the whole pipeline on one machine, on embedded defaults. Starts a real Kafka broker and a real
 * Elasticsearch node as child JVMs (data kept under {@code --data-dir}, so a restart resumes), creates the topics,
 * runs the services in this JVM, and serves one ops endpoint for all of them.
 */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Run the pipeline locally: embedded Kafka broker and Elasticsearch node, plus Pilu's services.")
public final class LocalCommand implements Callable<Integer> {

    @Option(names = "--data-dir", defaultValue = "${env:PILU_LOCAL_DIR:-.pilu/local}",
            description = "Where the broker and the node keep their data (env PILU_LOCAL_DIR, default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--kafka-port", defaultValue = "${env:PILU_LOCAL_KAFKA_PORT:-9092}",
            description = "Kafka listener port, 0 = any free port (env PILU_LOCAL_KAFKA_PORT, default ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--es-port", defaultValue = "${env:PILU_LOCAL_ES_PORT:-9200}",
            description = "Elasticsearch HTTP port, 0 = any free port (env PILU_LOCAL_ES_PORT, default ${DEFAULT-VALUE}).")
    int esPort;

    @Option(names = "--ops-port", defaultValue = "${env:PILU_OPS_PORT:-9400}",
            description = "Port of the one /metrics /healthz /readyz endpoint (env PILU_OPS_PORT, default ${DEFAULT-VALUE}).")
    int opsPort;

    @Option(names = "--infra-only",
            description = "Start only the Kafka broker and the Elasticsearch node, no Pilu services.")
    boolean infraOnly;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Deque<AutoCloseable> running = new ArrayDeque<>();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAll(running);
            stop.countDown();
        }, "pilu-local-shutdown"));
        Path dir = dataDir.toAbsolutePath().normalize();

        out.println("pilu local: starting Kafka (KRaft) and Elasticsearch under " + dir);
        KafkaBroker broker = KafkaBroker.builder().dataDir(dir.resolve("kafka")).port(kafkaPort).heap("512m").start();
        running.push(broker);
        out.printf("  kafka          %s   (started in %.1f s, log %s)%n", broker.bootstrapServers(),
                broker.lastStartupTime().toMillis() / 1000.0, broker.logFile());
        ElasticsearchNode es = ElasticsearchNode.builder().dataDir(dir.resolve("elasticsearch")).port(esPort)
                .heap("512m").start();
        running.push(es);
        out.printf("  elasticsearch  %s   (started in %.1f s, log %s)%n", es.httpUrl(),
                es.lastStartupTime().toMillis() / 1000.0, es.logFile());

        Topics topics = Topics.defaults();
        TopicProvisioner.ensure(broker.bootstrapServers(), topics, (short) 1);

        PrometheusMeterRegistry registry = Metrics.newRegistry("local");
        if (!infraOnly) {
            EnrichConfig enrichConfig = new EnrichConfig(broker.bootstrapServers(), EnrichConfig.DEFAULT_APPLICATION_ID,
                    topics, dir.resolve("enrich-state"), 1, EnrichConfig.DEFAULT_COMMIT_INTERVAL_MS);
            EnrichService enrich = EnrichService.start(enrichConfig, new AnnouncementEnricher()::enrich, registry, -1);
            running.push(enrich);
            out.println("  enrich         running (" + topics.raw() + " -> " + topics.enriched() + ")");
        }
        OpsServer ops = OpsServer.builder(registry).port(opsPort)
                .readiness(() -> broker.isAlive() && es.isAlive() ? Check.ok("kafka and elasticsearch up")
                        : Check.failing("kafka alive=" + broker.isAlive() + ", elasticsearch alive=" + es.isAlive()))
                .start();
        running.push(ops);
        out.println("  metrics        " + ops.url() + "/metrics   (/healthz /readyz)");
        out.println();
        out.println("Stop with Ctrl-C. Data stays in " + dir + "; the next start resumes from it.");
        stop.await();
        return 0;
    }

    private static void closeAll(Deque<AutoCloseable> running) {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                System.err.println("pilu local: error while stopping: " + e);
            }
        }
    }
}
