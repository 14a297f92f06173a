package io.pilu.sink.es;

/**
 * What Elasticsearch did with one action of a {@code _bulk} request.
 *
 * @param outcome   the sink's reading of the item
 * @param status    the item's HTTP status
 * @param errorType ES error type (e.g. {@code document_parsing_exception}), null on success
 * @param reason    ES error reason, null on success
 */
public record BulkItemResult(Outcome outcome, int status, String errorType, String reason) {

    public enum Outcome {
        /** Created or updated (201/200 on index). */
        INDEXED,
        /** Deleted, or already absent (200/404 on delete). */
        DELETED,
        /** 409 version conflict: ES holds a newer (or the same, for delete races) version; expected, not an error. */
        STALE,
        /** 429 or 5xx: try again later. */
        RETRY,
        /** Any other error (mapping, parsing, 400): this document will never be accepted as is. */
        REJECTED
    }

    /** Reads one item from its action kind, status and error. */
    public static BulkItemResult of(String action, int status, String errorType, String reason) {
        return of(action, status, null, errorType, reason);
    }

    /**
     * Reads one item from its action kind, status, result ({@code created}, {@code updated}, {@code deleted},
     * {@code noop}; may be null) and error. An {@code update} is only ever a partial write of a merged document
     * (see {@code FilingMerger}), conditional on what was read: its 409 (like that of every conditional write, which
     * the caller marks) means another writer came first, and the action is resolved and sent again.
     */
    public static BulkItemResult of(String action, int status, String result, String errorType, String reason) {
        Outcome o;
        if (status == 429 || status >= 500 || ("update".equals(action) && status == 409)) {
            o = Outcome.RETRY;
        } else if ("delete".equals(action) && (status == 200 || status == 404)) {
            o = Outcome.DELETED;
        } else if (status == 200 || status == 201) {
            o = Outcome.INDEXED;
        } else if (status == 409 && "version_conflict_engine_exception".equals(errorType)) {
            o = Outcome.STALE;
        } else {
            o = Outcome.REJECTED;
        }
        return new BulkItemResult(o, status, errorType, reason);
    }
}
