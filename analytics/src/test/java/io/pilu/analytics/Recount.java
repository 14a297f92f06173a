package io.pilu.analytics;

import io.pilu.analytics.topology.ActivityDates;
import io.pilu.analytics.topology.InstitutionNames;
import io.pilu.analytics.topology.VisitMapper;
import io.pilu.model.CompanyCoverage;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.EntityType;
import io.pilu.model.FilingIdentity;
import io.pilu.model.InstitutionCoverage;
import io.pilu.model.ResearchVisit;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The figures recounted from scratch, the simple way, from the announcements that are live at the end (latest
 * version of each id, withdrawn ones removed): what every incremental figure must equal. A filing that arrived from
 * several sources counts once, with the visits of its primary arrival (highest enrichment version, then bse before
 * cninfo, then the smallest id).
 */
public final class Recount {

    private final Map<String, ResearchVisit> visits;

    public Recount(Collection<EnrichedAnnouncement> live, InstitutionNames names) {
        VisitMapper mapper = new VisitMapper(names);
        visits = new TreeMap<>();
        Map<String, EnrichedAnnouncement> primaries = new TreeMap<>();
        Comparator<EnrichedAnnouncement> primaryFirst = Comparator.<EnrichedAnnouncement>comparingInt(
                        e -> -e.enrichmentVersion())
                .thenComparingInt(
                        e -> FilingIdentity.sourceRank(e.announcement().source()))
                .thenComparing(EnrichedAnnouncement::id);
        for (EnrichedAnnouncement e : live) {
            primaries.merge(e.filingId(), e, (a, b) -> primaryFirst.compare(a, b) <= 0 ? a : b);
        }
        for (EnrichedAnnouncement e : primaries.values()) {
            for (ResearchVisit v : mapper.visits(e)) {
                visits.put(v.key(), v);
            }
        }
    }

    public Map<String, ResearchVisit> visits() {
        return visits;
    }

    public Map<String, CompanyCoverage> companies() {
        Map<String, CompanyCoverage> out = new TreeMap<>();
        visits.values().stream()
                .collect(Collectors.groupingBy(ResearchVisit::companyCode))
                .forEach((code, vs) -> {
                    Map<String, List<ResearchVisit>> byInstitution = vs.stream()
                            .collect(Collectors.groupingBy(v -> v.institution().normalizedName()));
                    TreeMap<EntityType, CompanyCoverage.TypeCount> byType = new TreeMap<>();
                    for (EntityType t : EntityType.values()) {
                        long visitsOfType = vs.stream()
                                .filter(v -> v.institution().type() == t)
                                .count();
                        long institutionsOfType = byInstitution.values().stream()
                                .filter(l -> l.get(0).institution().type() == t)
                                .count();
                        if (visitsOfType > 0 || institutionsOfType > 0) {
                            byType.put(t, new CompanyCoverage.TypeCount(institutionsOfType, visitsOfType));
                        }
                    }
                    out.put(
                            code,
                            new CompanyCoverage(
                                    CompanyCoverage.SCHEMA_VERSION,
                                    code,
                                    vs.get(0).companyName(),
                                    byInstitution.size(),
                                    vs.size(),
                                    byType,
                                    first(vs),
                                    last(vs),
                                    months(vs)));
                });
        return out;
    }

    public Map<String, InstitutionCoverage> institutions() {
        Map<String, InstitutionCoverage> out = new TreeMap<>();
        visits.values().stream()
                .collect(Collectors.groupingBy(v -> v.institution().normalizedName()))
                .forEach((n, vs) -> out.put(
                        n,
                        new InstitutionCoverage(
                                InstitutionCoverage.SCHEMA_VERSION,
                                n,
                                null,
                                vs.get(0).institution().type(),
                                vs.stream()
                                        .map(ResearchVisit::companyCode)
                                        .distinct()
                                        .count(),
                                vs.size(),
                                first(vs),
                                last(vs),
                                months(vs))));
        return out;
    }

    /** Distinct institutions and visits per company with a visit counting in [from, to]. */
    public Map<String, long[]> companiesIn(LocalDate from, LocalDate to) {
        Map<String, long[]> out = new TreeMap<>();
        visits.values().stream()
                .filter(v -> in(v, from, to))
                .collect(Collectors.groupingBy(ResearchVisit::companyCode))
                .forEach((code, vs) -> out.put(code, new long[] {
                    vs.stream()
                            .map(v -> v.institution().normalizedName())
                            .distinct()
                            .count(),
                    vs.size()
                }));
        return out;
    }

    public static boolean in(ResearchVisit v, LocalDate from, LocalDate to) {
        LocalDate d = ActivityDates.effective(v.activityDate(), v.publishDate());
        return d != null && !d.isBefore(from) && !d.isAfter(to);
    }

    private static String written(ResearchVisit v) {
        return ActivityDates.parse(v.activityDate()) != null
                ? v.activityDate()
                : v.publishDate() == null ? null : v.publishDate().toString();
    }

    private static String first(List<ResearchVisit> vs) {
        return vs.stream()
                .map(Recount::written)
                .filter(Objects::nonNull)
                .min(Comparator.comparing((String w) -> ActivityDates.parse(w)).thenComparing(w -> w))
                .orElse(null);
    }

    private static String last(List<ResearchVisit> vs) {
        return vs.stream()
                .map(Recount::written)
                .filter(Objects::nonNull)
                .max(Comparator.comparing((String w) -> ActivityDates.parse(w)).thenComparing(w -> w))
                .orElse(null);
    }

    private static TreeMap<String, Long> months(List<ResearchVisit> vs) {
        TreeMap<String, Long> m = new TreeMap<>();
        for (ResearchVisit v : vs) {
            LocalDate d = ActivityDates.effective(v.activityDate(), v.publishDate());
            if (d != null) {
                m.merge(YearMonth.from(d).toString(), 1L, Long::sum);
            }
        }
        return m;
    }
}
