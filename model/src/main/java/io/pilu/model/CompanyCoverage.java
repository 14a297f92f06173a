package io.pilu.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Who has researched a company, in figures. Published to {@link Topics#COMPANY_COVERAGE} (compacted) keyed by
 * the company code; a tombstone when no visit remains.
 *
 * @param schemaVersion        version of this record's shape, see {@link #SCHEMA_VERSION}
 * @param companyCode          the company's security code
 * @param companyName          its short name (from the latest record)
 * @param institutions         distinct institutions that visited it
 * @param visits               visits: (announcement, institution) pairs
 * @param byInstitutionType    institutions and visits per institution type
 * @param firstActivityDate    earliest activity date, as written ({@code YYYY-MM-DD} or {@code YYYY-MM})
 * @param lastActivityDate     latest activity date, as written
 * @param months               visits per activity month ({@code YYYY-MM})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompanyCoverage(
        int schemaVersion,
        String companyCode,
        String companyName,
        long institutions,
        long visits,
        SortedMap<EntityType, TypeCount> byInstitutionType,
        String firstActivityDate,
        String lastActivityDate,
        SortedMap<String, Long> months) {

    public static final int SCHEMA_VERSION = 1;

    public CompanyCoverage {
        Objects.requireNonNull(companyCode, "companyCode");
        byInstitutionType = byInstitutionType == null ? new TreeMap<>() : new TreeMap<>(byInstitutionType);
        months = months == null ? new TreeMap<>() : new TreeMap<>(months);
    }

    /** Institutions and visits of one type. */
    public record TypeCount(long institutions, long visits) {}
}
