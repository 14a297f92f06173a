package io.pilu.ingest.crawl;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The incremental crawler's state, the value of key {@code bse} on the crawler-state topic.
 *
 * @param schemaVersion version of this shape
 * @param source        the state key ({@code bse})
 * @param highWater     newest publish date of the last completed pass; null before the first one completes
 * @param floor         nothing published before this date is ever (re)published by this source
 * @param seenByDate    ids published with each publish date ≥ {@code floor} ("recently seen"), bounded
 * @param published     raw records published so far (for operators)
 * @param updatedAt     when this state was written
 */
public record CrawlCheckpoint(
        int schemaVersion,
        String source,
        LocalDate highWater,
        LocalDate floor,
        Map<String, List<String>> seenByDate,
        long published,
        Instant updatedAt) {

    public static final int SCHEMA_VERSION = 1;

    public CrawlCheckpoint {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(floor, "floor");
        seenByDate = seenByDate == null ? Map.of() : new TreeMap<>(seenByDate);
    }

    /** A fresh source that will publish from {@code floor} on. */
    public static CrawlCheckpoint initial(String source, LocalDate floor) {
        return new CrawlCheckpoint(SCHEMA_VERSION, source, null, floor, Map.of(), 0, null);
    }

    /** Number of ids in the recently-seen set. */
    public int seenCount() {
        return seenByDate.values().stream().mapToInt(List::size).sum();
    }
}
