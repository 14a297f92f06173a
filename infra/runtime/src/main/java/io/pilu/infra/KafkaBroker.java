package io.pilu.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real single-node Kafka (KRaft) broker in its own JVM: the stock {@code kafka.Kafka} main with Kafka's own jars
 * and log4j2, none of which touch this JVM's classpath.
 *
 * <pre>{@code
 * try (KafkaBroker broker = KafkaBroker.builder().dataDir(dir).port(0).heap("512m").start()) {
 *     producerProps.put("bootstrap.servers", broker.bootstrapServers());
 *     ...
 *     broker.kill();      // like kill -9
 *     broker.restart();   // same port, same data
 * }
 * }</pre>
 *
 * <p>Data dir layout: {@code config/server.properties} (rewritten each start), {@code config/log4j2.properties},
 * {@code kraft-combined-logs/} (topic data, metadata log, meta.properties with the cluster id) and {@code broker.log}
 * (the child's stdout and stderr).
 */
public final class KafkaBroker extends ChildJvmServer {

    private static final String CLASSPATH_RESOURCE = "io/pilu/infra/kafkanode/node.classpath";
    private static final String LOG4J_RESOURCE = "io/pilu/infra/kafkanode/log4j2.properties";
    private static final String WATCHDOG_MAIN = "io.pilu.infra.kafkanode.ParentWatchdog";
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);

    private final int port;
    private final int controllerPort;
    private final Map<String, String> overrides;
    private final KafkaStorage storage;

    private KafkaBroker(Builder builder, int port) {
        super("Kafka broker", builder, "broker.log");
        this.port = port;
        this.controllerPort = FreePort.pick();
        this.overrides = Map.copyOf(builder.overrides);
        this.storage = new KafkaStorage(dataDir().resolve("kraft-combined-logs"));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Writes the configuration and formats the storage if needed; the broker runs under the parent-pid watchdog. */
    @Override
    List<String> prepare() {
        NodeClasspath classpath = NodeClasspath.load(KafkaBroker.class.getClassLoader(), CLASSPATH_RESOURCE);
        Path serverProperties = writeConfig();
        formatIfNeeded(classpath, serverProperties);
        return baseCommand(classpath)
                .mainClass(WATCHDOG_MAIN)
                .args(Long.toString(ProcessHandle.current().pid()), "kafka.Kafka", serverProperties.toString())
                .toList();
    }

    @Override
    void awaitReady(ChildProcess child) {
        StartupWait.until(
                child,
                "it answered describeCluster on " + bootstrapServers(),
                startTimeout(),
                PROBE_INTERVAL,
                this::probe);
    }

    @Override
    String address() {
        return bootstrapServers();
    }

    @Override
    String readyDetails() {
        return "cluster " + clusterId();
    }

    private Path writeConfig() {
        try {
            Path config = Files.createDirectories(dataDir().resolve("config"));
            try (InputStream log4j = KafkaBroker.class.getClassLoader().getResourceAsStream(LOG4J_RESOURCE)) {
                Objects.requireNonNull(log4j, LOG4J_RESOURCE + " missing: is pilu-kafka-node on the classpath?");
                Files.copy(log4j, config.resolve("log4j2.properties"), StandardCopyOption.REPLACE_EXISTING);
            }
            Path serverProperties = config.resolve("server.properties");
            Map<String, String> settings = KafkaServerProperties.of(storage.logDir(), port, controllerPort, overrides);
            Files.writeString(serverProperties, KafkaServerProperties.render(settings), StandardCharsets.ISO_8859_1);
            return serverProperties;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the broker configuration under " + dataDir(), e);
        }
    }

    /** Runs {@code kafka-storage format} once per data dir; afterwards meta.properties holds the cluster id. */
    private void formatIfNeeded(NodeClasspath classpath, Path serverProperties) {
        if (storage.clusterId().isPresent()) {
            return;
        }
        JavaCommand format = baseCommand(classpath)
                .mainClass("kafka.tools.StorageTool")
                .args(
                        "format",
                        "--cluster-id",
                        KafkaStorage.newClusterId(),
                        "--config",
                        serverProperties.toString(),
                        "--ignore-formatted");
        ChildProcess tool = ChildProcess.start("kafka-storage format", format.toList(), dataDir(), logFile());
        OptionalInt exit = tool.awaitExit(FORMAT_TIMEOUT);
        if (exit.isEmpty() || exit.getAsInt() != 0 || storage.clusterId().isEmpty()) {
            tool.kill();
            throw new InfraStartException("formatting Kafka storage " + storage.logDir() + " failed ("
                    + (exit.isEmpty()
                            ? "no exit within " + FORMAT_TIMEOUT.toSeconds() + " s"
                            : "exit code " + exit.getAsInt())
                    + "); last lines of " + logFile() + ":" + System.lineSeparator() + tool.logTail());
        }
    }

    private JavaCommand baseCommand(NodeClasspath classpath) {
        return javaCommand(classpath)
                .systemProperty(
                        "log4j2.configurationFile",
                        dataDir().resolve("config").resolve("log4j2.properties").toString());
    }

    /** Ready once the listener accepts connections and the broker answers describeCluster with itself. */
    private Optional<Boolean> probe() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        } catch (IOException notListeningYet) {
            return Optional.empty();
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "pilu-infra-readiness");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(config)) {
            boolean hasBroker =
                    !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
            return hasBroker ? Optional.of(true) : Optional.empty();
        }
    }

    /** {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The KRaft cluster id kept in the data dir. */
    public String clusterId() {
        return storage.clusterId().orElseThrow(() -> new IllegalStateException("storage not formatted yet"));
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers() + ", " + dataDir() + (isAlive() ? ", running" : ", stopped") + "]";
    }

    /** Configures and starts a {@link KafkaBroker}. */
    public static final class Builder extends ChildJvmBuilder<Builder> {
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder() {
            super(Duration.ofSeconds(90));
        }

        /** Adds or replaces a server.properties setting (e.g. {@code log.retention.ms}). */
        public Builder property(String key, String value) {
            overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Starts the broker and returns once it serves clients. */
        public KafkaBroker start() {
            checkRequired();
            KafkaBroker broker = new KafkaBroker(this, FreePort.resolve(port));
            broker.start();
            return broker;
        }
    }
}
