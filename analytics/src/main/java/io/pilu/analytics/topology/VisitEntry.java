package io.pilu.analytics.topology;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.pilu.model.EntityType;
import io.pilu.model.ResearchVisit;
import java.time.LocalDate;
import java.util.List;

/**
 * What the stores keep of a visit: enough to answer queries and to subtract it again, far smaller than the
 * {@link ResearchVisit} on the topic (no receptionists, location or activity types), so restores stay fast.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VisitEntry(
        String announcementId,
        String companyCode,
        String companyName,
        String institution,
        String normalizedName,
        EntityType type,
        List<String> people,
        String activityDate,
        LocalDate publishDate) {

    public VisitEntry {
        people = people == null ? List.of() : List.copyOf(people);
    }

    public static VisitEntry of(ResearchVisit v) {
        return new VisitEntry(
                v.announcementId(),
                v.companyCode(),
                v.companyName(),
                v.institution().name(),
                v.institution().normalizedName(),
                v.institution().type(),
                v.people(),
                v.activityDate(),
                v.publishDate());
    }

    /** The day this visit counts on ({@link ActivityDates}), or null. */
    @JsonIgnore
    public LocalDate effectiveDate() {
        return ActivityDates.effective(activityDate, publishDate);
    }

    /** The date as written: the activity date, else the publish date, else null. */
    @JsonIgnore
    public String writtenDate() {
        if (ActivityDates.parse(activityDate) != null) {
            return activityDate.strip();
        }
        return publishDate == null ? null : publishDate.toString();
    }
}
