package io.pilu.ingest.cninfo;

import java.util.List;

/**
 * One page of a cninfo announcement list.
 *
 * @param announcements     the rows kept (never null: the server's {@code announcements: null} is an empty list)
 * @param pageNum           the page asked for (from 1; the response does not repeat it)
 * @param totalAnnouncement the server's true number of matches
 * @param totalRecordNum    the matches the server will page through (capped at 3000 by the server)
 * @param totalpages        the server's page count
 * @param hasMore           whether the server says another page follows
 * @param droppedScriptRows rows dropped because their {@code adjunctUrl} ends in {@code .js}
 * @param emptyPayload      the all-null/all-zero payload ({@code announcements: null}, totals 0, {@code hasMore}
 *                          false): a true "no results" or, reportedly, a broken channel; the caller alarms when it
 *                          expected results
 */
public record CninfoPage(
        List<CninfoAnnouncement> announcements,
        int pageNum,
        int totalAnnouncement,
        int totalRecordNum,
        int totalpages,
        boolean hasMore,
        int droppedScriptRows,
        boolean emptyPayload) {

    public CninfoPage {
        announcements = List.copyOf(announcements);
    }
}
