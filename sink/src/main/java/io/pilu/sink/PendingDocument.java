package io.pilu.sink;

import io.pilu.sink.es.BulkAction;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/**
 * One consumed record on its way to Elasticsearch: where it came from (for the offset commit and a dead letter),
 * its original bytes (for a dead letter), and either the bulk action to send or why it cannot become one.
 *
 * @param topic        source topic
 * @param partition    source partition
 * @param offset       source offset
 * @param key          original key bytes, may be null
 * @param value        original value bytes, null for a tombstone
 * @param action       what to send; null when the record was unusable (then {@code errorClass} is set)
 * @param errorClass   why it was unusable: exception class or ES error type
 * @param errorMessage the reason
 */
public record PendingDocument(
        String topic,
        int partition,
        long offset,
        byte[] key,
        byte[] value,
        BulkAction action,
        String errorClass,
        String errorMessage) {

    public PendingDocument {
        Objects.requireNonNull(topic, "topic");
        if ((action == null) == (errorClass == null)) {
            throw new IllegalArgumentException("exactly one of action and errorClass must be set");
        }
    }

    public static PendingDocument ok(
            String topic, int partition, long offset, byte[] key, byte[] value, BulkAction action) {
        return new PendingDocument(topic, partition, offset, key, value, Objects.requireNonNull(action), null, null);
    }

    public static PendingDocument failed(
            String topic,
            int partition,
            long offset,
            byte[] key,
            byte[] value,
            String errorClass,
            String errorMessage) {
        return new PendingDocument(
                topic, partition, offset, key, value, null, Objects.requireNonNull(errorClass), errorMessage);
    }

    /** The same record, now known to be rejected by Elasticsearch. */
    public PendingDocument rejected(String errorClass, String errorMessage) {
        return new PendingDocument(topic, partition, offset, key, value, null, errorClass, errorMessage);
    }

    public TopicPartition topicPartition() {
        return new TopicPartition(topic, partition);
    }

    /** The document id this record writes, or null when it writes nothing. */
    public String documentId() {
        return action == null ? null : action.id();
    }

    /** What this record must stay in order with ({@link BulkAction#orderingKeys()}); empty when it writes nothing. */
    public List<String> orderingKeys() {
        return action == null ? List.of() : action.orderingKeys();
    }

    /** The same record with its withdrawal resolved to {@code resolved}. */
    public PendingDocument withAction(BulkAction resolved) {
        return new PendingDocument(topic, partition, offset, key, value, resolved, null, null);
    }

    /** Buffer accounting: the bulk bytes of the action, or the record's size for a dead letter. */
    public long estimatedBytes() {
        if (action != null) {
            return action.estimatedBytes();
        }
        return 200L + (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
    }
}
