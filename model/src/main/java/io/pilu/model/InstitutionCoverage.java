package io.pilu.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which companies an institution has researched, in figures. Published to {@link Topics#INSTITUTION_COVERAGE}
 * (compacted) keyed by the institution's canonical name; a tombstone when no visit remains.
 *
 * @param schemaVersion     version of this record's shape, see {@link #SCHEMA_VERSION}
 * @param normalizedName    the institution's canonical name
 * @param name              the name as last written
 * @param type              its kind
 * @param companies         distinct companies it visited
 * @param visits            visits: (announcement, institution) pairs
 * @param firstActivityDate earliest activity date, as written ({@code YYYY-MM-DD} or {@code YYYY-MM})
 * @param lastActivityDate  latest activity date, as written
 * @param months            visits per activity month ({@code YYYY-MM})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstitutionCoverage(
        int schemaVersion,
        String normalizedName,
        String name,
        EntityType type,
        long companies,
        long visits,
        String firstActivityDate,
        String lastActivityDate,
        SortedMap<String, Long> months) {

    public static final int SCHEMA_VERSION = 1;

    public InstitutionCoverage {
        Objects.requireNonNull(normalizedName, "normalizedName");
        months = months == null ? new TreeMap<>() : new TreeMap<>(months);
    }
}
