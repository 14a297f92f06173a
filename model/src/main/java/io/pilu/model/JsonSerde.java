package io.pilu.model;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka serde for one event type, through {@link Json#mapper()}. A value that is not valid JSON of that type
 * fails with a {@link SerializationException} naming the type and the parse error, which Streams' and the sink's
 * dead-letter handling turn into a dead-letter record. A null value (tombstone) maps to null both ways.
 */
public final class JsonSerde<T> implements Serde<T> {

    private final Class<T> type;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    private JsonSerde(Class<T> type) {
        this.type = type;
        this.reader = Json.mapper().readerFor(type);
        this.writer = Json.mapper().writerFor(type);
    }

    public static <T> JsonSerde<T> of(Class<T> type) {
        return new JsonSerde<>(type);
    }

    public static JsonSerde<RawAnnouncement> raw() {
        return of(RawAnnouncement.class);
    }

    public static JsonSerde<EnrichedAnnouncement> enriched() {
        return of(EnrichedAnnouncement.class);
    }

    public static JsonSerde<EntityMention> entityMention() {
        return of(EntityMention.class);
    }

    public static JsonSerde<DeadLetter> deadLetter() {
        return of(DeadLetter.class);
    }

    /** Serializes one value; null stays null. */
    public byte[] toBytes(T value) {
        if (value == null) {
            return null;
        }
        try {
            return writer.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new SerializationException("cannot serialize " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Deserializes one value; null stays null. */
    public T fromBytes(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return reader.readValue(bytes);
        } catch (IOException | RuntimeException e) {
            // RuntimeException: a record's compact constructor rejecting a missing required field.
            throw new SerializationException("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> toBytes(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> fromBytes(bytes);
    }
}
