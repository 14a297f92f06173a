package io.pilu.sink;

import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.JsonSerde;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Turns a consumed record's bytes into a {@link PendingDocument}. Pure. The sink deserializes here rather than in
 * the Kafka consumer's deserializer because a deserializer exception would stop the consumer at that offset
 * for good; here an unreadable value becomes a dead letter and the records after it carry on.
 */
public final class EnrichedRecordDecoder implements RecordDecoder {

    private final JsonSerde<EnrichedAnnouncement> serde = JsonSerde.enriched();
    private final EnrichedDocumentConverter converter;

    public EnrichedRecordDecoder(EnrichedDocumentConverter converter) {
        this.converter = converter;
    }

    @Override
    public PendingDocument decode(String topic, int partition, long offset, byte[] key, byte[] value) {
        try {
            if (value == null) {
                return PendingDocument.ok(topic, partition, offset, key, null, converter.delete(key));
            }
            EnrichedAnnouncement e = serde.fromBytes(value);
            return PendingDocument.ok(topic, partition, offset, key, value, converter.convert(e));
        } catch (SerializationException | DocumentConversionException e) {
            return PendingDocument.failed(
                    topic, partition, offset, key, value, e.getClass().getName(), e.getMessage());
        }
    }
}
