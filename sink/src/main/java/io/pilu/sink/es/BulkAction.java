package io.pilu.sink.es;

import java.util.List;
import java.util.Objects;

/**
 * One line pair (index, update) or line (delete) of a {@code _bulk} request; or, for a document merged from several
 * records, an {@link Arrival} or {@link Withdraw} the sink resolves to one before sending.
 */
public sealed interface BulkAction {

    /** The document id the action addresses. */
    String id();

    /** Size of this action in the NDJSON body, for batch-size accounting. */
    long estimatedBytes();

    /**
     * What the action must stay in order with: two actions sharing a key are never in flight together, nor reordered.
     * The document id, and for a filing's arrival also the arrival (so its withdrawal waits for it).
     */
    default List<String> orderingKeys() {
        return List.of(id());
    }

    /** The ordering key of the arrival with raw id {@code rawId}. */
    static String arrivalKey(String rawId) {
        return "arrival:" + rawId;
    }

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

    /**
     * One arrival of a filing (a raw record of one source) to merge into the filing's document {@code id}: resolved
     * before sending, against the document as stored, into a {@link Conditional} write or a {@link Skip} (see
     * {@code io.pilu.sink.FilingMerger}).
     *
     * @param arrivalId the raw id of the record
     * @param source    its source ({@code bse}, {@code cninfo})
     * @param version   its enrichment version
     * @param arrival   what the document records of it under {@code arrivals}
     * @param document  the document built from it, without {@code arrivals} and {@code sources}
     */
    record Arrival(String id, String arrivalId, String source, int version, byte[] arrival, byte[] document)
            implements BulkAction {
        public Arrival {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(arrivalId, "arrivalId");
            Objects.requireNonNull(arrival, "arrival");
            Objects.requireNonNull(document, "document");
        }

        @Override
        public long estimatedBytes() {
            return document.length + arrival.length * 2L + id.length() * 3L + 160;
        }

        @Override
        public List<String> orderingKeys() {
            return List.of(id, arrivalKey(arrivalId));
        }
    }

    /**
     * The tombstone of one arrival (raw id {@code id}) of a merged document whose id the tombstone does not carry:
     * resolved before sending to a write on the filing that holds the arrival, or to a {@link Delete} of {@code id}
     * when none does (a document written before filings were merged, or nothing).
     */
    record Withdraw(String id) implements BulkAction {
        public Withdraw {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public long estimatedBytes() {
            return id.length() * 3L + 200;
        }

        @Override
        public List<String> orderingKeys() {
            return List.of(arrivalKey(id));
        }
    }

    /**
     * A write conditional on the document being as it was read ({@code if_seq_no}/{@code if_primary_term}), or absent
     * ({@link Op#CREATE}): a 409 means another writer changed it meanwhile, and the action is resolved again.
     *
     * @param body the source (INDEX, CREATE) or the partial document (UPDATE); empty for DELETE
     */
    record Conditional(Op op, String id, long ifSeqNo, long ifPrimaryTerm, byte[] body) implements BulkAction {
        public Conditional {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(body, "body");
        }

        @Override
        public long estimatedBytes() {
            return body.length + id.length() * 3L + 100;
        }

        /** The kind of write. */
        public enum Op {
            CREATE,
            INDEX,
            UPDATE,
            DELETE
        }
    }

    /** Nothing to write (an older enrichment of an arrival already stored): counted as stale, not sent. */
    record Skip(String id) implements BulkAction {
        @Override
        public long estimatedBytes() {
            return 0;
        }
    }
}
