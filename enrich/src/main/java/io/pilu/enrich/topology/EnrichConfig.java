package io.pilu.enrich.topology;

import io.pilu.model.Topics;
import io.pilu.service.KafkaSettings;
import io.pilu.service.StreamsStageConfig;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Configuration of the enrich stage, and the Kafka Streams properties it implies.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param applicationId    Streams application id = consumer group and transactional id prefix (default {@code pilu-enrich})
 * @param topics           the topic catalogue
 * @param stateDir         Streams state directory (the topology is stateless, but Streams keeps its task
 *                         checkpoints there; must be unique per instance on one host)
 * @param threads          stream threads (default 1; at most the raw topic's partition count is useful)
 * @param commitIntervalMs how often a transaction commits (default 100 ms: exactly-once output becomes visible to
 *                         read_committed consumers only at commit, so this bounds the stage's added latency)
 */
public record EnrichConfig(
        String bootstrapServers,
        String applicationId,
        Topics topics,
        Path stateDir,
        int threads,
        long commitIntervalMs) {

    public static final String DEFAULT_APPLICATION_ID = "pilu-enrich";
    public static final long DEFAULT_COMMIT_INTERVAL_MS = 100;

    public EnrichConfig {
        StreamsStageConfig.check(bootstrapServers, applicationId, topics, stateDir, threads, commitIntervalMs);
    }

    /** The same, on {@code servers} with its state under {@code dir} ({@code pilu local}). */
    public EnrichConfig on(String servers, Path dir) {
        return new EnrichConfig(servers, applicationId, topics, dir, threads, commitIntervalMs);
    }

    /** Defaults for everything but the servers and topics. */
    public static EnrichConfig defaults(String bootstrapServers, Topics topics) {
        return new EnrichConfig(
                bootstrapServers,
                DEFAULT_APPLICATION_ID,
                topics,
                Path.of(System.getProperty("java.io.tmpdir"), "pilu-enrich"),
                1,
                DEFAULT_COMMIT_INTERVAL_MS);
    }

    /** The Kafka Streams properties: exactly-once v2, read_committed input, idempotent acks=all output. */
    public Properties streamsProperties() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), KafkaSettings.SESSION_TIMEOUT_MS);
        // Raw records carry whole documents' text; let large ones through.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), KafkaSettings.MAX_RECORD_BYTES);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), KafkaSettings.COMPRESSION_TYPE);
        // With frequent commits, the first sends of a transaction often meet CONCURRENT_TRANSACTIONS while the
        // previous commit's markers are still being written; the default 100 ms retry backoff then stalls every
        // commit cycle. Retrying sooner keeps exactly-once throughput close to at-least-once.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 10);
        // A too-large output record goes to the dead-letter topic instead of failing the task over and over.
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class.getName());
        p.put(DeadLetterProductionHandler.DLQ_TOPIC_CONFIG, topics.dlqEnrich());
        return p;
    }
}
