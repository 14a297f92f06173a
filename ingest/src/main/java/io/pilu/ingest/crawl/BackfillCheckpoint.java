package io.pilu.ingest.crawl;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A backfill's state, the value of key {@code bse:backfill:<from>:<to>} on the crawler-state topic. A backfill
 * walks a closed past range newest-first; once it has seen a date {@code d} on a page, every later date is
 * complete (the listing is sorted by date), so only the frontier date needs its ids remembered. That keeps the state
 * to one day of ids however long the range is, and a restart resumes at the frontier instead of page 0.
 *
 * @param schemaVersion version of this shape
 * @param source        the state key
 * @param from          first date of the range, inclusive
 * @param to            last date of the range, inclusive
 * @param frontier      oldest date reached; every date after it is complete. Null before the first page
 * @param frontierIds   ids with publish date {@code frontier} already published
 * @param done          whether the whole range is published
 * @param published     raw records published by this backfill
 * @param updatedAt     when this state was written
 */
public record BackfillCheckpoint(
        int schemaVersion,
        String source,
        LocalDate from,
        LocalDate to,
        LocalDate frontier,
        List<String> frontierIds,
        boolean done,
        long published,
        Instant updatedAt) {

    public static final int SCHEMA_VERSION = 1;

    public BackfillCheckpoint {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        frontierIds = frontierIds == null ? List.of() : List.copyOf(frontierIds);
    }

    /** The state key of a backfill of {@code from..to} for {@code source}. */
    public static String key(String source, LocalDate from, LocalDate to) {
        return source + ":backfill:" + from + ":" + to;
    }

    public static BackfillCheckpoint initial(String source, LocalDate from, LocalDate to) {
        return new BackfillCheckpoint(SCHEMA_VERSION, key(source, from, to), from, to, null, List.of(), false, 0, null);
    }
}
