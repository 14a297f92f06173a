package io.pilu.ingest.cninfo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * One row of a cninfo announcement list, as {@link CninfoResponseParser} reads it: highlight tags already stripped,
 * the publish date already in Beijing time, the {@code ||}-joined code lists split.
 *
 * @param announcementId    cninfo's numeric id, e.g. {@code 1218213960}
 * @param secCode           the company's code, e.g. {@code 000001}
 * @param secName           its short name, {@code <em>} stripped (empty when the server sent none)
 * @param orgId             the issuer id (empty when the server sent none)
 * @param title             {@code announcementTitle}, {@code <em>} stripped (empty when the server sent none)
 * @param announcementTime  the instant the server gives (epoch milliseconds)
 * @param publishDate       the Asia/Shanghai calendar date of {@code announcementTime}
 * @param adjunctUrl        the document path as listed, e.g. {@code finalpage/2023-10-24/1218213960.PDF}
 * @param adjunctSize       as listed (believed to be KB; unconfirmed), or null
 * @param adjunctType       as listed, e.g. {@code PDF}, or null
 * @param announcementTypes the taxonomy codes, leaf last (may be empty)
 * @param columnIds         the column ids (may be empty)
 * @param pageColumn        the board code such as {@code SZCY}, or null
 */
public record CninfoAnnouncement(
        String announcementId,
        String secCode,
        String secName,
        String orgId,
        String title,
        Instant announcementTime,
        LocalDate publishDate,
        String adjunctUrl,
        Long adjunctSize,
        String adjunctType,
        List<String> announcementTypes,
        List<String> columnIds,
        String pageColumn) {

    public CninfoAnnouncement {
        announcementTypes = List.copyOf(announcementTypes);
        columnIds = List.copyOf(columnIds);
    }

    /**
     * The document's type in lower case ({@code pdf}, {@code html}, {@code docx}…): {@code adjunctType} when the
     * server gave one, else the extension of {@code adjunctUrl}, else empty.
     */
    public String fileType() {
        if (adjunctType != null && !adjunctType.isBlank()) {
            return adjunctType.strip().toLowerCase(Locale.ROOT);
        }
        int slash = adjunctUrl.lastIndexOf('/');
        int dot = adjunctUrl.lastIndexOf('.');
        return dot > slash ? adjunctUrl.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }
}
