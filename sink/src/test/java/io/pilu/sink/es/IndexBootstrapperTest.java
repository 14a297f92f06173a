package io.pilu.sink.es;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.http.HttpHost;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the sink does at start on a cluster without the smartcn plugin, answered by a stand-in that speaks the one
 * request involved ({@code POST /_analyze}, 400 for an unknown analyzer, as Elasticsearch answers); the rest of the
 * bootstrap runs against the real node in {@code IndexMappingIT}.
 */
class IndexBootstrapperTest {

    private HttpServer server;
    private RestClient rest;
    private final List<String> requests = new ArrayList<>();

    private IndexBootstrapper clusterAnsweringAnalyze(int status) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            requests.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
            byte[] body = (status == 200
                            ? "{\"tokens\":[]}"
                            : "{\"error\":{\"type\":\"illegal_argument_exception\",\"reason\":\"failed to find global "
                                    + "analyzer [smartcn]\"},\"status\":" + status + "}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(ex.getRequestURI().getPath().equals("/_analyze") ? status : 500, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        rest = RestClient.builder(new HttpHost("127.0.0.1", server.getAddress().getPort(), "http"))
                .build();
        return new IndexBootstrapper(rest);
    }

    @AfterEach
    void stop() throws IOException {
        if (rest != null) {
            rest.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void smartcnOnAClusterWithoutThePluginIsRefusedBeforeAnythingIsWritten() throws Exception {
        IndexBootstrapper bootstrapper = clusterAnsweringAnalyze(400);

        assertThat(bootstrapper.hasSmartcn()).isFalse();
        assertThatThrownBy(() -> bootstrapper.prepare(
                        IndexTemplate.RESOURCE, "a", Duration.ofSeconds(1), IndexTemplate.ChineseAnalyzer.SMARTCN))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("analysis-smartcn plugin")
                .hasMessageContaining("--analyzer cjk");
        assertThat(requests).containsOnly("POST /_analyze"); // no template, no index
    }

    @Test
    void thePluginIsDetectedWhenAnalyzeAcceptsSmartcnAndAnotherErrorIsNotTakenForItsAbsence() throws Exception {
        assertThat(clusterAnsweringAnalyze(200).hasSmartcn()).isTrue();
        stop();
        IndexBootstrapper failing = clusterAnsweringAnalyze(503);
        assertThatThrownBy(failing::hasSmartcn).isInstanceOf(ResponseException.class);
    }
}
