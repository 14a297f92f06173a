package io.pilu.ingest.crawl;

import io.pilu.ingest.listing.Disclosure;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An incremental crawl's state, the value of key {@code <source>} ({@code bse}, {@code cninfo}) on the
 * crawler-state topic. How it moves ({@link #after}) is the same for every source's walk.
 *
 * @param schemaVersion version of this shape
 * @param source        the state key, the source's name ({@code bse}, {@code cninfo})
 * @param highWater     newest publish date of the last completed pass; null before the first one completes
 * @param floor         nothing published before this date is ever (re)published by this source
 * @param seenByDate    ids published with each publish date ≥ {@code floor} ("recently seen"), bounded
 * @param published     raw records published so far (for operators)
 * @param updatedAt     when this state was written
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record CrawlCheckpoint(
        int schemaVersion,
        String source,
        LocalDate highWater,
        LocalDate floor,
        Map<String, List<String>> seenByDate,
        long published,
        Instant updatedAt) {

    public static final int SCHEMA_VERSION = 1;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CrawlCheckpoint.class);

    public CrawlCheckpoint {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(floor, "floor");
        seenByDate = seenByDate == null ? Map.of() : new TreeMap<>(seenByDate);
    }

    /** A fresh source that will publish from {@code floor} on. */
    public static CrawlCheckpoint initial(String source, LocalDate floor) {
        return new CrawlCheckpoint(SCHEMA_VERSION, source, null, floor, Map.of(), 0, null);
    }

    /** The recently-seen set, id → publish date. */
    public Map<String, LocalDate> seenIds() {
        Map<String, LocalDate> s = new HashMap<>();
        seenByDate.forEach((date, ids) -> {
            LocalDate d = LocalDate.parse(date);
            ids.forEach(id -> s.put(id, d));
        });
        return s;
    }

    /**
     * The state after a page published {@code publish}; when the pass is {@code complete} the high-water mark moves to
     * {@code newestInPass} (if newer) and the floor to {@code retainDays} before it. Ids dated before the floor are
     * forgotten and the set is kept under {@code maxSeenIds} (see {@link #evictOverCap}).
     *
     * @param seen the committed recently-seen set ({@link #seenIds()}), not changed
     */
    public CrawlCheckpoint after(
            Map<String, LocalDate> seen,
            List<Disclosure> publish,
            boolean complete,
            LocalDate newestInPass,
            int retainDays,
            int maxSeenIds,
            Clock clock) {
        Map<String, LocalDate> nextSeen = new HashMap<>(seen);
        publish.forEach(d -> nextSeen.put(d.id(), d.publishDate()));
        LocalDate hw = highWater;
        LocalDate fl = floor;
        if (complete && newestInPass != null) {
            hw = hw == null || newestInPass.isAfter(hw) ? newestInPass : hw;
            LocalDate trailing = hw.minusDays(retainDays);
            fl = trailing.isAfter(fl) ? trailing : fl;
        }
        LocalDate keepFrom = fl;
        nextSeen.values().removeIf(date -> date.isBefore(keepFrom));
        fl = evictOverCap(nextSeen, fl, hw, maxSeenIds);
        return new CrawlCheckpoint(
                SCHEMA_VERSION, source, hw, fl, group(nextSeen), published + publish.size(), clock.instant());
    }

    /**
     * Brings the set under the cap by dropping whole days, oldest first, and raising the floor past them, so an
     * evicted id can never be republished. Only days before the high-water day are dropped: every regular
     * announcement of those days was published by an earlier pass, so a higher floor only stops catching
     * late-listed ones. Days from the high-water day on are what a pass in progress needs to avoid both gaps and
     * duplicates; they are never dropped, and the set may exceed the cap while a pass catches up after an outage.
     *
     * @return the (possibly raised) floor
     */
    private static LocalDate evictOverCap(
            Map<String, LocalDate> ids, LocalDate floor, LocalDate highWater, int maxSeenIds) {
        if (ids.size() <= maxSeenIds) {
            return floor;
        }
        TreeMap<LocalDate, List<String>> byDate = new TreeMap<>();
        ids.forEach((id, date) ->
                byDate.computeIfAbsent(date, k -> new ArrayList<>()).add(id));
        LocalDate newFloor = floor;
        for (Map.Entry<LocalDate, List<String>> day : byDate.entrySet()) {
            if (ids.size() <= maxSeenIds || highWater == null || !day.getKey().isBefore(highWater)) {
                break;
            }
            day.getValue().forEach(ids::remove);
            newFloor = day.getKey().plusDays(1);
        }
        if (ids.size() > maxSeenIds) {
            log.warn(
                    "recently-seen set holds {} ids, over its cap of {}: a pass is catching up on everything since "
                            + "the high-water day {} (for long outages prefer `pilu backfill`)",
                    ids.size(),
                    maxSeenIds,
                    highWater);
        }
        return newFloor;
    }

    private static Map<String, List<String>> group(Map<String, LocalDate> ids) {
        Map<String, List<String>> byDate = new TreeMap<>();
        ids.forEach((id, date) ->
                byDate.computeIfAbsent(date.toString(), k -> new ArrayList<>()).add(id));
        byDate.values().forEach(l -> l.sort(null));
        return byDate;
    }

    /** Number of ids in the recently-seen set. */
    public int seenCount() {
        return seenByDate.values().stream().mapToInt(List::size).sum();
    }
}
