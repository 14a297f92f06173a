package io.pilu.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One entity named in one announcement. Published to {@link Topics#ENTITY_MENTIONS} keyed by
 * {@link #normalizedName()}, so every mention of an institution lands in the same partition, in order.
 *
 * @param schemaVersion  version of this record's shape
 * @param announcementId the announcement that names the entity
 * @param filingId       the filing it is an arrival of ({@link FilingIdentity}): a filing reported by two sources
 *                       yields its mentions twice, once per arrival, with the same {@code filingId}; count distinct
 *                       {@code (filingId, normalizedName, role)} to count each filing once. Null in version 1.
 * @param companyCode    the announcing company's code
 * @param companyName    the announcing company's name
 * @param publishDate    the announcement's publish date
 * @param documentClass  the announcement's class
 * @param name           the entity as written
 * @param normalizedName canonical name (the record key)
 * @param type           entity kind
 * @param role           its part in the announcement
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntityMention(
        int schemaVersion,
        String announcementId,
        String filingId,
        String companyCode,
        String companyName,
        LocalDate publishDate,
        DocumentClass documentClass,
        String name,
        String normalizedName,
        EntityType type,
        EntityRole role) {

    /** Version 2 added {@code filingId}. */
    public static final int SCHEMA_VERSION = 2;

    public EntityMention {
        Objects.requireNonNull(announcementId, "announcementId");
        Objects.requireNonNull(normalizedName, "normalizedName");
    }

    /** The mention of {@code entity} in {@code enriched}. */
    public static EntityMention of(EnrichedAnnouncement enriched, Entity entity) {
        RawAnnouncement a = enriched.announcement();
        return new EntityMention(
                SCHEMA_VERSION,
                enriched.id(),
                enriched.filingId(),
                a.companyCode(),
                a.companyName(),
                a.publishDate(),
                enriched.documentClass(),
                entity.name(),
                entity.normalizedName(),
                entity.type(),
                entity.role());
    }
}
