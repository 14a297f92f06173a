package io.pilu.analytics.topology;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * The one date rule of the analytics: which day a visit counts on.
 *
 * <ul>
 *   <li>A full activity date ({@code 2026-07-15}) counts on that day.</li>
 *   <li>A month-only activity date ({@code 2026-07}) counts on the <b>first day of that month</b>
 *       ({@code 2026-07-01}): in windows, {@code from}/{@code to} filters and first-time coverage alike. The first
 *       day because the activity happened no earlier than that, and because the written forms then sort in the same
 *       order as the days they count on ({@code 2026-07} &lt; {@code 2026-07-01} &lt; {@code 2026-07-02}), so first
 *       and last dates can be shown as written. Responses always show the date as written.</li>
 *   <li>No readable activity date: the announcement's publish date (the activity happened no later than that).</li>
 *   <li>Neither: the visit counts in totals but in no window.</li>
 * </ul>
 */
public final class ActivityDates {

    private ActivityDates() {}

    /** The day {@code activityDate} (as written) counts on, else {@code publishDate}, else null. */
    public static LocalDate effective(String activityDate, LocalDate publishDate) {
        LocalDate parsed = parse(activityDate);
        return parsed != null ? parsed : publishDate;
    }

    /** {@code YYYY-MM-DD} as that day, {@code YYYY-MM} as its first day, anything else null. */
    public static LocalDate parse(String written) {
        if (written == null) {
            return null;
        }
        String s = written.strip();
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s);
            }
            if (s.length() == 7) {
                return YearMonth.parse(s).atDay(1);
            }
        } catch (DateTimeParseException e) {
            return null;
        }
        return null;
    }

    /** The {@code YYYY-MM} month a written date (or, failing that, the publish date) falls in, or null. */
    public static String month(String activityDate, LocalDate publishDate) {
        LocalDate d = effective(activityDate, publishDate);
        return d == null ? null : YearMonth.from(d).toString();
    }
}
