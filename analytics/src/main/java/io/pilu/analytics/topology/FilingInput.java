package io.pilu.analytics.topology;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pilu.model.ResearchVisit;
import java.util.List;
import java.util.Objects;

/**
 * What {@link FilingRouter} sends, repartitioned by filing id, to {@link VisitExploder}: one arrival of a filing
 * (an IR record from one source) with the visits it yields, or the withdrawal of that arrival. Small on purpose: the
 * visits, not the enriched record with its text, cross the repartition topic.
 *
 * @param announcementId    the arrival's raw id
 * @param source            the site it came from ({@code bse}, {@code cninfo}), which breaks ties between arrivals
 * @param enrichmentVersion its enrichment version
 * @param visits            its visits (empty for a withdrawal)
 * @param withdrawn         true when this arrival is withdrawn (or has moved to another filing)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FilingInput(
        String announcementId, String source, int enrichmentVersion, List<ResearchVisit> visits, boolean withdrawn) {

    public FilingInput {
        Objects.requireNonNull(announcementId, "announcementId");
        visits = visits == null ? List.of() : List.copyOf(visits);
    }

    static FilingInput withdrawal(String announcementId) {
        return new FilingInput(announcementId, null, 0, List.of(), true);
    }
}
