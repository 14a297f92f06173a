package io.pilu.sink.es;

import java.util.List;
import java.util.Objects;

/**
 * One line pair (index, update) or line (delete) of a {@code _bulk} request, or a {@link Withdraw} the sink resolves
 * to one before sending.
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
     * A scripted upsert of document {@code id} ({@code {"update":…}} with {@code body} as the second line), for a
     * document several records merge into: one filing's arrivals from several sources. The script carries the
     * version rule; a 409 (two arrivals of one filing written at the same moment) is retried, not stale.
     *
     * @param arrivalId the raw id of the record this update comes from
     */
    record Update(String id, String arrivalId, byte[] body) implements BulkAction {
        public Update {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(arrivalId, "arrivalId");
            Objects.requireNonNull(body, "body");
        }

        @Override
        public long estimatedBytes() {
            return body.length + id.length() * 3L + 80;
        }

        @Override
        public List<String> orderingKeys() {
            return List.of(id, arrivalKey(arrivalId));
        }
    }

    /**
     * The tombstone of one arrival (raw id {@code id}) of a merged document whose id the tombstone does not carry:
     * resolved before sending to an {@link Update} of the filing that holds the arrival, or to a {@link Delete} of
     * {@code id} when none does (a document written before filings were merged, or nothing).
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
}
