package io.pilu.analytics.topology;

import io.pilu.enrich.extract.InstitutionGazetteer;
import io.pilu.model.EntityType;
import java.util.Optional;

/**
 * Canonical institution names for the analytics, through enrich's {@link InstitutionGazetteer} — the one place
 * that knows 中邮证券 is 中邮证券有限责任公司 — so a record written either way (or enriched before the gazetteer
 * knew the alias) counts as one institution, and a query may name it either way.
 */
public final class InstitutionNames {

    private final InstitutionGazetteer gazetteer;

    public InstitutionNames(InstitutionGazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    /** With the gazetteer shipped with Pilu. */
    public static InstitutionNames loadDefault() {
        return new InstitutionNames(InstitutionGazetteer.loadDefault());
    }

    /**
     * The canonical name of {@code name}: the gazetteer's, else the name itself, trimmed. {@code |} separates the
     * parts of Pilu's keys, so it is replaced by its full-width form (no real institution name contains either).
     */
    public String canonical(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String canonical = gazetteer
                .resolve(name)
                .map(InstitutionGazetteer.Institution::canonicalName)
                .orElse(name.strip());
        return canonical.replace('|', '｜');
    }

    /** The type the gazetteer gives {@code name}, if it knows or can infer one. */
    public Optional<EntityType> type(String name) {
        return gazetteer.resolve(name).map(InstitutionGazetteer.Institution::type);
    }
}
