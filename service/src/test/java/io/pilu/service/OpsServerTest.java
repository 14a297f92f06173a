package io.pilu.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OpsServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(OpsServer ops, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(ops.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesMetricsAndProbesThatFollowTheirSuppliers() throws Exception {
        PrometheusMeterRegistry registry = Metrics.newRegistry("test");
        registry.counter("pilu.test.things").increment(3);
        AtomicBoolean ready = new AtomicBoolean(false);
        try (OpsServer ops = OpsServer.builder(registry)
                .host("127.0.0.1")
                .port(0)
                .readiness(() -> ready.get() ? Check.ok("RUNNING") : Check.failing("REBALANCING"))
                .route("/topology", () -> "{\"topology\":\"x\"}")
                .start()) {
            HttpResponse<String> metrics = get(ops, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains("pilu_test_things_total{service=\"test\"} 3.0")
                    .contains("jvm_memory_used_bytes");

            assertThat(get(ops, "/healthz").statusCode()).isEqualTo(200);
            HttpResponse<String> notReady = get(ops, "/readyz");
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.body()).contains("REBALANCING");
            ready.set(true);
            assertThat(get(ops, "/readyz").statusCode()).isEqualTo(200);

            HttpResponse<String> topo = get(ops, "/topology");
            assertThat(topo.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).contains("json"));
        }
    }

    @Test
    void aProbeThatThrowsIsReportedAsFailing() throws Exception {
        try (OpsServer ops = OpsServer.builder(Metrics.newRegistry("t"))
                .host("127.0.0.1")
                .port(0)
                .liveness(() -> {
                    throw new IllegalStateException("wedged");
                })
                .start()) {
            HttpResponse<String> r = get(ops, "/healthz");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("wedged");
        }
    }

    @Test
    void connectionsThatNeverFinishTheirHeadersNeitherStarveTheProbesNorStayOpen() throws Exception {
        try (OpsServer ops = OpsServer.builder(Metrics.newRegistry("t"))
                .host("127.0.0.1")
                .port(0)
                .start()) {
            java.util.List<java.net.Socket> slow = new java.util.ArrayList<>();
            try {
                // more half-open requests than the old pool had workers, and then some
                for (int i = 0; i < 8; i++) {
                    java.net.Socket s = new java.net.Socket("127.0.0.1", ops.port());
                    s.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes());
                    s.getOutputStream().flush();
                    slow.add(s);
                }
                long start = System.nanoTime();
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(URI.create(ops.url() + "/healthz"))
                                .timeout(java.time.Duration.ofSeconds(3))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat((System.nanoTime() - start) / 1_000_000)
                        .as("ms to answer /healthz")
                        .isLessThan(3000);

                // the server drops a request whose headers do not arrive within its request timeout
                java.net.Socket first = slow.get(0);
                first.setSoTimeout((OpsServer.MAX_REQUEST_SECONDS + 5) * 1000);
                assertThat(first.getInputStream().read())
                        .as("closed by the server")
                        .isEqualTo(-1);
            } finally {
                for (java.net.Socket s : slow) {
                    s.close();
                }
            }
        }
    }

    @Test
    void bindsTheConfiguredAddressOnly() throws Exception {
        try (OpsServer ops = OpsServer.builder(Metrics.newRegistry("t"))
                .host("127.0.0.1")
                .port(0)
                .start()) {
            assertThat(ops.url()).startsWith("http://127.0.0.1:");
        }
    }
}
