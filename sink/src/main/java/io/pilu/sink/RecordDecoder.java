package io.pilu.sink;

/** Turns a consumed record's bytes into a {@link PendingDocument} (an index or delete action, or a dead letter). */
@FunctionalInterface
public interface RecordDecoder {
    PendingDocument decode(String topic, int partition, long offset, byte[] key, byte[] value);
}
