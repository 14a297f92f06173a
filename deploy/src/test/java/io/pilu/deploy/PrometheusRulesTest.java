package io.pilu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus files under {@code deploy/prometheus}: both scrape configs and the alert rules pass {@code promtool},
 * the rules' unit tests pass, and those tests cover every alert both ways (fires, stays quiet).
 */
class PrometheusRulesTest {

    private static final Path PROMETHEUS = RepoFiles.prometheus();
    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

    @Test
    void scrapeConfigsAreValidAndLoadTheRules() {
        for (String config : List.of("prometheus.yml", "prometheus-compose.yml", "prometheus-kubernetes.yml")) {
            ExternalTool.Result r = ExternalTool.PROMTOOL.runOk(PROMETHEUS, "check", "config", config);
            // promtool prints what it checked on stdout; the rules must be among it (a wrong glob finds none)
            assertThat(r.stdout() + r.stderr())
                    .as(config)
                    .contains("rules/pilu-alerts.yml")
                    .contains("SUCCESS");
        }
    }

    @Test
    void composeConfigScrapesEachServiceOnItsOpsPort() {
        JsonNode config = DeployQueries.read(PROMETHEUS.resolve("prometheus-compose.yml"), DeployQueries.YAML);
        Map<String, String> targets = new TreeMap<>();
        for (JsonNode job : config.path("scrape_configs")) {
            job.path("static_configs")
                    .forEach(sc -> sc.path("targets")
                            .forEach(t ->
                                    targets.put(t.asText(), job.path("job_name").asText())));
        }
        assertThat(targets)
                .containsEntry("pilu-crawl:9401", "pilu-crawl")
                .containsEntry("pilu-enrich:9402", "pilu-enrich")
                .containsEntry("pilu-sink:9403", "pilu-sink")
                .containsEntry("pilu-analytics:9404", "pilu-analytics")
                .containsEntry("pilu-web:9480", "pilu-web");
    }

    @Test
    void localConfigScrapesThePipelineAndTheServices() {
        JsonNode config = DeployQueries.read(PROMETHEUS.resolve("prometheus.yml"), DeployQueries.YAML);
        List<String> targets = new ArrayList<>();
        config.path("scrape_configs")
                .forEach(job -> job.path("static_configs")
                        .forEach(sc -> sc.path("targets").forEach(t -> targets.add(t.asText()))));
        assertThat(targets)
                .containsExactlyInAnyOrder(
                        "localhost:9400",
                        "localhost:9401",
                        "localhost:9402",
                        "localhost:9403",
                        "localhost:9404",
                        "localhost:9480");
    }

    @Test
    void rulesPassPromtoolCheck() {
        for (Path file : DeployQueries.ruleFiles()) {
            ExternalTool.PROMTOOL.runOk(
                    PROMETHEUS, "check", "rules", PROMETHEUS.relativize(file).toString());
        }
    }

    @Test
    void ruleUnitTestsPass() {
        ExternalTool.Result r = ExternalTool.PROMTOOL.runOk(PROMETHEUS, "test", "rules", "tests/pilu-alerts-test.yml");
        assertThat(r.stdout()).contains("SUCCESS");
    }

    @Test
    void everyAlertHasSeverityForAndAnnotations() {
        for (Path file : DeployQueries.ruleFiles()) {
            for (JsonNode group : DeployQueries.read(file, DeployQueries.YAML).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    String name = rule.path("alert").asText();
                    assertThat(name).as("only alerts in %s", file).startsWith("Pilu");
                    assertThat(rule.path("labels").path("severity").asText())
                            .as(name)
                            .isIn(SEVERITIES);
                    assertThat(rule.path("annotations").path("summary").asText())
                            .as(name)
                            .isNotBlank();
                    assertThat(rule.path("annotations").path("description").asText())
                            .as(name)
                            .isNotBlank();
                }
            }
        }
    }

    /**
     * promtool passes a rule with no test at all; this makes "each alert fires and stays quiet" a checked rule. A
     * check with alerts is also a quiet check for the other series of its test (promtool compares the list exactly);
     * a check with none proves the alert quiet before its condition has held long enough.
     */
    @Test
    void everyAlertIsTestedFiringAndQuiet() {
        Set<String> alerts = new HashSet<>();
        for (Path file : DeployQueries.ruleFiles()) {
            DeployQueries.read(file, DeployQueries.YAML)
                    .path("groups")
                    .forEach(g -> g.path("rules")
                            .forEach(r -> alerts.add(r.path("alert").asText())));
        }
        Set<String> fired = new HashSet<>();
        Set<String> quiet = new HashSet<>();
        JsonNode tests = DeployQueries.read(PROMETHEUS.resolve("tests/pilu-alerts-test.yml"), DeployQueries.YAML);
        for (JsonNode test : tests.path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                (check.path("exp_alerts").isEmpty() ? quiet : fired)
                        .add(check.path("alertname").asText());
            }
        }
        assertThat(fired).as("alerts with a firing check").containsAll(alerts);
        assertThat(quiet).as("alerts with a quiet check").containsAll(alerts);
        assertThat(alerts).as("tested alerts that exist").containsAll(fired);
    }
}
