package io.pilu.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Elasticsearch 8.19 node (single-node cluster, HTTP on 127.0.0.1, no security, smartcn/ICU analysis) in
 * its own JVM. Elasticsearch brings its own Lucene, log4j and Jackson, which is why it never shares a classpath
 * with the application.
 *
 * <pre>{@code
 * try (ElasticsearchNode es = ElasticsearchNode.builder().dataDir(dir).port(0).start()) {
 *     String url = es.httpUrl();   // http://127.0.0.1:<port>
 *     ...
 *     es.kill();       // like kill -9
 *     es.restart();    // same port, same data
 * }
 * }</pre>
 *
 * <p>The data dir is the node's {@code path.home}: {@code data/}, {@code config/} (an {@code elasticsearch.yml}
 * placed there is honoured), {@code http.port} (written by the node once it is yellow) and {@code node.log}.
 */
public final class ElasticsearchNode extends ChildJvmServer {

    private static final String CLASSPATH_RESOURCE = "io/pilu/infra/esnode/node.classpath";
    private static final String MAIN_CLASS = "io.pilu.infra.esnode.ElasticsearchNodeMain";
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");

    private final String clusterName;
    private final String nodeName;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** 0 until the first start has bound an ephemeral port; then that port, reused by restarts. */
    private int port;

    private ElasticsearchNode(Builder builder) {
        super("Elasticsearch node " + builder.nodeName, builder, "node.log");
        this.port = builder.port;
        this.clusterName = builder.clusterName;
        this.nodeName = builder.nodeName;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    List<String> prepare() {
        NodeClasspath classpath = NodeClasspath.load(ElasticsearchNode.class.getClassLoader(), CLASSPATH_RESOURCE);
        deletePortFile();
        return javaCommand(classpath)
                .mainClass(MAIN_CLASS)
                .args(
                        "--home", dataDir().toString(),
                        "--http-port", Integer.toString(port),
                        "--port-file", portFile().toString(),
                        "--cluster-name", clusterName,
                        "--node-name", nodeName,
                        "--parent-pid", Long.toString(ProcessHandle.current().pid()))
                .toList();
    }

    @Override
    void awaitReady(ChildProcess child) {
        port = StartupWait.until(
                child, "it wrote its HTTP port to " + portFile(), startTimeout(), PROBE_INTERVAL, this::readPortFile);
        StartupWait.until(
                child,
                "GET " + httpUrl() + "/_cluster/health reported yellow",
                startTimeout(),
                PROBE_INTERVAL,
                this::probeHealth);
    }

    @Override
    String address() {
        return httpUrl();
    }

    @Override
    String readyDetails() {
        return "cluster " + clusterName + ", data " + dataDir();
    }

    private void deletePortFile() {
        try {
            Files.createDirectories(dataDir());
            Files.deleteIfExists(portFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dataDir(), e);
        }
    }

    private Optional<Integer> readPortFile() throws IOException {
        Path file = portFile();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        return Optional.of(Integer.parseInt(text));
    }

    /** The node writes its port only once it is yellow; this confirms it over HTTP, as clients will see it. */
    private Optional<String> probeHealth() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(httpUrl() + "/_cluster/health?wait_for_status=yellow&timeout=5s"))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        Matcher status = STATUS.matcher(response.body());
        if (response.statusCode() == 200 && status.find() && !status.group(1).equals("red")) {
            return Optional.of(status.group(1));
        }
        return Optional.empty();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public synchronized String httpUrl() {
        if (port == 0) {
            throw new IllegalStateException("node has not bound its HTTP port yet");
        }
        return "http://127.0.0.1:" + port;
    }

    public synchronized int port() {
        return port;
    }

    public Path portFile() {
        return dataDir().resolve("http.port");
    }

    public String clusterName() {
        return clusterName;
    }

    @Override
    public String toString() {
        return "ElasticsearchNode[" + (port == 0 ? "unbound" : "127.0.0.1:" + port) + ", " + dataDir()
                + (isAlive() ? ", running" : ", stopped") + "]";
    }

    /** Configures and starts an {@link ElasticsearchNode}. */
    public static final class Builder extends ChildJvmBuilder<Builder> {
        private String clusterName = "pilu";
        private String nodeName = "pilu-es";

        private Builder() {
            super(Duration.ofSeconds(120));
        }

        public Builder clusterName(String clusterName) {
            this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
            return this;
        }

        public Builder nodeName(String nodeName) {
            this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
            return this;
        }

        /** Starts the node and returns once its cluster is at least yellow. */
        public ElasticsearchNode start() {
            checkRequired();
            ElasticsearchNode node = new ElasticsearchNode(this);
            node.start();
            return node;
        }
    }
}
