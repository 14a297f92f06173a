package io.pilu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Grafana provisioning and dashboard under {@code deploy/grafana}, checked as Grafana would read them (Grafana
 * cannot run here). That the queries use exported metric names and run in Prometheus is
 * {@link PrometheusScrapeIT}'s job.
 */
class GrafanaDashboardTest {

    private static final Path GRAFANA = RepoFiles.grafana();
    private static final JsonNode DASHBOARD =
            DeployQueries.read(GRAFANA.resolve("dashboards/pilu-pipeline.json"), DeployQueries.JSON);

    private static String datasourceUid() {
        JsonNode sources = DeployQueries.read(
                        GRAFANA.resolve("provisioning/datasources/prometheus.yml"), DeployQueries.YAML)
                .path("datasources");
        assertThat(sources).hasSize(1);
        assertThat(sources.get(0).path("type").asText()).isEqualTo("prometheus");
        assertThat(sources.get(0).path("url").asText())
                .as("the compose service")
                .isEqualTo("http://prometheus:9090");
        return sources.get(0).path("uid").asText();
    }

    @Test
    void provisioningPointsAtTheFolderComposeMounts() {
        JsonNode providers = DeployQueries.read(GRAFANA.resolve("provisioning/dashboards/pilu.yml"), DeployQueries.YAML)
                .path("providers");
        assertThat(providers).hasSize(1);
        String path = providers.get(0).path("options").path("path").asText();
        JsonNode grafana = DeployQueries.read(RepoFiles.root().resolve("docker-compose.yml"), DeployQueries.YAML)
                .path("services")
                .path("grafana");
        List<String> volumes =
                grafana.path("volumes").valueStream().map(JsonNode::asText).toList();
        assertThat(volumes)
                .contains(
                        "./deploy/grafana/dashboards:" + path + ":ro",
                        "./deploy/grafana/provisioning:/etc/grafana/provisioning:ro");
    }

    @Test
    void everyPanelQueriesTheProvisionedDatasourceAndTheInstanceVariable() {
        String uid = datasourceUid();
        assertThat(DASHBOARD.path("uid").asText()).isEqualTo("pilu-pipeline");
        assertThat(DASHBOARD.path("templating").path("list").findValuesAsText("name"))
                .contains("instance");
        int queries = 0;
        for (JsonNode panel : DeployQueries.panels(DASHBOARD)) {
            if ("row".equals(panel.path("type").asText())) {
                continue;
            }
            String title = panel.path("title").asText();
            assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo(uid);
            assertThat(panel.path("description").asText())
                    .as("description of %s", title)
                    .isNotBlank();
            assertThat(panel.path("targets")).as(title).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                assertThat(target.path("datasource").path("uid").asText())
                        .as(title)
                        .isEqualTo(uid);
                assertThat(PromQl.metricNames(expr))
                        .as("metrics of %s: %s", title, expr)
                        .isNotEmpty();
                assertThat(expr)
                        .as("%s filters by the instance variable", title)
                        .contains("instance=~\"$instance\"");
                queries++;
            }
        }
        assertThat(queries).isEqualTo(DeployQueries.dashboardQueries().size());
    }

    @Test
    void panelsHaveUniqueIdsAndDoNotOverlap() {
        Set<Integer> ids = new HashSet<>();
        Set<String> cells = new HashSet<>();
        for (JsonNode panel : DeployQueries.panels(DASHBOARD)) {
            String title = panel.path("title").asText();
            assertThat(ids.add(panel.path("id").asInt()))
                    .as("unique id of %s", title)
                    .isTrue();
            JsonNode g = panel.path("gridPos");
            int x = g.path("x").asInt();
            int w = g.path("w").asInt();
            assertThat(x + w).as("%s fits the 24-column grid", title).isLessThanOrEqualTo(24);
            for (int dx = 0; dx < w; dx++) {
                for (int dy = 0; dy < g.path("h").asInt(); dy++) {
                    String cell = (x + dx) + "," + (g.path("y").asInt() + dy);
                    assertThat(cells.add(cell))
                            .as("%s overlaps another panel at %s", title, cell)
                            .isTrue();
                }
            }
        }
    }

    /**
     * The pipeline left to right: an overview row, then crawl, enrich, sink, analytics, the web app that reads them and
     * the JVMs, in that order.
     */
    @Test
    void rowsFollowThePipeline() {
        List<String> rows = DeployQueries.panels(DASHBOARD).stream()
                .filter(p -> "row".equals(p.path("type").asText()))
                .map(p -> p.path("title").asText())
                .toList();
        assertThat(rows).hasSize(7);
        assertThat(rows.get(0)).startsWith("Pipeline");
        assertThat(rows.get(1)).startsWith("Crawl");
        assertThat(rows.get(2)).startsWith("Enrich");
        assertThat(rows.get(3)).startsWith("Sink");
        assertThat(rows.get(4)).startsWith("Analytics");
        assertThat(rows.get(5)).startsWith("Web");
        assertThat(rows.get(6)).startsWith("JVM");
        List<String> titles = DeployQueries.panels(DASHBOARD).stream()
                .map(p -> p.path("title").asText())
                .toList();
        assertThat(titles)
                .contains(
                        "Crawl lag",
                        "Extraction outcomes",
                        "Enrich throughput",
                        "Enrich dead letters",
                        "Sink throughput",
                        "Bulk latency",
                        "Bulk retries",
                        "Elasticsearch rejections",
                        "Analytics lag",
                        "Query latency",
                        "Web requests",
                        "Web latency p95",
                        "Web server errors",
                        "Heap",
                        "GC pause");
    }
}
