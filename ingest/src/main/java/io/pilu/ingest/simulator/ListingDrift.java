package io.pilu.ingest.simulator;

/** How a response of the list endpoints deviates from the contract, to prove the crawler fails closed. */
public enum ListingDrift {
    /** Answers as the contract says. */
    NONE,
    /** Endpoint A without {@code listInfo}, endpoint B without {@code data}. */
    MISSING_LIST_INFO,
    /** A non-zero {@code status} (A: 1, B: -1). */
    STATUS_NOT_ZERO,
    /** An HTML maintenance page instead of JSONP, with status 200. */
    NOT_JSONP,
    /** Records without {@code destFilePath}. */
    RECORD_WITHOUT_PATH
}
