package io.pilu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests under {@code deploy/k8s}, rendered by {@code kubectl kustomize} (offline) for the base and
 * the production overlay, parsed, and checked for what the services need: image, args, probes on the ops port,
 * resources, configuration from the ConfigMap and the Secret, a metrics Service, scrape annotations.
 */
class KustomizeTest {

    /** Service → ops port (its built-in default, which the probes, the Service and Prometheus use). */
    private static final Map<String, Integer> SERVICES =
            Map.of("crawl", 9401, "enrich", 9402, "sink", 9403, "analytics", 9404, "web", 9480);

    private static List<JsonNode> render(String dir) throws IOException {
        ExternalTool.Result r = ExternalTool.KUBECTL.runOk(RepoFiles.k8s(), "kustomize", dir);
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it =
                DeployQueries.YAML.readerFor(JsonNode.class).readValues(r.stdout())) {
            while (it.hasNext()) {
                docs.add(it.next());
            }
        }
        assertThat(docs).as("objects rendered from %s", dir).isNotEmpty();
        return docs;
    }

    private static Optional<JsonNode> find(List<JsonNode> docs, String kind, String name) {
        return docs.stream()
                .filter(d -> kind.equals(d.path("kind").asText())
                        && name.equals(d.path("metadata").path("name").asText()))
                .findFirst();
    }

    private static JsonNode container(List<JsonNode> docs, String service) {
        JsonNode deployment = find(docs, "Deployment", "pilu-" + service)
                .orElseThrow(() -> new AssertionError("no Deployment pilu-" + service));
        JsonNode containers =
                deployment.path("spec").path("template").path("spec").path("containers");
        assertThat(containers).as(service).hasSize(1);
        return containers.get(0);
    }

    @Test
    void baseRunsEachServiceWithProbesResourcesAndConfig() throws IOException {
        List<JsonNode> docs = render("base");
        assertThat(find(docs, "ConfigMap", "pilu-config")).isPresent();
        JsonNode secret = find(docs, "Secret", "pilu-es-credentials").orElseThrow();
        assertThat(secret.path("stringData").has("PILU_ES_USERNAME")).isTrue();
        assertThat(secret.path("stringData").has("PILU_ES_PASSWORD")).isTrue();
        JsonNode config = find(docs, "ConfigMap", "pilu-config").orElseThrow().path("data");
        assertThat(config.path("PILU_KAFKA_BOOTSTRAP").asText()).isNotBlank();
        assertThat(config.path("PILU_ES_URL").asText()).isNotBlank();
        assertThat(config.has("PILU_ES_PASSWORD"))
                .as("passwords belong in the Secret")
                .isFalse();

        SERVICES.forEach((service, port) -> {
            JsonNode c = container(docs, service);
            assertThat(c.path("image").asText()).as(service).isEqualTo("pilu:dev");
            assertThat(c.path("args").get(0).asText()).as(service).isEqualTo(service);
            assertThat(c.path("ports").get(0).path("containerPort").asInt())
                    .as(service)
                    .isEqualTo(port);
            assertThat(c.path("ports").get(0).path("name").asText()).as(service).isEqualTo("metrics");
            assertThat(c.path("livenessProbe").path("httpGet").path("path").asText())
                    .as(service)
                    .isEqualTo("/healthz");
            assertThat(c.path("startupProbe").path("httpGet").path("path").asText())
                    .as(service)
                    .isEqualTo("/healthz");
            assertThat(c.path("readinessProbe").path("httpGet").path("path").asText())
                    .as(service)
                    .isEqualTo("/readyz");
            assertThat(c.findValuesAsText("port")).as(service).containsOnly("metrics");
            assertThat(c.path("resources").path("requests").path("memory").asText())
                    .as(service)
                    .isNotBlank();
            assertThat(c.path("resources").path("limits").path("memory").asText())
                    .as(service)
                    .isNotBlank();
            assertThat(c.path("envFrom").findValuesAsText("name")).as(service).contains("pilu-config");
            assertThat(c.path("securityContext").path("readOnlyRootFilesystem").asBoolean())
                    .as(service)
                    .isTrue();

            JsonNode pod = find(docs, "Deployment", "pilu-" + service)
                    .orElseThrow()
                    .path("spec")
                    .path("template");
            assertThat(pod.path("metadata")
                            .path("annotations")
                            .path("prometheus.io/scrape")
                            .asText())
                    .isEqualTo("true");
            assertThat(pod.path("metadata")
                            .path("annotations")
                            .path("prometheus.io/port")
                            .asText())
                    .isEqualTo(String.valueOf(port));
            assertThat(pod.path("metadata")
                            .path("labels")
                            .path("app.kubernetes.io/part-of")
                            .asText())
                    .isEqualTo("pilu");

            JsonNode svc =
                    find(docs, "Service", "pilu-" + service).orElseThrow().path("spec");
            assertThat(svc.path("ports").get(0).path("port").asInt())
                    .as(service)
                    .isEqualTo(port);
            assertThat(svc.path("ports").get(0).path("name").asText())
                    .as(service)
                    .isEqualTo("metrics");
            assertThat(svc.path("selector").path("app.kubernetes.io/name").asText())
                    .as(service)
                    .isEqualTo(pod.path("metadata")
                            .path("labels")
                            .path("app.kubernetes.io/name")
                            .asText());
        });
        // only the sink and the web app talk to Elasticsearch, so only they get the credentials
        for (String service : SERVICES.keySet()) {
            assertThat(container(docs, service).path("envFrom").findValuesAsText("name"))
                    .as(service)
                    .matches(
                            names -> names.contains("pilu-es-credentials")
                                    == (service.equals("sink") || service.equals("web")),
                            "holds the credentials only if it reads Elasticsearch");
        }
        // the web app binds every interface of its pod (its own default is 127.0.0.1) and reaches analytics' API
        JsonNode webEnv = container(docs, "web").path("env");
        assertThat(webEnv.findValuesAsText("name")).contains("PILU_WEB_HOST", "PILU_ANALYTICS_URL");
        webEnv.forEach(e -> {
            if (e.path("name").asText().equals("PILU_WEB_HOST")) {
                assertThat(e.path("value").asText()).isEqualTo("0.0.0.0");
            }
            if (e.path("name").asText().equals("PILU_ANALYTICS_URL")) {
                assertThat(e.path("value").asText()).isEqualTo("http://pilu-analytics:" + SERVICES.get("analytics"));
            }
        });
        // two crawlers would fence each other's transactions: never two at once, not even during a rollout
        JsonNode crawl = find(docs, "Deployment", "pilu-crawl").orElseThrow().path("spec");
        assertThat(crawl.path("replicas").asInt()).isEqualTo(1);
        assertThat(crawl.path("strategy").path("type").asText()).isEqualTo("Recreate");
    }

    @Test
    void productionOverlayScalesPinsTheImageAndReadsCredentialsCreatedOutsideGit() throws IOException {
        List<JsonNode> docs = render("overlays/production");
        assertThat(docs).allSatisfy(d -> {
            if (!"Namespace".equals(d.path("kind").asText())) {
                assertThat(d.path("metadata").path("namespace").asText())
                        .as(d.path("metadata").toString())
                        .isEqualTo("pilu");
            }
        });
        assertThat(find(docs, "Namespace", "pilu")).isPresent();
        assertThat(find(docs, "Secret", "pilu-es-credentials-production"))
                .as("created outside Git")
                .isEmpty();
        SERVICES.keySet().forEach(service -> {
            JsonNode c = container(docs, service);
            assertThat(c.path("image").asText()).as(service).isEqualTo("registry.example.com/pilu/pilu:0.1.0");
            assertThat(c.path("readinessProbe").path("httpGet").path("path").asText())
                    .as(service)
                    .isEqualTo("/readyz");
            assertThat(c.path("livenessProbe").path("httpGet").path("path").asText())
                    .as(service)
                    .isEqualTo("/healthz");
            // more memory for the stages that hold batches, caches and documents; the web app holds none
            assertThat(c.path("resources").path("requests").path("memory").asText())
                    .as(service)
                    .isIn(service.equals("web") ? List.of("768Mi") : List.of("1Gi", "1536Mi"));
        });
        assertThat(find(docs, "Deployment", "pilu-crawl")
                        .orElseThrow()
                        .path("spec")
                        .path("replicas")
                        .asInt())
                .isEqualTo(1);
        assertThat(find(docs, "Deployment", "pilu-enrich")
                        .orElseThrow()
                        .path("spec")
                        .path("replicas")
                        .asInt())
                .isEqualTo(3);
        assertThat(find(docs, "Deployment", "pilu-sink")
                        .orElseThrow()
                        .path("spec")
                        .path("replicas")
                        .asInt())
                .isEqualTo(3);
        JsonNode config = find(docs, "ConfigMap", "pilu-config").orElseThrow().path("data");
        assertThat(config.path("PILU_REPLICATION_FACTOR").asText()).isEqualTo("3");
        assertThat(config.path("PILU_LOG_FORMAT").asText())
                .as("kept from the base")
                .isEqualTo("json");
        // the sink reads the Secret created outside Git (a missing one stops the pod with a clear event), and still
        // the shared settings: envFrom is replaced as a whole by the patch
        for (String reader : List.of("sink", "web")) {
            assertThat(container(docs, reader).path("envFrom").findValuesAsText("name"))
                    .as(reader)
                    .containsExactly("pilu-config", "pilu-es-credentials-production");
        }
        assertThat(find(docs, "Deployment", "pilu-web")
                        .orElseThrow()
                        .path("spec")
                        .path("replicas")
                        .asInt())
                .isEqualTo(2);
    }
}
