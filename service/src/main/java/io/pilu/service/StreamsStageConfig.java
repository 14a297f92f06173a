package io.pilu.service;

import io.pilu.model.Topics;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The checks every Kafka Streams stage's configuration (enrich's, analytics') makes of what they all have: where
 * Kafka is, the application id, the topics, the state directory, threads and commit interval. One place, so the
 * stages refuse the same values with the same messages.
 */
public final class StreamsStageConfig {

    private StreamsStageConfig() {}

    /**
     * @throws NullPointerException     naming the first missing value
     * @throws IllegalArgumentException when {@code threads} or {@code commitIntervalMs} is below 1
     */
    public static void check(
            String bootstrapServers,
            String applicationId,
            Topics topics,
            Path stateDir,
            int threads,
            long commitIntervalMs) {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(stateDir, "stateDir");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (commitIntervalMs < 1) {
            throw new IllegalArgumentException("commitIntervalMs must be >= 1, got " + commitIntervalMs);
        }
    }
}
