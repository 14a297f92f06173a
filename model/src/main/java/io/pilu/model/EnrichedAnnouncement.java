package io.pilu.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An announcement after the enrich stage: the raw record plus what was understood from it. Published to
 * {@link Topics#ENRICHED} (and, for IR records, {@link Topics#IR_ACTIVITIES}) keyed by the announcement id.
 *
 * <p>One filing can arrive more than once (a Beijing filing from bse.cn and from cninfo): each arrival keeps its
 * own record and raw {@code id}, so data teams can trace both, and all of them carry the same {@link #filingId()}
 * ({@link FilingIdentity}), under which the search index and the research visits count the filing once.
 *
 * @param schemaVersion     version of this record's shape, see {@link #SCHEMA_VERSION}
 * @param id                the announcement id (same as the raw record's)
 * @param filingId          the filing this announcement is an arrival of ({@link FilingIdentity#of}); a version 1
 *                          record has none and is given the one its announcement yields
 * @param announcement      the raw record as crawled
 * @param documentClass     what kind of disclosure this is
 * @param irActivity        the parsed IR activity, only when {@code documentClass} is IR_ACTIVITY_RECORD and the
 *                          text was extracted (an unreadable record is classified on its title and has none)
 * @param figures           financial figures found in the text
 * @param entities          every entity found, with its role
 * @param enrichmentVersion version of the enrichment logic that produced this record; a newer version replaces
 *                          an older one downstream, never the reverse
 * @param enrichedAt        when the enrich stage produced it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnrichedAnnouncement(
        int schemaVersion,
        String id,
        String filingId,
        RawAnnouncement announcement,
        DocumentClass documentClass,
        IrActivity irActivity,
        List<Figure> figures,
        List<Entity> entities,
        int enrichmentVersion,
        Instant enrichedAt) {

    /** Version 2 added {@code filingId}. */
    public static final int SCHEMA_VERSION = 2;

    public EnrichedAnnouncement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(announcement, "announcement");
        if (filingId == null) {
            filingId = FilingIdentity.of(announcement);
        }
        Objects.requireNonNull(documentClass, "documentClass");
        figures = figures == null ? List.of() : List.copyOf(figures);
        entities = entities == null ? List.of() : List.copyOf(entities);
    }

    /** A record of the current version whose {@code filingId} is the one its announcement yields. */
    public EnrichedAnnouncement(
            int schemaVersion,
            String id,
            RawAnnouncement announcement,
            DocumentClass documentClass,
            IrActivity irActivity,
            List<Figure> figures,
            List<Entity> entities,
            int enrichmentVersion,
            Instant enrichedAt) {
        this(
                schemaVersion,
                id,
                null,
                announcement,
                documentClass,
                irActivity,
                figures,
                entities,
                enrichmentVersion,
                enrichedAt);
    }
}
