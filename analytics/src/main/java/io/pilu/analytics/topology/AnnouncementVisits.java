package io.pilu.analytics.topology;

import java.util.List;

/**
 * The table row of one IR announcement as the analytics last applied it: its enrichment version and its visits,
 * each with a fingerprint of the full published {@link io.pilu.model.ResearchVisit} (so an unchanged visit is not
 * published again). What a replacement or a withdrawal is compared against.
 */
public record AnnouncementVisits(int enrichmentVersion, List<Stored> visits) {

    public AnnouncementVisits {
        visits = visits == null ? List.of() : List.copyOf(visits);
    }

    /** One visit as applied. */
    public record Stored(String key, VisitEntry entry, long fingerprint) {}
}
