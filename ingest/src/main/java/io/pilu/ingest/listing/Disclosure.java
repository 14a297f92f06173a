package io.pilu.ingest.listing;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One announcement as the listing describes it, whichever endpoint it came from.
 *
 * @param id             stable id, see {@link AnnouncementIds#of}
 * @param disclosureCode the exchange's code, null when the listing has none
 * @param companyCode    six-digit security code
 * @param companyName    short name
 * @param title          {@code disclosureTitle}
 * @param destFilePath   document path below the exchange's base URL, as listed (not yet validated)
 * @param publishDate    publish date
 * @param fileType       lower-case extension ({@code fileExt}, else taken from the path)
 * @param typeCodes      {@code disclosureType} and {@code disclosureSubType} when present
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
        List<String> typeCodes) {

    public Disclosure {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(publishDate, "publishDate");
        typeCodes = List.copyOf(typeCodes);
    }
}
