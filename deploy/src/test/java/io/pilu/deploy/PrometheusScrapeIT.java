package io.pilu.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilu.app.local.LocalPipeline;
import io.pilu.ingest.cli.CrawlCommand;
import io.pilu.ingest.simulator.BseSimulator;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus, configured from {@code deploy/prometheus/prometheus.yml} with Pilu's alert rules, scraping a
 * running local pipeline (real Kafka broker and Elasticsearch node, crawl/enrich/sink in one JVM) whose crawler reads
 * the bundled samples from the bse.cn simulator, so that every stage records work. Checks through Prometheus' HTTP API
 * that Pilu's series arrive, that the rules load and evaluate, and that every metric name a dashboard panel or an
 * alert rule uses is one Prometheus really stored.
 */
class PrometheusScrapeIT {

    /** Before the oldest bundled sample, so the first poll lists them all. */
    private static final String SAMPLES_FROM = "2024-01-01";
    /**
     * Startup of two child JVMs and the first poll on a loaded 2-core machine, plus one refresh of Micrometer's Kafka
     * binders (they add per-partition meters such as records-lag once a minute).
     */
    private static final Duration PATIENCE = Duration.ofMinutes(4);

    @TempDir
    static Path tmp;

    private static BseSimulator exchange;
    private static LocalPipeline pipeline;
    private static PrometheusServer prometheus;

