package io.pilu.ingest.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilu.model.Json;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One announcement as bse.cn lists it. The components carry the exchange's own JSON field names, so a sample
 * manifest entry reads exactly like a record of the real listing and {@link #toListingJson()} is the record the
 * simulator serves.
 *
 * @param disclosureCode      the exchange's 32-hex id; null to omit the key, as older listings do (the crawler then
 *                            derives the id from {@code destFilePath})
 * @param companyCd           six-digit security code
 * @param companyName         short name (证券简称)
 * @param disclosureTitle     {@code [临时公告]并行科技:投资者关系活动记录表} form
 * @param disclosurePostTitle usually empty
 * @param destFilePath        document path below the site root, e.g. {@code /disclosure/2024/2024-06-18/<hex>.pdf}
 * @param publishDate         publish date
 * @param fileExt             {@code pdf}, {@code html}, {@code docx}…
 * @param xxfcbj              market layer flag; {@code 2} is BSE-listed
 * @param xxzrlx              transfer type flag
 * @param disclosureType      type code such as 9503 (定期报告) or 9504 (临时公告); null to omit
 * @param disclosureSubType   subtype code such as 9503-1001 (annual report); null to omit
 */
public record SimulatedAnnouncement(
        String disclosureCode,
        String companyCd,
        String companyName,
        String disclosureTitle,
        String disclosurePostTitle,
        String destFilePath,
        LocalDate publishDate,
        String fileExt,
        String xxfcbj,
        String xxzrlx,
        String disclosureType,
        String disclosureSubType) {

    public SimulatedAnnouncement {
        // The listing always carries these: without them the real site's record would be unusable, and a
        // simulator that serves such records would only hide a mistake in the test or sample that built it.
        Objects.requireNonNull(companyCd, "companyCd");
        Objects.requireNonNull(disclosureTitle, "disclosureTitle");
        Objects.requireNonNull(destFilePath, "destFilePath");
        Objects.requireNonNull(publishDate, "publishDate");
    }

    /** The common shape: no post title, BSE-listed ({@code xxfcbj=2}), transfer type {@code B}. */
    public SimulatedAnnouncement(
            String disclosureCode,
            String companyCd,
            String companyName,
            String disclosureTitle,
            String destFilePath,
            LocalDate publishDate,
            String fileExt,
            String disclosureType,
            String disclosureSubType) {
        this(
                disclosureCode,
                companyCd,
                companyName,
                disclosureTitle,
                "",
                destFilePath,
                publishDate,
                fileExt,
                "2",
                "B",
                disclosureType,
                disclosureSubType);
    }

    /**
     * The listing record, keys in the order bse.cn sends them; null components are left out rather than sent as
     * JSON null, as the exchange does.
     */
    public ObjectNode toListingJson() {
        ObjectNode r = Json.mapper().createObjectNode();
        putIfPresent(r, "disclosureCode", disclosureCode);
        r.put("companyCd", companyCd);
        putIfPresent(r, "companyName", companyName);
        r.put("disclosureTitle", disclosureTitle);
        putIfPresent(r, "disclosurePostTitle", disclosurePostTitle);
        r.put("destFilePath", destFilePath);
        r.put("publishDate", publishDate.toString());
        putIfPresent(r, "fileExt", fileExt);
        putIfPresent(r, "disclosureType", disclosureType);
        putIfPresent(r, "disclosureSubType", disclosureSubType);
        putIfPresent(r, "xxfcbj", xxfcbj);
        putIfPresent(r, "xxzrlx", xxzrlx);
        return r;
    }

    private static void putIfPresent(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }
}
