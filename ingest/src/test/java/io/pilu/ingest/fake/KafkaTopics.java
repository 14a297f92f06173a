package io.pilu.ingest.fake;

import io.pilu.model.JsonSerde;
import io.pilu.model.RawAnnouncement;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import io.pilu.testkit.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads a whole topic as a read_committed consumer sees it, for assertions. */
public final class KafkaTopics {

    private KafkaTopics() {
    }

    public static List<ConsumerRecord<byte[], byte[]>> readCommitted(String bootstrap, String topic) {
        return TopicReader.readCommitted(bootstrap, topic);
    }

    /** The raw announcements on {@code topic}, in no particular order. */
    public static List<RawAnnouncement> rawAnnouncements(String bootstrap, String topic) {
        return readCommitted(bootstrap, topic).stream().map(r -> JsonSerde.raw().fromBytes(r.value())).toList();
    }

    /** Keys on {@code topic}, with repeats (a duplicate shows up twice). */
    public static List<String> keys(String bootstrap, String topic) {
        return readCommitted(bootstrap, topic).stream().map(r -> r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8)).collect(Collectors.toList());
    }
}
