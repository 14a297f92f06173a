package io.pilu.service;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Kafka client defaults shared by the services, so durability settings live in one place: producers are
 * idempotent with {@code acks=all}; consumers read committed data only and never auto-commit.
 */
public final class KafkaSettings {

    /**
     * Consumer group session timeout. A crashed (kill -9) member holds its partitions until this expires, so it is
     * the stall a restarted service sees; 10 s instead of Kafka's 45 s default, still well above a GC pause.
     */
    public static final int SESSION_TIMEOUT_MS = 10_000;

    /**
     * The one byte budget of a record on Pilu's topics: producers' {@code max.request.size} (crawler, enrich's
     * Streams producer, the sink's dead-letter producer) and the {@code max.message.bytes} of every topic Pilu
     * creates. A raw record of {@code --max-text-chars} 300 000 is at most about 1.8 MB of JSON and its enriched
     * record about twice that, well inside it; a record over it is dead-lettered with a shortened payload, never
     * retried.
     */
    public static final int MAX_RECORD_BYTES = 8 * 1024 * 1024;

    /**
     * How much of an oversized record's value a dead letter keeps: small enough to always fit, large enough to
     * identify the record (its JSON head carries id, company and title).
     */
    public static final int DEAD_LETTER_VALUE_CHARS = 64 * 1024;

    /**
     * The compression of every Pilu producer (plain producers and the Streams producers of enrich and analytics).
     * snappy: on enrich's records (mostly Chinese UTF-8 text, which neither compresses much) it left the same bytes on
     * the broker as lz4 (292 vs 298 MB per 20,000 records in {@code bench enrich}) for 12 % less CPU in the enrich JVM
     * (0.36-0.38 vs 0.41-0.43 CPU-s per 1,000 records: lz4's frame checksum, xxhash over JNI, was 7.7 % of the stream
     * thread's samples). zstd keeps 22 % fewer bytes but cost a CPU-bound pass-through a third of its speed on 2 cores,
     * with no gain for enrich; CPU, not bytes, is this stack's limit (README, benchmarks).
     */
    public static final String COMPRESSION_TYPE = "snappy";

    private KafkaSettings() {}

    /** Producer properties: idempotent, acks=all, unbounded delivery retries within delivery.timeout.ms. */
    public static Properties producer(String bootstrapServers, String clientId) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, COMPRESSION_TYPE);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // announcements carry the full extracted text of a document: the one record budget, see MAX_RECORD_BYTES
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_RECORD_BYTES);
        return p;
    }

    /** Consumer properties: read_committed, manual commits, start from the beginning for a new group. */
    public static Properties consumer(String bootstrapServers, String groupId, String clientId) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
        return p;
    }

    /** Admin client properties. */
    public static Map<String, Object> admin(String bootstrapServers) {
        Map<String, Object> p = new HashMap<>();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return p;
    }
}
