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
public final class ElasticsearchNode implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ElasticsearchNode.class.getName());
    private static final String CLASSPATH_RESOURCE = "io/pilu/infra/esnode/node.classpath";
    private static final String MAIN_CLASS = "io.pilu.infra.esnode.ElasticsearchNodeMain";
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(100);
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");

    private final Path dataDir;
    private final String heap;
    private final String clusterName;
    private final String nodeName;
    private final Duration startTimeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** 0 until the first start has bound an ephemeral port; then that port, reused by restarts. */
    private int port;
    private ChildProcess process;
    private Duration lastStartupTime = Duration.ZERO;

    private ElasticsearchNode(Builder builder) {
        this.dataDir = builder.dataDir.toAbsolutePath().normalize();
        this.port = builder.port;
        this.heap = builder.heap;
        this.clusterName = builder.clusterName;
        this.nodeName = builder.nodeName;
        this.startTimeout = builder.startTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    private synchronized ElasticsearchNode start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("node already running (pid " + process.pid() + ")");
        }
        long startNanos = System.nanoTime();
        NodeClasspath classpath = NodeClasspath.load(ElasticsearchNode.class.getClassLoader(), CLASSPATH_RESOURCE);
        deletePortFile();
        process = ChildProcess.start("Elasticsearch node " + nodeName, command(classpath), dataDir, logFile());
        try {
            port = StartupWait.until(process, "it wrote its HTTP port to " + portFile(), startTimeout, PROBE_INTERVAL, this::readPortFile);
            StartupWait.until(process, "GET " + httpUrl() + "/_cluster/health reported yellow", startTimeout, PROBE_INTERVAL, this::probeHealth);
        } catch (RuntimeException e) {
            // A node that is up but not ready in time must not linger holding the port and data dir.
            process.kill();
            throw e;
        }
        lastStartupTime = Duration.ofNanos(System.nanoTime() - startNanos);
        LOG.log(
            System.Logger.Level.INFO,
            "Elasticsearch node ready at {0} in {1} ms (pid {2}, data {3}, log {4})",
            httpUrl(),
            Long.toString(lastStartupTime.toMillis()),
            Long.toString(process.pid()),
            dataDir,
            logFile()
        );
        return this;
    }

    private List<String> command(NodeClasspath classpath) {
        return new JavaCommand().heap(heap)
            // A node that ran out of memory should die visibly, not limp on.
            .jvmOption("-XX:+ExitOnOutOfMemoryError")
            .systemProperty("file.encoding", "UTF-8")
            .classpath(classpath)
            .mainClass(MAIN_CLASS)
            .args(
                "--home", dataDir.toString(),
                "--http-port", Integer.toString(port),
                "--port-file", portFile().toString(),
                "--cluster-name", clusterName,
                "--node-name", nodeName,
                "--parent-pid", Long.toString(ProcessHandle.current().pid())
            )
            .toList();
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
        HttpRequest request = HttpRequest.newBuilder(URI.create(httpUrl() + "/_cluster/health?wait_for_status=yellow&timeout=5s"))
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

    private void deletePortFile() {
        try {
            Files.createDirectories(dataDir);
            Files.deleteIfExists(portFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dataDir, e);
        }
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

    public Path dataDir() {
        return dataDir;
    }

    public Path portFile() {
        return dataDir.resolve("http.port");
    }

    /** The node's stdout and stderr (appended across restarts, each run marked by a header line). */
    public Path logFile() {
        return dataDir.resolve("node.log");
    }

    public String clusterName() {
        return clusterName;
    }

    /** From {@code start()}/{@code restart()} to yellow, including JVM start. */
    public synchronized Duration lastStartupTime() {
        return lastStartupTime;
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("node not started");
        }
        return process.pid();
    }

    /** SIGTERM and wait for the node to close cleanly (SIGKILL after 30 s). */
    public synchronized void stop() {
        if (process != null && !process.stop(STOP_GRACE)) {
            LOG.log(System.Logger.Level.WARNING, "Elasticsearch node {0} did not stop within {1} s and was killed", nodeName, STOP_GRACE.toSeconds());
        }
    }

    /** SIGKILL: a crash, for fault tests. */
    public synchronized void kill() {
        if (process != null) {
            process.kill();
        }
    }

    /** Stops the node if it runs, then starts it again on the same port and data dir. */
    public synchronized void restart() {
        stop();
        start();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "ElasticsearchNode[" + (port == 0 ? "unbound" : "127.0.0.1:" + port) + ", " + dataDir + (isAlive() ? ", running" : ", stopped") + "]";
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
            return new ElasticsearchNode(this).start();
        }
    }
}
