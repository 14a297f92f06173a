package io.pilu.ingest.crawl;

import io.pilu.ingest.listing.Disclosure;
import io.pilu.ingest.listing.ListingPage;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What this process has listed on cninfo in full, per lane (tab × column), category filter and day: the ids each
 * such listing returned, replaced every time the part is paged through again. It lets a pass tell, from a part's first
 * page alone, that the part still lists exactly those ids, so the pass need not page through it again (see
 * {@link CninfoWindowPlanner.Verdict}).
 *
 * <p>A part is judged unchanged only when the site's count of its announcements ({@code totalAnnouncement}) equals the
 * number of distinct ids known for it and every row of its first page is among them. The one change that passes both
 * tests is as many announcements withdrawn as added in the same part since it was last listed, none of the added on
 * the first page; {@link CninfoWalk} therefore lists every part in full again at least every
 * {@code --full-relist-interval}. A part over several days is known when each of its days is, and a day of all (or of
 * several) categories when it was listed whole or each of its categories was.
 *
 * <p>Only complete listings are recorded, and only once the page that completed them is committed: an id of a part
 * that was cut short, or whose last page failed to publish, is never taken as handled.
 */
final class CninfoListedParts {

    private record Key(String tab, String column, String category, LocalDate day) {}

    private final Map<Key, Set<String>> listed = new HashMap<>();

    /**
     * Records that {@code part} was listed in full and returned {@code rows} (from all its pages): each day of its
     * window now knows its ids, an empty set for a day with none.
     */
    void record(CninfoWindowPlanner.Part part, Collection<Disclosure> rows) {
        Map<LocalDate, Set<String>> byDay = new HashMap<>();
        for (LocalDate d = part.from(); !d.isAfter(part.to()); d = d.plusDays(1)) {
            byDay.put(d, new HashSet<>());
        }
        for (Disclosure row : rows) {
            Set<String> ids = byDay.get(row.publishDate());
            if (ids != null) { // a row outside the window it was asked for is never taken as known
                ids.add(row.id());
            }
        }
        byDay.forEach(
                (day, ids) -> listed.put(new Key(part.tab(), part.column(), part.category(), day), Set.copyOf(ids)));
    }

    /** The ids known for {@code part}, or null when some day of it was not listed in full by this process. */
    Set<String> known(CninfoWindowPlanner.Part part) {
        Set<String> all = new HashSet<>();
        for (LocalDate d = part.from(); !d.isAfter(part.to()); d = d.plusDays(1)) {
            Set<String> day = knownDay(part.tab(), part.column(), part.category(), d);
            if (day == null) {
                return null;
            }
            all.addAll(day);
        }
        return all;
    }

    private Set<String> knownDay(String tab, String column, String category, LocalDate day) {
        Set<String> whole = listed.get(new Key(tab, column, category, day));
        if (whole != null) {
            return whole;
        }
        List<String> categories =
                category.isEmpty() ? CninfoWindowPlanner.categoriesOf(tab) : List.of(category.split(";"));
        if (categories.size() < 2) {
            return null;
        }
        Set<String> union = new HashSet<>();
        for (String c : categories) {
            Set<String> ids = listed.get(new Key(tab, column, c.strip(), day));
            if (ids == null) {
                return null;
            }
            union.addAll(ids);
        }
        return union;
    }

    /** Whether {@code probe}, the first page of {@code part}, shows the part listing exactly what is known for it. */
    boolean unchanged(CninfoWindowPlanner.Part part, ListingPage probe) {
        Set<String> known = known(part);
        return known != null
                && probe.totalElements() == known.size()
                && probe.items().stream().allMatch(d -> known.contains(d.id()));
    }

    /** Whether some part {@code part} splits into is known, so that splitting it may spare pages. */
    boolean knowsPartOf(CninfoWindowPlanner.Part part) {
        return CninfoWindowPlanner.split(part).stream().anyMatch(p -> known(p) != null);
    }

    /** Forgets the days before {@code day}: they are out of every later window. */
    void forgetBefore(LocalDate day) {
        listed.keySet().removeIf(k -> k.day().isBefore(day));
    }

    /** Forgets everything: the next pass lists in full. */
    void clear() {
        listed.clear();
    }
}
