package io.pilu.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every PromQL expression Pilu ships: the alert rules' {@code expr} and the Grafana dashboards' panel targets. */
final class DeployQueries {

    /**
     * One shipped expression.
     *
     * @param source where it is, e.g. {@code rules/pilu-alerts.yml alert PiluEnrichNotRunning} or
     *               {@code dashboards/pilu-pipeline.json panel "Sink throughput" target A}
     * @param expr   the PromQL, Grafana variables included
     */
    record Query(String source, String expr) {
        /** The expression with Grafana's variables replaced by values Prometheus accepts, to run it for real. */
        String runnable() {
            return expr.replace("$__rate_interval", "1m")
                    .replace("${__rate_interval}", "1m")
                    .replace("$__interval", "15s")
                    .replace("${__interval}", "15s")
                    .replace("${instance:regex}", ".*")
                    .replace("$instance", ".*")
                    .replace("${instance}", ".*");
        }
    }

    static final YAMLMapper YAML = new YAMLMapper();
    static final ObjectMapper JSON = new ObjectMapper();

    private DeployQueries() {}

    static List<Path> ruleFiles() {
        return list(RepoFiles.prometheus().resolve("rules"), ".yml");
    }

    static List<Path> dashboardFiles() {
        return list(RepoFiles.grafana().resolve("dashboards"), ".json");
    }

    /** Every alert and recording rule expression. */
    static List<Query> ruleQueries() {
        List<Query> queries = new ArrayList<>();
        for (Path file : ruleFiles()) {
            for (JsonNode group : read(file, YAML).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    String name = rule.has("alert")
                            ? "alert " + rule.path("alert").asText()
                            : "record " + rule.path("record").asText();
                    queries.add(new Query(
                            file.getFileName() + " " + name, rule.path("expr").asText()));
                }
            }
        }
        return queries;
    }

    /** Every panel target expression of every dashboard (rows' nested panels included). */
    static List<Query> dashboardQueries() {
        List<Query> queries = new ArrayList<>();
        for (Path file : dashboardFiles()) {
            for (JsonNode panel : panels(read(file, JSON))) {
                for (JsonNode target : panel.path("targets")) {
                    if (target.hasNonNull("expr")) {
                        queries.add(new Query(
                                file.getFileName() + " panel \""
                                        + panel.path("title").asText() + "\" target "
                                        + target.path("refId").asText(),
                                target.path("expr").asText()));
                    }
                }
            }
        }
        return queries;
    }

    static List<Query> all() {
        List<Query> all = new ArrayList<>(ruleQueries());
        all.addAll(dashboardQueries());
        return all;
    }

    /**
     * The metric names {@code queries} use that are not in {@code exported}, each with the queries that use it; empty
     * when every name is exported. Names are compared as PromQL sees them: a histogram's {@code _bucket},
     * {@code _sum} and {@code _count} series, a counter's {@code _total}, each is its own name.
     */
    static Map<String, List<String>> unknownNames(List<Query> queries, Set<String> exported) {
        Map<String, List<String>> unknown = new TreeMap<>();
        for (Query q : queries) {
            for (String name : PromQl.metricNames(q.expr())) {
                if (!exported.contains(name)) {
                    unknown.computeIfAbsent(name, n -> new ArrayList<>()).add(q.source());
                }
            }
        }
        return unknown;
    }

    /** The dashboard's panels, flattening collapsed rows. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            panels.add(p);
            p.path("panels").forEach(panels::add);
        }
        return panels;
    }

    static JsonNode read(Path file, ObjectMapper mapper) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    private static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
            if (found.isEmpty()) {
                throw new AssertionError("no *" + suffix + " in " + dir);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
