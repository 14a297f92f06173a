package io.pilu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docker-compose.yml} as docker-compose itself resolves it ({@code docker-compose config}, offline, no Docker
 * engine needed): it is valid, and it runs what the README promises with health checks, named volumes and mounts of
 * files that exist.
 */
class DockerComposeTest {

    private static final Set<String> LONG_RUNNING = Set.of(
            "kafka",
            "elasticsearch",
            "kibana",
            "prometheus",
            "grafana",
            "pilu-crawl",
            "pilu-enrich",
            "pilu-sink",
            "pilu-analytics",
            "pilu-web");
    /**
     * The ops port of each Pilu service (the web app's: the port of its pages): their built-in defaults, which
     * prometheus-compose.yml scrapes.
     */
    private static final Map<String, Integer> OPS_PORTS = Map.of(
            "pilu-crawl", 9401, "pilu-enrich", 9402, "pilu-sink", 9403, "pilu-analytics", 9404, "pilu-web", 9480);
    /** The services that read or write Kafka (the web app reads Elasticsearch and the analytics API only). */
    private static final Set<String> KAFKA_CLIENTS = Set.of("pilu-crawl", "pilu-enrich", "pilu-sink", "pilu-analytics");

    private static JsonNode compose;

    @BeforeAll
    static void resolve() throws IOException {
        ExternalTool.Result r =
                ExternalTool.DOCKER_COMPOSE.runOk(RepoFiles.root(), "-f", "docker-compose.yml", "config");
        compose = DeployQueries.YAML.readTree(r.stdout());
    }

    @Test
    void runsTheInfrastructureAndPilusServices() {
        List<String> services = new ArrayList<>();
        compose.path("services").fieldNames().forEachRemaining(services::add);
        assertThat(services).containsAll(LONG_RUNNING).contains("pilu-search");
        for (String pilu : OPS_PORTS.keySet()) {
            JsonNode s = compose.path("services").path(pilu);
            assertThat(s.path("image").asText()).as(pilu).isEqualTo("pilu:dev");
            assertThat(s.path("build").path("dockerfile").asText()).as(pilu).isEqualTo("deploy/docker/Dockerfile");
            assertThat(s.path("command").get(0).asText()).as(pilu).isEqualTo(pilu.substring("pilu-".length()));
            if (!KAFKA_CLIENTS.contains(pilu)) {
                continue;
            }
            assertThat(s.path("environment").path("PILU_KAFKA_BOOTSTRAP").asText())
                    .as(pilu)
                    .isEqualTo("kafka:9092");
            assertThat(s.path("depends_on").path("kafka").path("condition").asText())
                    .as(pilu)
                    .isEqualTo("service_healthy");
        }
        assertThat(compose.path("services")
                        .path("pilu-sink")
                        .path("environment")
                        .path("PILU_ES_URL")
                        .asText())
                .isEqualTo("http://elasticsearch:9200");
        assertThat(compose.path("services")
                        .path("pilu-search")
                        .path("profiles")
                        .get(0)
                        .asText())
                .isEqualTo("tools");
    }

    /**
     * The web app binds every interface of its container (its own default, 127.0.0.1, would be out of reach of the
     * published port and of Prometheus), is published on the host's loopback only, and reads Elasticsearch and the
     * analytics API by their service names.
     */
    @Test
    void webAppServesItsPagesOnTheHostsLoopback() {
        JsonNode web = compose.path("services").path("pilu-web");
        JsonNode env = web.path("environment");
        assertThat(env.path("PILU_WEB_HOST").asText()).isEqualTo("0.0.0.0");
        assertThat(env.path("PILU_ES_URL").asText()).isEqualTo("http://elasticsearch:9200");
        assertThat(env.path("PILU_ANALYTICS_URL").asText())
                .isEqualTo("http://pilu-analytics:" + OPS_PORTS.get("pilu-analytics"));
        assertThat(web.path("ports")).hasSize(1);
        JsonNode port = web.path("ports").get(0);
        // docker-compose v1 prints the short syntax, v2 the long one
        String mapping = port.isObject()
                ? port.path("host_ip").asText() + ":" + port.path("published").asText() + ":"
                        + port.path("target").asText()
                : port.asText();
        assertThat(mapping).startsWith("127.0.0.1:9480:9480");
        assertThat(web.path("depends_on")
                        .path("elasticsearch")
                        .path("condition")
                        .asText())
                .isEqualTo("service_healthy");
        assertThat(web.path("depends_on").has("pilu-analytics")).isTrue();
    }

