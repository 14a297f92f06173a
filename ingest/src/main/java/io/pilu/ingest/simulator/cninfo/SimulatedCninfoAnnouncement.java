package io.pilu.ingest.simulator.cninfo;

import io.pilu.ingest.CrawlMetrics;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * One announcement as the cninfo simulator lists it: the row fields of docs/cninfo-contract.md §1, plus what decides
 * which queries find it (the {@code exchange} the company is listed on and the {@code category} code, whose
 * {@code _szdy} suffix puts it in the 调研 tab).
 *
 * @param announcementId   numeric id
 * @param secCode          company code
 * @param secName          short name
 * @param orgId            issuer id (what {@code stock=code,orgId} must name)
 * @param title            {@code announcementTitle}
 * @param announcementTime epoch milliseconds
 * @param adjunctUrl       document path, normally {@code finalpage/<date>/<id>.PDF}
 * @param adjunctSize      KB, or null
 * @param adjunctType      {@code PDF}, {@code HTML}, {@code DOCX}…
 * @param announcementType {@code ||}-joined codes, or null
 * @param columnId         {@code ||}-joined column ids, or null
 * @param pageColumn       board code such as {@code SZCY}, or null
 * @param exchange         {@code SZSE}, {@code SSE} or {@code BSE}
 * @param category         the category code the {@code category} filter matches, e.g. {@code category_dyhd_szdy}
 */
public record SimulatedCninfoAnnouncement(
        String announcementId,
        String secCode,
        String secName,
        String orgId,
        String title,
        long announcementTime,
        String adjunctUrl,
        Long adjunctSize,
        String adjunctType,
        String announcementType,
        String columnId,
        String pageColumn,
        String exchange,
        String category) {

    public static final Set<String> EXCHANGES = Set.of("SZSE", "SSE", "BSE");

    public SimulatedCninfoAnnouncement {
        Objects.requireNonNull(announcementId, "announcementId");
        Objects.requireNonNull(secCode, "secCode");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(adjunctUrl, "adjunctUrl");
        secName = secName == null ? "" : secName;
        title = title == null ? "" : title;
        category = category == null ? "" : category;
        if (!EXCHANGES.contains(exchange)) {
            throw new IllegalArgumentException("exchange must be SZSE, SSE or BSE, got " + exchange);
        }
    }

    /** The Beijing date of {@link #announcementTime()}. */
    public LocalDate publishDate() {
        return Instant.ofEpochMilli(announcementTime)
                .atZone(CrawlMetrics.EXCHANGE_ZONE)
                .toLocalDate();
    }

    /** Whether the 调研 tab ({@code tabName=relation}) lists it: its category is one of the {@code _szdy} codes. */
    public boolean inRelationTab() {
        return category.endsWith("_szdy");
    }

    /** The path its document is served at on the document host. */
    public String documentPath() {
        return adjunctUrl.startsWith("/") ? adjunctUrl : "/" + adjunctUrl;
    }
}
