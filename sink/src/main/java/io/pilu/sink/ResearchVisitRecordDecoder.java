package io.pilu.sink;

import io.pilu.model.JsonSerde;
import io.pilu.model.ResearchVisit;
import org.apache.kafka.common.errors.SerializationException;

/** {@link RecordDecoder} of {@code pilu.research-visits}: as {@link EnrichedRecordDecoder}, for visits. Pure. */
public final class ResearchVisitRecordDecoder implements RecordDecoder {

    private final JsonSerde<ResearchVisit> serde = JsonSerde.of(ResearchVisit.class);
    private final ResearchVisitDocumentConverter converter = new ResearchVisitDocumentConverter();

    @Override
    public PendingDocument decode(String topic, int partition, long offset, byte[] key, byte[] value) {
        try {
            if (value == null) {
                return PendingDocument.ok(topic, partition, offset, key, null, converter.delete(key));
            }
            return PendingDocument.ok(
                    topic, partition, offset, key, value, converter.convert(key, serde.fromBytes(value)));
        } catch (SerializationException | DocumentConversionException e) {
            return PendingDocument.failed(
                    topic, partition, offset, key, value, e.getClass().getName(), e.getMessage());
        }
    }
}