    @BeforeAll
    static void startEverything() throws IOException {
        exchange = BseSimulator.withSamples();
        pipeline = LocalPipeline.start(LocalPipeline.Options.all(
                tmp.resolve("local"),
                0,
                0,
                0,
                null,
                CrawlCommand.parse("--base-url", exchange.baseUrl(), "--from", SAMPLES_FROM, "--poll-interval", "5s")));
        Path promDir = Files.createDirectories(tmp.resolve("prometheus"));
        prometheus = PrometheusServer.start(writeConfig(promDir), promDir);
        await("Prometheus ready")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    assertThat(prometheus.alive())
                            .as("prometheus exited:\n%s", prometheus.log())
                            .isTrue();
                    return prometheus.ready();
                });
    }

    @AfterAll
    static void stopEverything() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
        if (exchange != null) {
            exchange.close();
        }
    }

    /**
     * The repository's local config with the one pipeline endpoint as the {@code pilu-local} target (its port is a
     * free one here), the other job removed, the rules by absolute path, and 1-second intervals to keep the test short.
     */
    private static Path writeConfig(Path dir) throws IOException {
        ObjectNode config =
                (ObjectNode) DeployQueries.read(RepoFiles.prometheus().resolve("prometheus.yml"), DeployQueries.YAML);
        ObjectNode global = (ObjectNode) config.get("global");
        global.put("scrape_interval", "1s");
        global.put("evaluation_interval", "1s");
        ArrayNode rules = config.putArray("rule_files");
        rules.add(RepoFiles.prometheus().resolve("rules").toAbsolutePath() + "/*.yml");
        ArrayNode jobs = config.putArray("scrape_configs");
        for (JsonNode job : DeployQueries.read(RepoFiles.prometheus().resolve("prometheus.yml"), DeployQueries.YAML)
                .path("scrape_configs")) {
            if ("pilu-local".equals(job.path("job_name").asText())) {
                ObjectNode local = ((ObjectNode) job).deepCopy();
                ObjectNode target = DeployQueries.YAML.createObjectNode();
                target.putArray("targets").add(URI.create(pipeline.opsUrl()).getAuthority());
                local.putArray("static_configs").add(target);
                jobs.add(local);
            }
        }
        assertThat(jobs).as("a pilu-local job in prometheus.yml").hasSize(1);
        Path file = dir.resolve("prometheus.yml");
        DeployQueries.YAML.writeValue(file.toFile(), config);
        return file;
    }

    @Test
    void prometheusScrapesEveryStageOfThePipeline() {
        await("the samples indexed and scraped")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    assertThat(single("up{job=\"pilu-local\"}")).isEqualTo(1.0);
                    assertThat(single("pilu_enrich_running")).isEqualTo(1.0);
                    assertThat(single("sum(pilu_crawl_polls_total{outcome=\"ok\"})"))
                            .isGreaterThanOrEqualTo(1.0);
                    assertThat(single("pilu_crawl_announcements_published_total"))
                            .isGreaterThan(0.0);
                    assertThat(single("sum(pilu_enrich_records_total)")).isGreaterThan(0.0);
                    assertThat(single("pilu_sink_docs_indexed_total")).isGreaterThan(0.0);
                });
        // Micrometer's Kafka binders: the crawler's producer, the sink's consumer and DLQ producer, Streams' clients.
        await("Kafka client metrics")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    Set<String> clients = labelValues("client_id", "kafka_producer_record_send_total");
                    assertThat(clients)
                            .contains("pilu-crawl-bse", "pilu-sink-dlq")
                            .anyMatch(c -> c.startsWith("pilu-enrich") && c.endsWith("-producer"));
                    assertThat(labelValues("client_id", "kafka_consumer_fetch_manager_records_consumed_total"))
                            .contains("pilu-sink")
                            .anyMatch(c -> c.startsWith("pilu-enrich") && c.endsWith("-consumer"));
                });
    }

    @Test
    void everyAlertRuleLoadsAndEvaluatesOnRealSeries() {
        int shipped = DeployQueries.ruleQueries().size();
        await("every rule evaluated")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    List<String> problems = new ArrayList<>();
                    int evaluated = 0;
                    for (JsonNode group : prometheus.api("/api/v1/rules").path("groups")) {
                        for (JsonNode rule : group.path("rules")) {
                            if (!"ok".equals(rule.path("health").asText())) {
                                problems.add(rule.path("name").asText() + ": "
                                        + rule.path("health").asText() + " "
                                        + rule.path("lastError").asText());
                            } else {
                                evaluated++;
                            }
                        }
                    }
                    assertThat(problems).isEmpty();
                    assertThat(evaluated).isEqualTo(shipped);
                });
        // The bundled samples are from 2024, so the crawl lag is far beyond the threshold: the alert must notice.
        await("PiluCrawlLagHigh pending")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(
                                prometheus.api("/api/v1/alerts").path("alerts").findValuesAsText("alertname"))
                        .contains("PiluCrawlLagHigh"));
    }

    @Test
    void everyDashboardAndAlertQueryUsesMetricNamesPrometheusStored() {
        List<DeployQueries.Query> queries = DeployQueries.all();
        AtomicReference<Map<String, List<String>>> unknown = new AtomicReference<>(Map.of());
        AtomicReference<Set<String>> stored = new AtomicReference<>(Set.of());
        try {
            // Some Kafka client meters appear only at the binders' next refresh: wait for them, but not forever.
            await("every used name stored")
                    .atMost(PATIENCE)
                    .pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        stored.set(storedNames());
                        unknown.set(DeployQueries.unknownNames(queries, stored.get()));
                        return unknown.get().isEmpty();
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(
                    "metric names used in deploy/ that a running Pilu does not export (name -> " + "used by): "
                            + unknown.get(),
                    e);
        } finally {
            writeNames(stored.get());
        }
        // and the pipeline's own names are the ones its /metrics serves: pilu_<stage>_<what>_<unit>
        assertThat(stored.get().stream().filter(n -> n.startsWith("pilu_")))
                .allMatch(n -> n.matches("pilu_(crawl|enrich|sink|analytics|web)_[a-z0-9_]+"))
                .contains(
                        "pilu_crawl_polls_total",
                        "pilu_enrich_running",
                        "pilu_sink_bulk_latency_seconds_bucket",
                        "pilu_analytics_running",
                        "pilu_analytics_query_latency_seconds_bucket",
                        "pilu_web_request_latency_seconds_bucket");
    }

    @Test
    void everyDashboardQueryRunsInPrometheus() throws IOException {
        for (DeployQueries.Query q : DeployQueries.dashboardQueries()) {
            try {
                prometheus.query(q.runnable());
            } catch (AssertionError e) {
                throw new AssertionError(q.source() + " does not run: " + e.getMessage(), e);
            }
        }
    }

    /** The names in Prometheus' TSDB, from the label API. */
    private static Set<String> storedNames() throws IOException {
        Set<String> names = new TreeSet<>();
        prometheus.api("/api/v1/label/__name__/values").forEach(n -> names.add(n.asText()));
        return names;
    }

    /** target/scraped-metric-names.txt: what a running pipeline exports, for people writing dashboards. */
    private static void writeNames(Set<String> names) {
        try {
            Files.write(Path.of("target", "scraped-metric-names.txt"), names, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot write target/scraped-metric-names.txt", e);
        }
    }

    private static Set<String> labelValues(String label, String metric) throws IOException {
        Set<String> values = new TreeSet<>();
        for (JsonNode sample : prometheus.query(metric).path("result")) {
            values.add(sample.path("metric").path(label).asText());
        }
        return values;
    }

    /** The value of a query that must give exactly one sample. */
    private static double single(String promql) throws IOException {
        JsonNode result = prometheus.query(promql).path("result");
        assertThat(result).as("samples of %s", promql).hasSize(1);
        return Double.parseDouble(result.get(0).path("value").get(1).asText());
    }
}
