package io.pilu.service;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pilu.model.Topics;
import picocli.CommandLine.Option;

/**
 * Options every long-running service shares, as a picocli mixin ({@code @Mixin CommonOptions common;}). Each one
 * has an environment variable so containers are configured 12-factor style; the flag wins over the variable.
 */
public final class CommonOptions {

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            defaultValue = "${env:PILU_KAFKA_BOOTSTRAP:-localhost:9092}",
            description = "Kafka bootstrap servers (env PILU_KAFKA_BOOTSTRAP, default ${DEFAULT-VALUE}).")
    public String bootstrapServers;

    @Option(
            names = "--topic-prefix",
            paramLabel = "PREFIX",
            defaultValue = "${env:PILU_TOPIC_PREFIX:-}",
            description = "Prefix for every topic name (env PILU_TOPIC_PREFIX, default none).")
    public String topicPrefix;

    @Option(
            names = "--ops-port",
            paramLabel = "PORT",
            description = "Port of the /metrics /healthz /readyz endpoint, 0 = any free port, negative = none (env "
                    + "PILU_OPS_PORT; default per service: crawl 9401, enrich 9402, sink 9403, local 9400).")
    public Integer opsPort;

    @Option(
            names = "--ops-host",
            paramLabel = "ADDRESS",
            defaultValue = "${env:PILU_OPS_HOST:-0.0.0.0}",
            description = "Address the ops endpoint binds, e.g. 127.0.0.1 to keep it off the network (env "
                    + "PILU_OPS_HOST, default ${DEFAULT-VALUE}: every interface, so Prometheus in another container "
                    + "or pod can scrape it).")
    public String opsHost;

    @Option(
            names = "--replication-factor",
            defaultValue = "${env:PILU_REPLICATION_FACTOR:-1}",
            description =
                    "Replication factor for topics Pilu creates (env PILU_REPLICATION_FACTOR, default ${DEFAULT-VALUE}).")
    public short replicationFactor;

    /** The topic catalogue with the configured prefix. */
    public Topics topics() {
        return topicPrefix == null || topicPrefix.isEmpty() ? Topics.defaults() : Topics.withPrefix(topicPrefix);
    }

    /** Whether the service should serve its own ops endpoint. */
    public boolean opsEnabled(int serviceDefault) {
        return opsPort(serviceDefault) >= 0;
    }

    /** An ops endpoint builder on the configured host and port. */
    public OpsServer.Builder opsServer(PrometheusMeterRegistry registry, int serviceDefault) {
        return OpsServer.builder(registry)
                .host(opsHost == null ? "0.0.0.0" : opsHost)
                .port(opsPort(serviceDefault));
    }

    /** The ops port: the flag, else {@code PILU_OPS_PORT}, else the service's default. */
    public int opsPort(int serviceDefault) {
        if (opsPort != null) {
            return opsPort;
        }
        String env = System.getenv("PILU_OPS_PORT");
        return env == null || env.isBlank() ? serviceDefault : Integer.parseInt(env.trim());
    }
}
