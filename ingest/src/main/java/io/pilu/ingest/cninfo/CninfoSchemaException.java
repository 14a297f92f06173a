package io.pilu.ingest.cninfo;

import io.pilu.ingest.listing.ListingSchemaException;
import java.util.Locale;

/**
 * A cninfo response that is not of the documented shape (docs/cninfo-contract.md). A {@link ListingSchemaException},
 * so the crawler treats it as it treats a bse.cn one: the poll fails loudly and the checkpoint does not move. Its
 * {@link #kind()} says whether the same request is worth sending again ({@link #retryable()}: an empty or truncated
 * body, which cninfo reportedly sends under rate limiting) or whether the client is being refused
 * ({@link Kind#CHALLENGE_PAGE}, which {@link CninfoClient} turns into a {@link CninfoBlockedException}).
 */
public final class CninfoSchemaException extends ListingSchemaException {

    private static final long serialVersionUID = 1L;

    /** What was wrong with the response. */
    public enum Kind {
        /** No body at all, or only whitespace: retry with backoff. */
        EMPTY_BODY,
        /** JSON that ends before it is complete: retry with backoff. */
        TRUNCATED,
        /** An HTML page where JSON is expected (an anti-crawler challenge or an error page): stop. */
        CHALLENGE_PAGE,
        /** Not JSON at all. */
        NOT_JSON,
        /** JSON, but a field is missing or of the wrong type. */
        SHAPE;

        /** The metric label value, e.g. {@code empty_body}. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;

    public CninfoSchemaException(Kind kind, String message) {
        this(kind, message, null);
    }

    public CninfoSchemaException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether sending the same request again may succeed: an empty or truncated body. */
    public boolean retryable() {
        return kind == Kind.EMPTY_BODY || kind == Kind.TRUNCATED;
    }
}
