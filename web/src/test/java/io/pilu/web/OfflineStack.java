package io.pilu.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pilu.analytics.cli.AnalyticsCommand;
import io.pilu.enrich.cli.EnrichCommand;
import io.pilu.ingest.cli.CrawlCommand;
import io.pilu.ingest.simulator.BseSimulator;
import io.pilu.ingest.simulator.SampleSet;
import io.pilu.model.Topics;
import io.pilu.service.Metrics;
import io.pilu.service.TopicProvisioner;
import io.pilu.sink.cli.SinkCommand;
import io.pilu.sink.es.ElasticsearchSettings;
import io.pilu.testkit.SharedInfra;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * {@code pilu local --offline} on the shared test infrastructure: the bse.cn simulator with the bundled samples,
 * then crawl → enrich → sink and analytics as the very commands {@code pilu crawl|enrich|sink|analytics} run (each
 * in a thread of this JVM, as {@code pilu local} runs them), isolated by a topic prefix, consumer groups, Streams
 * application ids and index aliases of their own; and {@code pilu web} over the result.
 */
final class OfflineStack implements AutoCloseable {

    final BseSimulator site = BseSimulator.withSamples();
    final SampleSet samples = SampleSet.bundled();
    final String prefix = SharedInfra.uniqueName("web") + ".";
    final String alias = SharedInfra.uniqueName("web-docs");
    final String visitsAlias = SharedInfra.uniqueName("web-visits");
    final String analyticsUrl;
    final WebServer web;
    private final List<Thread> services = new ArrayList<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    OfflineStack(Path dir) throws IOException {
        String bootstrap = SharedInfra.kafkaBootstrapServers();
        String esUrl = SharedInfra.elasticsearchUrl();
        TopicProvisioner.ensure(bootstrap, Topics.withPrefix(prefix), (short) 1);
        List<String> kafka = List.of("--bootstrap-servers", bootstrap, "--topic-prefix", prefix, "--ops-port", "-1");
        int apiPort = freePort();
        analyticsUrl = "http://localhost:" + apiPort;
        launch(
                "enrich",
                new EnrichCommand(),
                kafka,
                "--application-id",
                prefix + "enrich",
                "--state-dir",
                dir.resolve("enrich-state").toString());
        launch(
                "analytics",
                new AnalyticsCommand(),
                kafka,
                "--application-id",
                prefix + "analytics",
                "--state-dir",
                dir.resolve("analytics-state").toString(),
                "--api-port",
                Integer.toString(apiPort));
        launch(
                "sink",
                new SinkCommand(),
                kafka,
                "--es-url",
                esUrl,
                "--index-alias",
                alias,
                "--visits-index-alias",
                visitsAlias,
                "--group-id",
                prefix + "sink",
                "--linger-ms",
                "100");
        launch(
                "crawl",
                new CrawlCommand(),
                kafka,
                "--base-url",
                site.baseUrl(),
                "--from",
                samples.earliestPublishDate().toString(),
                "--rate-limit",
                "50",
                "--poll-interval",
                "1s",
                "--transactional-id",
                prefix + "crawl",
                "--work-dir",
                dir.resolve("crawl-work").toString());
        PrometheusMeterRegistry registry = Metrics.newRegistry("web");
        web = WebServer.start(
                new WebConfig("127.0.0.1", 0, ElasticsearchSettings.of(esUrl), alias, visitsAlias, analyticsUrl),
                registry);
    }

    private void launch(String name, Callable<Integer> command, List<String> common, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (stopping && e instanceof InterruptedException) {
                return 0;
            }
            throw e;
        });
        String[] all = Stream.concat(common.stream(), Stream.of(args)).toArray(String[]::new);
        Thread t = new Thread(
                () -> {
                    int code = cl.execute(all);
                    if (code != 0 && !stopping) {
                        failures.put(name, "exited with code " + code);
                    }
                },
                "web-it-" + name);
        t.setDaemon(true);
        t.start();
        services.add(t);
    }

    /** Services that stopped by themselves, with how. */
    Map<String, String> failures() {
        return Map.copyOf(failures);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        stopping = true;
        web.close();
        services.forEach(Thread::interrupt);
        try {
            for (Thread t : services) {
                t.join(Duration.ofSeconds(30).toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // keep the interrupt for the caller; the site still closes
        } finally {
            site.close();
        }
    }
}
