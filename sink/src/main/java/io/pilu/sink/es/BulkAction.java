package io.pilu.sink.es;

import java.util.Objects;

/** One line pair (index) or line (delete) of a {@code _bulk} request. */
public sealed interface BulkAction {

    /** The document id both actions address. */
    String id();

    /** Size of this action in the NDJSON body, for batch-size accounting. */
    long estimatedBytes();

    /**
     * Index {@code source} under {@code id} with external versioning ({@code external_gte}): ES keeps the stored
     * document when its version is greater than {@code version}, answering 409, and takes equal versions so a
     * replay of the same record is accepted idempotently.
     */
    record Index(String id, long version, byte[] source) implements BulkAction {
        public Index {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(source, "source");
        }

        @Override
        public long estimatedBytes() {
            return source.length + id.length() * 3L + 80;
        }
    }

    /** Delete {@code id} (a tombstone in the topic); a 404 answer means it is already gone. */
    record Delete(String id) implements BulkAction {
        public Delete {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public long estimatedBytes() {
            return id.length() * 3L + 30;
        }
    }
}
