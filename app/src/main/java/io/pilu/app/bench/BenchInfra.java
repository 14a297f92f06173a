package io.pilu.app.bench;

import io.pilu.app.local.LocalPipeline;
import io.pilu.infra.ElasticsearchNode;
import io.pilu.infra.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The infrastructure a benchmark runs against: what the user gives ({@code --bootstrap-servers}, {@code --es-url}),
 * or else a fresh embedded broker / node in a temporary directory, started for the run and stopped after it, with the
 * heap and JVM options {@code pilu local} gives them ({@code PILU_KAFKA_*}, {@code PILU_ES_*}).
 */
final class BenchInfra implements AutoCloseable {

    private final KafkaBroker broker;
    private final String bootstrapServers;

    private BenchInfra(KafkaBroker broker, String bootstrapServers) {
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
    }

    static BenchInfra kafka(String bootstrapServers) throws IOException {
        if (bootstrapServers != null && !bootstrapServers.isBlank()) {
            return new BenchInfra(null, bootstrapServers);
        }
        Path dir = Files.createTempDirectory("pilu-bench-kafka");
        System.out.println("bench: starting an embedded Kafka broker in " + dir + " ...");
        KafkaBroker broker = LocalPipeline.brokerBuilder().dataDir(dir).port(0).start();
        System.out.printf(
                "bench: broker %s ready in %.1f s%n",
                broker.bootstrapServers(), broker.lastStartupTime().toMillis() / 1000.0);
        return new BenchInfra(broker, broker.bootstrapServers());
    }

    /** The Elasticsearch node given with {@code --es-url}, or a fresh embedded node in a temporary directory. */
    static Es elasticsearch(String url) throws IOException {
        if (url != null && !url.isBlank()) {
            return new Es(null, url);
        }
        Path dir = Files.createTempDirectory("pilu-bench-es");
        System.out.println("bench: starting an embedded Elasticsearch node in " + dir + " ...");
        ElasticsearchNode node =
                LocalPipeline.nodeBuilder().dataDir(dir).port(0).start();
        System.out.printf(
                "bench: node %s ready in %.1f s%n",
                node.httpUrl(), node.lastStartupTime().toMillis() / 1000.0);
        return new Es(node, node.httpUrl());
    }

    /** An Elasticsearch endpoint, stopped after the run when it was started for it. */
    record Es(ElasticsearchNode node, String url) implements AutoCloseable {
        @Override
        public void close() {
            if (node != null) {
                node.close();
            }
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** The process id of the broker this bench started (its CPU time can be read), or null for a given one. */
    Long brokerPid() {
        return broker == null ? null : broker.pid();
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.close();
        }
    }
}
