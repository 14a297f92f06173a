package io.pilu.infra;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.Uuid;

/**
 * The KRaft log directory of a broker. A directory is formatted once (by the stock {@code kafka-storage format}
 * tool) and keeps its cluster id in {@code meta.properties}, so a restart on the same data dir is the same cluster.
 */
final class KafkaStorage {

    private final Path logDir;

    KafkaStorage(Path logDir) {
        this.logDir = logDir;
    }

    Path logDir() {
        return logDir;
    }

    Path metaProperties() {
        return logDir.resolve("meta.properties");
    }

    /** The cluster id of a formatted directory; empty if it was never formatted. */
    Optional<String> clusterId() {
        Path meta = metaProperties();
        if (!Files.exists(meta)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(meta, StandardCharsets.ISO_8859_1)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + meta, e);
        }
        String id = properties.getProperty("cluster.id");
        if (id == null || id.isBlank()) {
            throw new IllegalStateException(meta + " has no cluster.id: delete " + logDir + " to start from scratch");
        }
        return Optional.of(id);
    }

    static String newClusterId() {
        return Uuid.randomUuid().toString();
    }
}
