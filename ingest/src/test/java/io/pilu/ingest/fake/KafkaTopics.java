package io.pilu.ingest.fake;

import io.pilu.model.JsonSerde;
import io.pilu.model.RawAnnouncement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic as a read_committed consumer sees it, for assertions. */
public final class KafkaTopics {

    private KafkaTopics() {
    }

    public static List<ConsumerRecord<String, byte[]>> readCommitted(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out reading " + topic);
                }
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    /** The raw announcements on {@code topic}, in no particular order. */
    public static List<RawAnnouncement> rawAnnouncements(String bootstrap, String topic) {
        return readCommitted(bootstrap, topic).stream().map(r -> JsonSerde.raw().fromBytes(r.value())).toList();
    }

    /** Keys on {@code topic}, with repeats (a duplicate shows up twice). */
    public static List<String> keys(String bootstrap, String topic) {
        return readCommitted(bootstrap, topic).stream().map(ConsumerRecord::key).collect(Collectors.toList());
    }
}
