package io.pilu.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server ({@code /usr/bin/prometheus}) as a child process on a free loopback port, with its data in
 * a given directory, and a small client for its HTTP API.
 */
final class PrometheusServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final String url;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, Path log, String url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    /** Starts Prometheus with {@code config}, keeping its TSDB and log under {@code workDir}. */
    static PrometheusServer start(Path config, Path workDir) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = workDir.resolve("prometheus.log");
        Process p = new ProcessBuilder(
                        ExternalTool.PROMETHEUS.executable().toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + workDir.resolve("tsdb"),
                        "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new PrometheusServer(p, log, "http://127.0.0.1:" + port);
    }

    String url() {
        return url;
    }

    boolean alive() {
        return process.isAlive();
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Whether {@code /-/ready} answers 200. */
    boolean ready() {
        try {
            return get("/-/ready").statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code /api/v1/query}: the {@code data} of a successful answer; a PromQL error fails with Prometheus' words. */
    JsonNode query(String promql) throws IOException {
        return api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    /** A GET on the API that must answer {@code status: success}; returns its {@code data}. */
    JsonNode api(String pathAndQuery) throws IOException {
        HttpResponse<String> r = get(pathAndQuery);
        JsonNode body = JSON.readTree(r.body());
        if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new AssertionError("Prometheus " + pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
        }
        return body.path("data");
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create(url + pathAndQuery))
                            .timeout(Duration.ofSeconds(20))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: Prometheus shuts down cleanly
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
