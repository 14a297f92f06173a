package io.pilu.enrich.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pilu.enrich.topology.EnrichConfig;
import io.pilu.enrich.topology.EnrichService;
import io.pilu.service.CommonOptions;
import io.pilu.service.Lifecycle;
import io.pilu.service.Lifecycle.Phase;
import io.pilu.service.Metrics;
import io.pilu.service.TopicProvisioner;
import io.pilu.service.Validation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pilu enrich}: runs the enrich topology until stopped. */
@Command(
        name = "enrich",
        mixinStandardHelpOptions = true,
        description = "Classify raw announcements and extract IR activity records (Kafka Streams, exactly-once).")
public final class EnrichCommand implements Callable<Integer> {

    /** Default port of the ops endpoint. */
    public static final int DEFAULT_OPS_PORT = 9402;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(
            names = "--application-id",
            defaultValue = "${env:PILU_ENRICH_APPLICATION_ID:-pilu-enrich}",
            description = "Kafka Streams application id (env PILU_ENRICH_APPLICATION_ID, default ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(
            names = "--state-dir",
            defaultValue = "${env:PILU_ENRICH_STATE_DIR:-${sys:java.io.tmpdir}/pilu-enrich}",
            description = "Kafka Streams state directory (env PILU_ENRICH_STATE_DIR, default ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(
            names = "--threads",
            defaultValue = "${env:PILU_ENRICH_THREADS:-1}",
            description = "Stream threads (env PILU_ENRICH_THREADS, default ${DEFAULT-VALUE}).")
    int threads;

    @Option(
            names = "--commit-interval-ms",
            defaultValue = "${env:PILU_ENRICH_COMMIT_INTERVAL_MS:-100}",
            description =
                    "Transaction commit interval in ms (env PILU_ENRICH_COMMIT_INTERVAL_MS, default ${DEFAULT-VALUE}).")
    long commitIntervalMs;

    /**
     * The configuration these options describe.
     *
     * @throws CommandLine.ParameterException on a usage error, naming the option (exit 2, not a stack trace from
     *     {@link EnrichConfig}'s own checks)
     */
    public EnrichConfig config() {
        Validation v = new Validation(spec.commandLine());
        v.positive("--threads", threads);
        v.positive("--commit-interval-ms", commitIntervalMs);
        return new EnrichConfig(
                common.bootstrapServers, applicationId, common.topics(), stateDir, threads, commitIntervalMs);
    }

    /**
     * The configuration from the {@code PILU_ENRICH_*} variables and defaults alone: how {@code pilu local}
     * configures the enrich it runs.
     */
    public static EnrichConfig fromEnvironment() {
        EnrichCommand command = new EnrichCommand();
        new CommandLine(command).parseArgs();
        return command.config();
    }

    @Override
    public Integer call() throws Exception {
        EnrichConfig config = config();
        TopicProvisioner.ensure(config.bootstrapServers(), config.topics(), common.replicationFactor);
        PrometheusMeterRegistry registry = Metrics.newRegistry("enrich");
        Lifecycle lifecycle = new Lifecycle("pilu-enrich").closeOnShutdown();
        try {
            EnrichService service = lifecycle.add(Phase.ENRICH, "enrich", EnrichService.start(config, registry));
            if (common.opsEnabled(DEFAULT_OPS_PORT)) {
                lifecycle.add(
                        Phase.OPS,
                        "ops",
                        common.opsServer(registry, DEFAULT_OPS_PORT)
                                .liveness(service::liveness)
                                .readiness(service::readiness)
                                .route("/topology", service::topologyDescription)
                                .start());
            }
            service.awaitStop();
        } finally {
            lifecycle.close();
        }
        return 0;
    }
}
