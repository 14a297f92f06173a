package io.pilu.analytics.topology;

import io.pilu.model.Topics;
import io.pilu.service.KafkaSettings;
import io.pilu.service.StreamsStageConfig;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Configuration of the analytics stage, and the Kafka Streams properties it implies.
 *
 * @param bootstrapServers  Kafka bootstrap servers
 * @param applicationId     Streams application id (default {@code pilu-analytics})
 * @param topics            the topic catalogue
 * @param stateDir          Streams state directory, unique per instance on one host (the stores live there)
 * @param threads           stream threads
 * @param commitIntervalMs  transaction commit interval: output and store changes become visible at commit
 * @param standbyReplicas   warm copies of each store on other instances ({@code num.standby.replicas}): a failover
 *                          then resumes from a copy instead of restoring from the changelog
 * @param applicationServer {@code host:port} of this instance's query API, announced to the other instances so any
 *                          of them can forward a query to the owner of a key
 */
public record AnalyticsConfig(
        String bootstrapServers,
        String applicationId,
        Topics topics,
        Path stateDir,
        int threads,
        long commitIntervalMs,
        int standbyReplicas,
        String applicationServer) {

    public static final String DEFAULT_APPLICATION_ID = "pilu-analytics";
    public static final long DEFAULT_COMMIT_INTERVAL_MS = 100;

    public AnalyticsConfig {
        StreamsStageConfig.check(bootstrapServers, applicationId, topics, stateDir, threads, commitIntervalMs);
        Objects.requireNonNull(applicationServer, "applicationServer");
        if (standbyReplicas < 0) {
            throw new IllegalArgumentException("standbyReplicas must be >= 0, got " + standbyReplicas);
        }
        if (!applicationServer.matches("[^:/\\s]+:\\d{1,5}")) {
            throw new IllegalArgumentException("application server must be host:port, got '" + applicationServer + "'");
        }
    }

    /** This configuration announcing {@code hostPort} instead (once the API port is bound). */
    public AnalyticsConfig withApplicationServer(String hostPort) {
        return new AnalyticsConfig(
                bootstrapServers,
                applicationId,
                topics,
                stateDir,
                threads,
                commitIntervalMs,
                standbyReplicas,
                hostPort);
    }

    /** The Kafka Streams properties: exactly-once v2, application.server for key metadata, standbys. */
    public Properties streamsProperties() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), KafkaSettings.SESSION_TIMEOUT_MS);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), 8 * 1024 * 1024);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), KafkaSettings.COMPRESSION_TYPE);
        // as enrich: frequent commits meet CONCURRENT_TRANSACTIONS; retry sooner than the default 100 ms
        p.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 10);
        return p;
    }
}
