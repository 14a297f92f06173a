package io.pilu.testkit;

import io.pilu.infra.ElasticsearchNode;
import io.pilu.infra.KafkaBroker;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * One Kafka cluster and one Elasticsearch node per test JVM, each started on first use and stopped when the JVM
 * (or, through {@link PiluInfraExtension}, the JUnit run) ends. Tests isolate themselves by name:
 * {@code uniqueName("announcements")} gives a fresh topic / index name.
 *
 * <p>The implementation is chosen by {@code -Dpilu.it.infra} / {@code PILU_IT_INFRA} (see {@link InfraMode}):
 * {@code embedded} (default; in-JVM Kafka and an Elasticsearch child JVM, no Docker) or {@code testcontainers}.
 *
 * <p>Tests that crash or restart infrastructure must not touch the shared instances: they start their own with
 * {@link #dedicatedKafkaBroker()} / {@link #dedicatedElasticsearchNode()}.
 */
public final class SharedInfra {

    private static final System.Logger LOG = System.getLogger(SharedInfra.class.getName());

    private static final Shared<KafkaService> KAFKA = new Shared<>("Kafka", () -> switch (mode()) {
        case EMBEDDED -> EmbeddedKafka.start();
        case TESTCONTAINERS -> ContainerKafka.start();
    });
    private static final Shared<ElasticsearchService> ELASTICSEARCH =
            new Shared<>("Elasticsearch", () -> switch (mode()) {
                case EMBEDDED -> ProcessElasticsearch.start();
                case TESTCONTAINERS -> ContainerElasticsearch.start();
            });
    private static final Shared<TopicCreator> TOPICS =
            new Shared<>("Kafka admin client", () -> new TopicCreator(kafkaBootstrapServers()));

    static {
        // Fallback for use outside PiluInfraExtension (e.g. a plain @Test calling SharedInfra): stop at JVM exit.
        Runtime.getRuntime().addShutdownHook(new Thread(SharedInfra::shutdown, "pilu-testkit-shutdown"));
    }

    private SharedInfra() {}

    /** {@code host:port} of the shared Kafka cluster; starts it on the first call. */
    public static String kafkaBootstrapServers() {
        return KAFKA.get().bootstrapServers();
    }

    /** {@code http://127.0.0.1:<port>} of the shared Elasticsearch node (no auth); starts it on the first call. */
    public static String elasticsearchUrl() {
        return ELASTICSEARCH.get().url();
    }

    /** {@code prefix-<8 random chars>}, valid both as a Kafka topic and as an Elasticsearch index name. */
    public static String uniqueName(String prefix) {
        return UniqueNames.of(prefix);
    }

    /** Creates a topic (replication factor 1) on the shared cluster and returns once the broker serves it. */
    public static void createTopic(String name, int partitions) {
        TOPICS.get().create(name, partitions, false);
    }

    public static InfraMode mode() {
        return InfraMode.current();
    }

    /**
     * A builder for a broker process of the calling test's own (fault tests: kill, restart), with a fresh data dir
     * under {@code target/pilu-infra}. The caller starts and closes it; it dies with the JVM in any case.
     */
    public static KafkaBroker.Builder dedicatedKafkaBroker() {
        return KafkaBroker.builder()
                .dataDir(WorkDirs.create("kafka").path())
                .port(0)
                .heap("512m");
    }

    /** Like {@link #dedicatedKafkaBroker()} for an Elasticsearch node process. */
    public static ElasticsearchNode.Builder dedicatedElasticsearchNode() {
        return ElasticsearchNode.builder()
                .dataDir(WorkDirs.create("es").path())
                .port(0)
                .heap("512m")
                .clusterName("pilu-fault");
    }

    /** Starts whatever is not running yet, Elasticsearch (a separate JVM or container) in parallel with Kafka. */
    public static void startAll() {
        CompletableFuture<ElasticsearchService> elasticsearch =
                CompletableFuture.supplyAsync(ELASTICSEARCH::get, runnable -> {
                    Thread thread = new Thread(runnable, "pilu-testkit-start-elasticsearch");
                    thread.setDaemon(true);
                    thread.start();
                });
        RuntimeException kafkaFailure = null;
        try {
            KAFKA.get();
        } catch (RuntimeException e) {
            kafkaFailure = e;
        }
        try {
            elasticsearch.join();
        } catch (CompletionException e) {
            RuntimeException esFailure = e.getCause() instanceof RuntimeException r ? r : e;
            if (kafkaFailure != null) {
                kafkaFailure.addSuppressed(esFailure);
            } else {
                throw esFailure;
            }
        }
        if (kafkaFailure != null) {
            throw kafkaFailure;
        }
    }

    /** Stops everything that was started; a later call starts afresh. */
    static void shutdown() {
        TOPICS.close();
        KAFKA.close();
        ELASTICSEARCH.close();
    }

    /**
     * A lazily started service. A start failure is remembered and rethrown, so a broken environment fails every
     * test class at once instead of each one waiting for its own start timeout.
     */
    private static final class Shared<T extends AutoCloseable> {
        private final String name;
        private final Supplier<T> starter;
        private T instance;
        private RuntimeException failure;

        Shared(String name, Supplier<T> starter) {
            this.name = name;
            this.starter = starter;
        }

        synchronized T get() {
            if (instance != null) {
                return instance;
            }
            if (failure != null) {
                throw new IllegalStateException(
                        "shared " + name + " failed to start earlier in this JVM: " + failure.getMessage(), failure);
            }
            long startNanos = System.nanoTime();
            try {
                instance = starter.get();
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
            LOG.log(
                    System.Logger.Level.INFO,
                    "shared {0} ({1}) ready in {2} ms",
                    name,
                    mode().name().toLowerCase(Locale.ROOT),
                    Long.toString((System.nanoTime() - startNanos) / 1_000_000));
            return instance;
        }

        synchronized void close() {
            if (instance == null) {
                return;
            }
            try {
                instance.close();
            } catch (Exception e) {
                System.err.println("pilu-testkit: closing shared " + name + " failed: " + e);
            } finally {
                instance = null;
            }
        }
    }
}
