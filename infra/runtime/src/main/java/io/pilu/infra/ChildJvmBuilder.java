package io.pilu.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What every child-JVM server ({@link KafkaBroker}, {@link ElasticsearchNode}) is configured with: where it keeps its
 * data, which port it serves, its heap and how long its start may take. Subclasses add their own settings.
 *
 * @param <B> the concrete builder, so chained calls keep its type
 */
public abstract class ChildJvmBuilder<B extends ChildJvmBuilder<B>> {

    Path dataDir;
    int port = 0;
    String heap = "512m";
    List<String> jvmOptions = List.of();
    Duration startTimeout;

    ChildJvmBuilder(Duration defaultStartTimeout) {
        this.startTimeout = defaultStartTimeout;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Where the server keeps its config, data and log; reuse it to keep data across runs. Required. */
    public B dataDir(Path dataDir) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        return self();
    }

    /** Port on 127.0.0.1; 0 (the default) picks a free one, kept for restarts. */
    public B port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        this.port = port;
        return self();
    }

    /** Maximum heap of the child JVM, e.g. {@code 512m} (the default). */
    public B heap(String heap) {
        this.heap = JavaCommand.checkHeap(heap);
        return self();
    }

    /**
     * More JVM options for the child (GC choice, compiler tiers, ...), after the ones every child gets; blank
     * entries are ignored.
     */
    public B jvmOptions(List<String> options) {
        this.jvmOptions =
                options.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
        return self();
    }

    /** How long {@code start()} waits for the server to answer before it gives up. */
    public B startTimeout(Duration startTimeout) {
        this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
        return self();
    }

    /** Fails when a required setting is missing. */
    void checkRequired() {
        if (dataDir == null) {
            throw new IllegalStateException("dataDir is required");
        }
    }
}
