package io.pilu.sink.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pilu.model.Topics;
import io.pilu.service.Check;
import io.pilu.service.CommonOptions;
import io.pilu.service.Lifecycle;
import io.pilu.service.Lifecycle.Phase;
import io.pilu.service.Metrics;
import io.pilu.service.OpsServer;
import io.pilu.service.TopicProvisioner;
import io.pilu.sink.RetryPolicy;
import io.pilu.sink.SinkConfig;
import io.pilu.sink.SinkIndex;
import io.pilu.sink.SinkRunner;
import io.pilu.sink.es.ElasticsearchSettings;
import io.pilu.sink.es.IndexTemplate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pilu sink}: reads the enriched topic and writes every announcement to Elasticsearch until SIGTERM.
 * Passwords and API keys are read from the environment only, so they never show in a process list.
 */
@Command(
        name = "sink",
        mixinStandardHelpOptions = true,
        description = "Write enriched announcements from Kafka to Elasticsearch (long-running).")
public final class SinkCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(SinkCommand.class);
    static final int DEFAULT_OPS_PORT = 9403;

    @Mixin
    CommonOptions common;

    @Option(
            names = "--es-url",
            paramLabel = "URL[,URL…]",
            defaultValue = "${env:PILU_ES_URL:-" + ElasticsearchSettings.DEFAULT_URL + "}",
            description = "Elasticsearch node URL(s) (env PILU_ES_URL, default ${DEFAULT-VALUE}).")
    String esUrl;

    @Option(
            names = "--es-username",
            defaultValue = "${env:PILU_ES_USERNAME:-}",
            description = "Basic-auth user (env PILU_ES_USERNAME; the password only from env PILU_ES_PASSWORD; "
                    + "an API key from env PILU_ES_API_KEY wins over basic auth).")
    String esUsername;

    @Option(
            names = "--es-ca-cert",
            paramLabel = "PEM",
            defaultValue = "${env:PILU_ES_CA_CERT:-}",
            description = "CA certificate (PEM) to trust for https (env PILU_ES_CA_CERT, default the JDK trust store).")
    String esCaCert;

    @Option(
            names = "--index-alias",
            defaultValue = "${env:PILU_SINK_INDEX_ALIAS:-" + SinkConfig.DEFAULT_INDEX_ALIAS + "}",
            description =
                    "Write alias; the sink writes to <alias>-v<mapping version>, created (or migrated from an older version) at start (env PILU_SINK_INDEX_ALIAS, default ${DEFAULT-VALUE}).")
    String indexAlias;

    @Option(
            names = "--group-id",
            defaultValue = "${env:PILU_SINK_GROUP_ID:-" + SinkConfig.DEFAULT_GROUP_ID + "}",
            description = "Kafka consumer group (env PILU_SINK_GROUP_ID, default ${DEFAULT-VALUE}).")
    String groupId;

    @Option(
            names = "--batch-size",
            defaultValue = "${env:PILU_SINK_BATCH_SIZE:-" + SinkConfig.DEFAULT_BATCH_MAX_DOCS + "}",
            description = "Documents per bulk request (env PILU_SINK_BATCH_SIZE, default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--batch-bytes",
            defaultValue = "${env:PILU_SINK_BATCH_BYTES:-" + SinkConfig.DEFAULT_BATCH_MAX_BYTES + "}",
            description =
                    "Max NDJSON bytes per bulk request (env PILU_SINK_BATCH_BYTES, default ${DEFAULT-VALUE} = 5 MiB).")
    long batchBytes;

    @Option(
            names = "--linger-ms",
            defaultValue = "${env:PILU_SINK_LINGER_MS:-" + SinkConfig.DEFAULT_LINGER_MS + "}",
            description =
                    "Send a partial batch once its oldest document waited this long (env PILU_SINK_LINGER_MS, default ${DEFAULT-VALUE}).")
    long lingerMs;

    @Option(
            names = "--max-in-flight",
            defaultValue = "${env:PILU_SINK_MAX_IN_FLIGHT:-" + SinkConfig.DEFAULT_MAX_IN_FLIGHT + "}",
            description = "Concurrent bulk requests (env PILU_SINK_MAX_IN_FLIGHT, default ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(
            names = "--retry-backoff-ms",
            defaultValue = "${env:PILU_SINK_RETRY_BACKOFF_MS:-" + RetryPolicy.DEFAULT_INITIAL_BACKOFF_MS + "}",
            description =
                    "First retry delay for 429/5xx/connection errors, doubled per retry, with jitter (env PILU_SINK_RETRY_BACKOFF_MS, default ${DEFAULT-VALUE}).")
    long retryBackoffMs;

    @Option(
            names = "--retry-backoff-max-ms",
            defaultValue = "${env:PILU_SINK_RETRY_BACKOFF_MAX_MS:-" + RetryPolicy.DEFAULT_MAX_BACKOFF_MS + "}",
            description = "Cap of the retry delay (env PILU_SINK_RETRY_BACKOFF_MAX_MS, default ${DEFAULT-VALUE}).")
    long retryBackoffMaxMs;

    @Option(
            names = "--max-retries",
            defaultValue = "${env:PILU_SINK_MAX_RETRIES:-" + RetryPolicy.UNLIMITED + "}",
            description =
                    "Retries of one batch before the sink exits with an error, -1 = retry while Elasticsearch is down "
                            + "(env PILU_SINK_MAX_RETRIES, default ${DEFAULT-VALUE}).")
    long maxRetries;

    @Option(
            names = "--shutdown-timeout-ms",
            defaultValue = "${env:PILU_SINK_SHUTDOWN_TIMEOUT_MS:-" + SinkConfig.DEFAULT_SHUTDOWN_TIMEOUT_MS + "}",
            description =
                    "On SIGTERM, how long to wait for in-flight bulk requests (env PILU_SINK_SHUTDOWN_TIMEOUT_MS, default ${DEFAULT-VALUE}).")
    long shutdownTimeoutMs;

    @Option(
            names = "--refresh-interval-ms",
            defaultValue = "${env:PILU_SINK_REFRESH_INTERVAL_MS:-" + SinkConfig.DEFAULT_REFRESH_INTERVAL_MS + "}",
            description = "index.refresh_interval of the announcements index: how soon an indexed document is "
                    + "searchable; -1 = never (env PILU_SINK_REFRESH_INTERVAL_MS, default ${DEFAULT-VALUE}).")
    long refreshIntervalMs;

    @Option(
            names = "--analyzer",
            paramLabel = "cjk|smartcn",
            converter = ChineseAnalyzerConverter.class,
            defaultValue = "${env:PILU_SINK_ANALYZER:-" + IndexTemplate.DEFAULT_ANALYZER_NAME + "}",
            description = "Chinese analysis of the indices the sink creates: cjk (bigrams: a query finds every "
                    + "document containing it) or smartcn (word segmentation; needs the analysis-smartcn plugin). An "
                    + "existing index keeps its own (env PILU_SINK_ANALYZER, default ${DEFAULT-VALUE}).")
    IndexTemplate.ChineseAnalyzer analyzer;

    @Option(
            names = "--research-visits",
            negatable = true,
            defaultValue = "${env:PILU_SINK_RESEARCH_VISITS:-true}",
            fallbackValue = "true",
            description = "Also index pilu.research-visits (written by pilu analytics) into --visits-index-alias "
                    + "(env PILU_SINK_RESEARCH_VISITS, default ${DEFAULT-VALUE}).")
    boolean researchVisits;

    @Option(
            names = "--visits-index-alias",
            defaultValue = "${env:PILU_SINK_VISITS_INDEX_ALIAS:-" + SinkIndex.DEFAULT_VISITS_ALIAS + "}",
            description =
                    "Write alias of the research visits (env PILU_SINK_VISITS_INDEX_ALIAS, default ${DEFAULT-VALUE}).")
    String visitsIndexAlias;

    /** The research-visits sink: the same settings, its own topic, consumer group and alias; null when turned off. */
    SinkConfig visitsConfig(SinkConfig c) {
        if (!researchVisits) {
            return null;
        }
        return new SinkConfig(
                c.bootstrapServers(),
                common.topics().researchVisits(),
                c.dlqTopic(),
                c.groupId() + "-research-visits",
                c.es(),
                visitsIndexAlias,
                c.batchMaxDocs(),
                c.batchMaxBytes(),
                c.linger(),
                c.maxInFlight(),
                c.retry(),
                c.shutdownTimeout(),
                Duration.ofMillis(SinkConfig.DEFAULT_REFRESH_INTERVAL_MS),
                c.analyzer());
    }

    /** The configuration these options describe (secrets from the environment). */
    SinkConfig config() {
        Topics topics = common.topics();
        ElasticsearchSettings es = ElasticsearchSettings.of(
                esUrl, esUsername, System.getenv("PILU_ES_PASSWORD"), System.getenv("PILU_ES_API_KEY"), esCaCert);
        return new SinkConfig(
                common.bootstrapServers,
                topics.enriched(),
                topics.dlqSink(),
                groupId,
                es,
                indexAlias,
                batchSize,
                batchBytes,
                Duration.ofMillis(lingerMs),
                maxInFlight,
                new RetryPolicy(Duration.ofMillis(retryBackoffMs), Duration.ofMillis(retryBackoffMaxMs), maxRetries),
                Duration.ofMillis(shutdownTimeoutMs),
                Duration.ofMillis(refreshIntervalMs),
                analyzer);
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /**
     * The configuration from the {@code PILU_SINK_*} and {@code PILU_ES_*} variables and defaults alone: how
     * {@code pilu local} configures the sink it runs.
     */
    public static SinkConfig fromEnvironment() {
        SinkCommand command = new SinkCommand();
        new picocli.CommandLine(command).parseArgs();
        return command.config();
    }

    /**
     * The research-visits sink's configuration from the environment and defaults ({@code PILU_SINK_RESEARCH_VISITS},
     * {@code PILU_SINK_VISITS_INDEX_ALIAS} and the sink's own settings), or null when it is turned off.
     */
    public static SinkConfig visitsFromEnvironment() {
        SinkCommand command = new SinkCommand();
        new picocli.CommandLine(command).parseArgs();
        return command.visitsConfig(command.config());
    }

    @Override
    public Integer call() throws Exception {
        SinkConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Topics topics = common.topics();
        TopicProvisioner.ensure(
                config.bootstrapServers(),
                topics.all().stream()
                        .filter(t -> List.of(topics.enriched(), topics.dlqSink(), topics.researchVisits())
                                .contains(t.name()))
                        .toList(),
                common.replicationFactor);
        PrometheusMeterRegistry registry = Metrics.newRegistry("sink");
        Lifecycle lifecycle = new Lifecycle("pilu-sink").closeOnShutdown();
        try {
            SinkRunner main = lifecycle.add(Phase.SINK, "sink", SinkRunner.start(config, registry));
            SinkConfig visitsConfig = visitsConfig(config);
            SinkRunner visits = visitsConfig == null
                    ? null
                    : lifecycle.add(
                            Phase.SINK,
                            "sink-research-visits",
                            SinkRunner.start(visitsConfig, registry, SinkIndex.RESEARCH_VISITS));
            SinkRunners runner = new SinkRunners(main, visits);
            OpsServer ops = !common.opsEnabled(DEFAULT_OPS_PORT)
                    ? null
                    : lifecycle.add(
                            Phase.OPS,
                            "ops",
                            common.opsServer(registry, DEFAULT_OPS_PORT)
                                    .liveness(runner::liveness)
                                    .readiness(runner::readiness)
                                    .start());
            log.info(
                    "event=sink_started config={} analyzer={} research_visits={} ops={}",
                    config,
                    main.analyzer().configName(),
                    visits == null ? "off" : visitsIndexAlias,
                    ops == null ? "none" : ops.url());
            if (runner.await() == null) {
                log.info("event=sink_stopped");
                return 0;
            }
            return 1;
        } finally {
            lifecycle.close();
        }
    }

    /** The announcements sink and, when enabled, the research-visits sink: healthy together, ended by either. */
    record SinkRunners(SinkRunner main, SinkRunner visits) {

        Check readiness() {
            return both(main.readiness(), visits == null ? null : visits.readiness());
        }

        Check liveness() {
            return both(main.liveness(), visits == null ? null : visits.liveness());
        }

        private static Check both(Check main, Check visits) {
            if (!main.ok() || visits == null) {
                return main;
            }
            return visits.ok() ? main : Check.failing("research visits: " + visits.detail());
        }

        /** Waits until one of them ends; the first failure, or null when the main sink stopped cleanly. */
        Throwable await() throws InterruptedException {
            while (true) {
                for (SinkRunner r : visits == null ? List.of(main) : List.of(main, visits)) {
                    if (r.failure() != null) {
                        return r.failure();
                    }
                }
                if (!main.running()) {
                    return main.failure();
                }
                Thread.sleep(200);
            }
        }
    }
}
