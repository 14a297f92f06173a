package io.pilu.analytics.topology;

import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.EntityType;
import io.pilu.model.IrActivity;
import io.pilu.model.RawAnnouncement;
import io.pilu.model.ResearchVisit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An IR record's visits: one {@link ResearchVisit} per participating institution, by canonical name. Two
 * participants that name the same institution (中邮证券, 中邮证券有限责任公司) are one visit with both people lists.
 * Plain Java, no Kafka.
 */
public final class VisitMapper {

    private final InstitutionNames names;

    public VisitMapper(InstitutionNames names) {
        this.names = names;
    }

    /** The visits of {@code e}; empty when it carries no parsed activity or no participant. */
    public List<ResearchVisit> visits(EnrichedAnnouncement e) {
        IrActivity activity = e.irActivity();
        if (activity == null || activity.participants().isEmpty()) {
            return List.of();
        }
        RawAnnouncement raw = e.announcement();
        Map<String, Merged> byName = new LinkedHashMap<>();
        for (IrActivity.Participant p : activity.participants()) {
            String canonical = names.canonical(p.normalizedName() != null ? p.normalizedName() : p.name());
            if (canonical == null) {
                continue;
            }
            EntityType type =
                    p.type() != null ? p.type() : names.type(canonical).orElse(EntityType.OTHER);
            Merged m = byName.computeIfAbsent(canonical, k -> new Merged(p.name(), type));
            m.people.addAll(p.people());
        }
        List<ResearchVisit> out = new ArrayList<>(byName.size());
        byName.forEach((canonical, m) -> out.add(new ResearchVisit(
                ResearchVisit.SCHEMA_VERSION,
                e.id(),
                e.filingId(),
                raw.exchange(),
                raw.companyCode(),
                raw.companyName(),
                new ResearchVisit.Institution(m.name, canonical, m.type),
                List.copyOf(m.people),
                activity.date(),
                raw.publishDate(),
                activity.activityTypes(),
                activity.location(),
                activity.receptionists(),
                activity.declaredInstitutionCount(),
                activity.declaredPersonCount(),
                e.enrichmentVersion())));
        return out;
    }

    private static final class Merged {
        final String name;
        final EntityType type;
        final Set<String> people = new LinkedHashSet<>();

        Merged(String name, EntityType type) {
            this.name = name;
            this.type = type;
        }
    }
}