    @Test
    void everyLongRunningServiceHasAHealthCheck() {
        for (String name : LONG_RUNNING) {
            JsonNode test =
                    compose.path("services").path(name).path("healthcheck").path("test");
            assertThat(test.isArray() && test.size() == 2)
                    .as("%s healthcheck %s", name, test)
                    .isTrue();
            assertThat(test.get(0).asText()).as(name).isEqualTo("CMD-SHELL");
        }
        // Pilu's health checks probe the port Prometheus scrapes
        OPS_PORTS.forEach((name, port) -> assertThat(compose.path("services")
                        .path(name)
                        .path("healthcheck")
                        .path("test")
                        .get(1)
                        .asText())
                .as(name)
                .contains("http://localhost:" + port + "/healthz"));
        JsonNode promConfig =
                DeployQueries.read(RepoFiles.prometheus().resolve("prometheus-compose.yml"), DeployQueries.YAML);
        OPS_PORTS.forEach((name, port) ->
                assertThat(promConfig.findValues("targets").toString()).contains("\"" + name + ":" + port + "\""));
    }

    @Test
    void dataLivesInNamedVolumesAndMountedFilesExist() {
        Set<String> declared = new HashSet<>();
        compose.path("volumes").fieldNames().forEachRemaining(declared::add);
        Map<String, String> namedMounts = Map.of(
                "kafka",
                "kafka-data",
                "elasticsearch",
                "es-data",
                "prometheus",
                "prometheus-data",
                "grafana",
                "grafana-data",
                "pilu-enrich",
                "enrich-state");
        namedMounts.forEach((service, volume) -> {
            assertThat(declared).contains(volume);
            assertThat(mounts(service)).as(service).anyMatch(m -> m.startsWith(volume + ":"));
        });
        for (String service : List.of("prometheus", "grafana")) {
            for (String mount : mounts(service)) {
                String source = mount.substring(0, mount.indexOf(':'));
                if (source.startsWith("/")) {
                    assertThat(Path.of(source)).as("bind mount of %s", service).exists();
                    assertThat(Path.of(source).startsWith(RepoFiles.deploy()))
                            .as(mount)
                            .isTrue();
                }
            }
        }
        assertThat(mounts("prometheus"))
                .anyMatch(m -> m.endsWith(":/etc/prometheus/prometheus.yml:ro")
                        && m.startsWith(RepoFiles.prometheus()
                                .resolve("prometheus-compose.yml")
                                .toString()));
        assertThat(mounts("prometheus")).anyMatch(m -> m.endsWith(":/etc/prometheus/rules:ro"));
    }

    @Test
    void imageIsBuiltFromTheRepositoryAndRunsTheShadedJar() {
        try {
            String dockerfile = Files.readString(RepoFiles.deploy().resolve("docker/Dockerfile"));
            assertThat(dockerfile)
                    .contains("COPY --from=build /src/app/target/pilu.jar /opt/pilu/pilu.jar")
                    .contains("ENTRYPOINT [\"java\", \"-jar\", \"/opt/pilu/pilu.jar\"]")
                    .contains("USER pilu")
                    .contains("curl"); // the compose health checks run curl inside the image
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> mounts(String service) {
        List<String> mounts = new ArrayList<>();
        compose.path("services").path(service).path("volumes").forEach(v -> mounts.add(v.asText()));
        return mounts;
    }

    /** Issue 10, row 13: Elasticsearch without security and Grafana with admin/admin never face a network. */
    @Test
    void everyPublishedPortBindsTheLoopbackInterfaceOnly() {
        List<String> published = new ArrayList<>();
        compose.path("services").properties().forEach(service -> {
            for (JsonNode port : service.getValue().path("ports")) {
                published.add(service.getKey());
                String hostIp = port.isObject() ? port.path("host_ip").asText() : port.asText();
                assertThat(hostIp).as("%s publishes %s", service.getKey(), port).startsWith("127.0.0.1");
            }
        });
        assertThat(published).contains("elasticsearch", "kibana", "prometheus", "grafana", "pilu-web");
    }
}
