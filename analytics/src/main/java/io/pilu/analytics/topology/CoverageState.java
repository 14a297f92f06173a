package io.pilu.analytics.topology;

import io.pilu.model.EntityType;
import java.util.TreeMap;

/**
 * The running figures of one owner (company or institution), maintained by adding and subtracting visits.
 * Mutable; lives in a state store as JSON. First and last dates are not kept here: they are the ends of the
 * owner's range in the visits store.
 */
public final class CoverageState {

    /** The owner's display name (company short name, or institution as written), from the latest visit. */
    public String name;
    /** Institution side: the institution's type, from the latest visit. */
    public EntityType type;
    /** Distinct counterparts. */
    public long counterparts;

    public long visits;
    /** Company side: institutions and visits per institution type. */
    public TreeMap<EntityType, TypeCounts> byType = new TreeMap<>();
    /** Visits per month ({@code YYYY-MM}) of the day they count on. */
    public TreeMap<String, Long> months = new TreeMap<>();

    /** Institutions and visits of one type. */
    public static final class TypeCounts {
        public long institutions;
        public long visits;
    }
}
