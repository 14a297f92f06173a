package io.pilu.analytics.topology;

import io.pilu.model.EntityType;
import java.util.Map;
import java.util.TreeMap;

/**
 * One owner–counterpart pair (a company and an institution that researched it): its visits and their dates as a
 * multiset, so the first and last dates stay exact when a visit is subtracted. Mutable; lives in a state store as JSON.
 */
public final class PairStats {

    /** The counterpart's display name (institution as written, or company name), from the latest visit. */
    public String name;
    /** The institution's type when the pair was first counted; subtracting uses the same type (exact by type). */
    public EntityType type;

    public long visits;
    /** Written date (the {@link ActivityDates} order) → visits on it; "" for visits without a date. */
    public TreeMap<String, Long> dates = new TreeMap<>();

    /** The earliest written date, or null. */
    public String firstDate() {
        return dates.keySet().stream().filter(d -> !d.isEmpty()).findFirst().orElse(null);
    }

    /** The latest written date, or null. */
    public String lastDate() {
        Map.Entry<String, Long> last = dates.lastEntry();
        return last == null || last.getKey().isEmpty() ? null : last.getKey();
    }
}
