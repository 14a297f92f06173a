package io.pilu.analytics.topology;

import io.pilu.model.FilingIdentity;
import io.pilu.model.ResearchVisit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The table row of one IR filing as the analytics last applied it: every arrival that reports it (one per source
 * that published it, by raw id) with the visits each yields, and the visits published for the filing, each with a
 * fingerprint of the full published {@link ResearchVisit} (so an unchanged visit is not published again). What a
 * new arrival, a replacement or a withdrawal is compared against.
 *
 * <p>The published visits are those of one arrival, the {@link #primary()}: the highest enrichment version, then
 * the preferred source ({@link FilingIdentity#SOURCE_PREFERENCE}), then the smallest raw id — so the outcome does not depend on
 * the order the arrivals came in.
 */
public record FilingVisits(Map<String, Arrival> arrivals, List<Stored> visits) {

    public FilingVisits {
        arrivals = arrivals == null ? Map.of() : new TreeMap<>(arrivals);
        visits = visits == null ? List.of() : List.copyOf(visits);
    }

    /** The arrival whose visits stand for the filing, if any arrival is left. */
    Optional<Map.Entry<String, Arrival>> primary() {
        return arrivals.entrySet().stream().min(PRIMARY_FIRST);
    }

    private static final Comparator<Map.Entry<String, Arrival>> PRIMARY_FIRST =
            Comparator.<Map.Entry<String, Arrival>>comparingInt(
                            e -> -e.getValue().enrichmentVersion())
                    .thenComparingInt(
                            e -> FilingIdentity.sourceRank(e.getValue().source()))
                    .thenComparing(Map.Entry::getKey);

    /** One arrival: its source, enrichment version and visits. */
    public record Arrival(String source, int enrichmentVersion, List<ResearchVisit> visits) {
        public Arrival {
            visits = visits == null ? List.of() : List.copyOf(visits);
        }
    }

    /** One visit as published. */
    public record Stored(String key, VisitEntry entry, long fingerprint) {}
}
