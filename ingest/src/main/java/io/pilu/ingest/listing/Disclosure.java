package io.pilu.ingest.listing;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One announcement as a listing describes it, whichever source and endpoint it came from: what the crawl loop walks,
 * fetches and publishes.
 *
 * @param id             stable id, unique across sources: bse.cn's see {@link AnnouncementIds#of}; cninfo's are
 *                       {@code cninfo-<announcementId>}
 * @param disclosureCode the exchange's code, null when the listing has none
 * @param companyCode    six-digit security code
 * @param companyName    short name
 * @param title          {@code disclosureTitle}
 * @param destFilePath   document path below the exchange's base URL, as listed (not yet validated)
 * @param publishDate    publish date
 * @param fileType       lower-case extension ({@code fileExt}, else taken from the path)
 * @param typeCodes      {@code disclosureType} and {@code disclosureSubType} when present (cninfo: its
 *                       {@code announcementType} codes)
 * @param source         the site it was listed on: {@code bse} or {@code cninfo}
 * @param exchange       where the company is listed: {@code BSE}, {@code SZSE} or {@code SSE}
 */
public record Disclosure(
        String id,
        String disclosureCode,
        String companyCode,
        String companyName,
        String title,
        String destFilePath,
        LocalDate publishDate,
        String fileType,
        List<String> typeCodes,
        String source,
        String exchange) {

    /** bse.cn's source name, and the exchange of everything it lists. */
    public static final String BSE_SOURCE = "bse";

    public static final String BSE_EXCHANGE = "BSE";

    public Disclosure {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(publishDate, "publishDate");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(exchange, "exchange");
        typeCodes = List.copyOf(typeCodes);
    }

    /** A row of bse.cn's listing: every company it lists is on the BSE. */
    public Disclosure(
            String id,
            String disclosureCode,
            String companyCode,
            String companyName,
            String title,
            String destFilePath,
            LocalDate publishDate,
            String fileType,
            List<String> typeCodes) {
        this(
                id,
                disclosureCode,
                companyCode,
                companyName,
                title,
                destFilePath,
                publishDate,
                fileType,
                typeCodes,
                BSE_SOURCE,
                BSE_EXCHANGE);
    }
}
