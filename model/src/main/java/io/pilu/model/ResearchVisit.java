package io.pilu.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One institution's part in one IR activity: the row of a "who researched whom" table. Published to
 * {@link Topics#RESEARCH_VISITS} (compacted) keyed by {@link #key()}; a tombstone under that key means the
 * filing was withdrawn (by every source that reported it) or a re-enrichment no longer lists the institution.
 *
 * <p>Visits are counted per filing, not per arrival: a filing reported by two sources has one set of visits,
 * keyed by its {@link FilingIdentity filingId}; {@code announcementId} names the arrival they were read from.
 *
 * @param schemaVersion            version of this record's shape, see {@link #SCHEMA_VERSION}
 * @param announcementId           the id of the IR record (the arrival) the visit was read from
 * @param filingId                 the filing ({@link FilingIdentity}); null only in a version 1 record, whose key
 *                                 used the announcement id
 * @param exchange                 source exchange, e.g. {@code BSE}
 * @param companyCode              the researched company's security code
 * @param companyName              its short name
 * @param institution              the participating institution, with its canonical name
 * @param people                   the institution's people named in the record
 * @param activityDate             {@code YYYY-MM-DD}, or {@code YYYY-MM} when the record gives only the month
 * @param publishDate              when the record was published
 * @param activityTypes            the record's ticked activity types
 * @param location                 活动地点
 * @param receptionists            the company's reception staff
 * @param declaredInstitutionCount the record's own institution count, when stated
 * @param declaredPersonCount      the record's own person count, when stated
 * @param enrichmentVersion        the enrichment version of the record it came from (a newer one replaces an older one)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResearchVisit(
        int schemaVersion,
        String announcementId,
        String filingId,
        String exchange,
        String companyCode,
        String companyName,
        Institution institution,
        List<String> people,
        String activityDate,
        LocalDate publishDate,
        List<String> activityTypes,
        String location,
        List<IrActivity.Receptionist> receptionists,
        Integer declaredInstitutionCount,
        Integer declaredPersonCount,
        int enrichmentVersion) {

    /** Version 2 added {@code filingId} and keys visits by it. */
    public static final int SCHEMA_VERSION = 2;

    public ResearchVisit {
        Objects.requireNonNull(announcementId, "announcementId");
        Objects.requireNonNull(institution, "institution");
        people = people == null ? List.of() : List.copyOf(people);
        activityTypes = activityTypes == null ? List.of() : List.copyOf(activityTypes);
        receptionists = receptionists == null ? List.of() : List.copyOf(receptionists);
    }

    /** The topic key: {@code {filingId}|{normalizedName}} ({@code {announcementId}|…} in version 1). */
    public static String key(String filingId, String normalizedName) {
        return filingId + "|" + normalizedName;
    }

    /** This visit's topic key. */
    @JsonIgnore
    public String key() {
        return key(filingId == null ? announcementId : filingId, institution.normalizedName());
    }

    /**
     * A participating institution.
     *
     * @param name           as written in the record
     * @param normalizedName canonical name (the gazetteer's), the same however the record wrote it
     * @param type           institution kind
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Institution(String name, String normalizedName, EntityType type) {
        public Institution {
            Objects.requireNonNull(normalizedName, "normalizedName");
            if (name == null || name.isBlank()) {
                name = normalizedName;
            }
            if (type == null) {
                type = EntityType.OTHER;
            }
        }
    }
}
