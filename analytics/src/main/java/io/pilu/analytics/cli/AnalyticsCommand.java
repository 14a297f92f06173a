package io.pilu.analytics.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pilu.analytics.AnalyticsService;
import io.pilu.analytics.topology.AnalyticsConfig;
import io.pilu.analytics.topology.InstitutionNames;
import io.pilu.service.CommonOptions;
import io.pilu.service.Lifecycle;
import io.pilu.service.Lifecycle.Phase;
import io.pilu.service.Metrics;
import io.pilu.service.TopicProvisioner;
import io.pilu.service.Validation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pilu analytics}: runs the analytics topology and its query API until stopped. */
@Command(
        name = "analytics",
        mixinStandardHelpOptions = true,
        description = "Who researched whom: research visits, coverage per company and per institution, rankings, "
                + "as compacted topics and live queries over HTTP (Kafka Streams, exactly-once).")
public final class AnalyticsCommand implements Callable<Integer> {

    /** Default port of the query API (and, unless --ops-port says otherwise, of /metrics /healthz /readyz). */
    public static final int DEFAULT_API_PORT = 9404;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(
            names = "--api-port",
            defaultValue = "${env:PILU_ANALYTICS_PORT:-9404}",
            description = "Port of the query API and of /metrics /healthz /readyz, 0 = any free port "
                    + "(env PILU_ANALYTICS_PORT, default ${DEFAULT-VALUE}).")
    int apiPort;

    @Option(
            names = "--advertised-host",
            defaultValue = "${env:PILU_ANALYTICS_ADVERTISED_HOST:-localhost}",
            description = "Host name the other instances reach this one's API under (application.server; env "
                    + "PILU_ANALYTICS_ADVERTISED_HOST, default ${DEFAULT-VALUE}).")
    String advertisedHost;

    @Option(
            names = "--application-id",
            defaultValue = "${env:PILU_ANALYTICS_APPLICATION_ID:-pilu-analytics}",
            description = "Kafka Streams application id (env PILU_ANALYTICS_APPLICATION_ID, default ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(
            names = "--state-dir",
            defaultValue = "${env:PILU_ANALYTICS_STATE_DIR:-${sys:java.io.tmpdir}/pilu-analytics}",
            description =
                    "Kafka Streams state directory, one per instance (env PILU_ANALYTICS_STATE_DIR, default ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(
            names = "--threads",
            defaultValue = "${env:PILU_ANALYTICS_THREADS:-1}",
            description = "Stream threads (env PILU_ANALYTICS_THREADS, default ${DEFAULT-VALUE}).")
    int threads;

    @Option(
            names = "--standby-replicas",
            defaultValue = "${env:PILU_ANALYTICS_STANDBY_REPLICAS:-0}",
            description = "Warm store copies on other instances, num.standby.replicas (env "
                    + "PILU_ANALYTICS_STANDBY_REPLICAS, default ${DEFAULT-VALUE}).")
    int standbyReplicas;

    @Option(
            names = "--commit-interval-ms",
            defaultValue = "${env:PILU_ANALYTICS_COMMIT_INTERVAL_MS:-100}",
            description =
                    "Transaction commit interval in ms (env PILU_ANALYTICS_COMMIT_INTERVAL_MS, default ${DEFAULT-VALUE}).")
    long commitIntervalMs;

    /**
     * The configuration these options describe.
     *
     * @throws picocli.CommandLine.ParameterException on a usage error, naming the option (exit 2, not a stack trace
     *     from {@link AnalyticsConfig}'s own checks)
     */
    AnalyticsConfig config() {
        Validation v = new Validation(spec.commandLine());
        v.positive("--threads", threads);
        v.positive("--commit-interval-ms", commitIntervalMs);
        v.notNegative("--standby-replicas", standbyReplicas);
        if (apiPort < 0 || apiPort > 65535) {
            v.fail("--api-port must be 0..65535, not " + apiPort);
        }
        return new AnalyticsConfig(
                common.bootstrapServers,
                applicationId,
                common.topics(),
                stateDir,
                threads,
                commitIntervalMs,
                standbyReplicas,
                advertisedHost + ":" + apiPort);
    }

    /**
     * The configuration from the {@code PILU_ANALYTICS_*} variables and defaults alone, with {@code bootstrapServers},
     * {@code stateDir} and the API's {@code port} set by the caller: how {@code pilu local} configures the analytics
     * service it runs.
     */
    public static AnalyticsConfig fromEnvironment(String bootstrapServers, Path stateDir, int port) {
        AnalyticsCommand command = new AnalyticsCommand();
        new picocli.CommandLine(command).parseArgs();
        AnalyticsConfig c = command.config();
        return new AnalyticsConfig(
                bootstrapServers,
                c.applicationId(),
                c.topics(),
                stateDir,
                c.threads(),
                c.commitIntervalMs(),
                c.standbyReplicas(),
                command.advertisedHost + ":" + port);
    }

    @Override
    public Integer call() throws Exception {
        AnalyticsConfig config = config();
        TopicProvisioner.ensure(config.bootstrapServers(), config.topics(), common.replicationFactor);
        PrometheusMeterRegistry registry = Metrics.newRegistry("analytics");
        Lifecycle lifecycle = new Lifecycle("pilu-analytics").closeOnShutdown();
        try {
            // a separate ops endpoint only when --ops-port (or PILU_OPS_PORT) asks for one: the API port serves the
            // probes
            AnalyticsService service = lifecycle.add(
                    Phase.SERVICE,
                    "analytics",
                    AnalyticsService.start(config, InstitutionNames.loadDefault(), registry, common.opsPort(-1)));
            service.awaitStop();
        } finally {
            lifecycle.close();
        }
        return 0;
    }
}
