package io.pilu.analytics;

import io.pilu.model.DocumentClass;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.EntityType;
import io.pilu.model.IrActivity;
import io.pilu.model.RawAnnouncement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** IR records for the analytics tests, shaped after the 并行科技 record of 2024-06-17. */
public final class IrRecords {

    private IrRecords() {}

    /** A participant as enrich writes it ({@code normalizedName} may be the name as written). */
    public static IrActivity.Participant p(String name, String normalizedName, EntityType type, String... people) {
        return new IrActivity.Participant(name, normalizedName, type, Arrays.asList(people));
    }

    public static EnrichedAnnouncement ir(
            String id,
            String code,
            String company,
            String activityDate,
            LocalDate published,
            int version,
            IrActivity.Participant... participants) {
        RawAnnouncement raw = new RawAnnouncement(
                RawAnnouncement.SCHEMA_VERSION,
                id,
                "bse",
                "BSE",
                code,
                company,
                "[临时公告]" + company + ":投资者关系活动记录表",
                List.of("9504"),
                published,
                "https://www.bse.cn/disclosure/" + id + ".pdf",
                "pdf",
                "a".repeat(64),
                1000L,
                3,
                "…",
                RawAnnouncement.ExtractionStatus.OK,
                null,
                Instant.parse("2024-06-18T08:00:00Z"));
        IrActivity activity = new IrActivity(
                IrActivity.Layout.BSE,
                List.of("特定对象调研"),
                null,
                activityDate,
                "公司会议室",
                List.of(participants),
                participants.length,
                null,
                List.of(new IrActivity.Receptionist("师健伟", "董事会秘书")),
                List.of(),
                List.of(),
                List.of());
        return new EnrichedAnnouncement(
                EnrichedAnnouncement.SCHEMA_VERSION,
                id,
                raw,
                DocumentClass.IR_ACTIVITY_RECORD,
                activity,
                List.of(),
                List.of(),
                version,
                Instant.parse("2024-06-18T08:00:05Z"));
    }

    /** The seed record: 并行科技 (839493) received 中邮证券 and 地泽投资 on 2024-06-17. */
    public static EnrichedAnnouncement seed() {
        return ir(
                "8a2c7f1e",
                "839493",
                "并行科技",
                "2024-06-17",
                LocalDate.of(2024, 6, 18),
                1,
                p("中邮证券", "中邮证券有限责任公司", EntityType.BROKER, "张三"),
                p("地泽投资", "地泽投资", EntityType.PRIVATE_FUND, "李四"));
    }

    /**
     * The same filing as {@code bse} reached through cninfo ({@code column=bj}): id {@code cninfo-<announcementId>},
     * title without the bse.cn label and company prefix, cninfo's document link; same company, date and content.
     */
    public static EnrichedAnnouncement viaCninfo(EnrichedAnnouncement bse, String announcementId, int version) {
        RawAnnouncement b = bse.announcement();
        String id = "cninfo-" + announcementId;
        RawAnnouncement raw = new RawAnnouncement(
                RawAnnouncement.SCHEMA_VERSION,
                id,
                "cninfo",
                b.exchange(),
                b.companyCode(),
                b.companyName(),
                "投资者关系活动记录表",
                List.of(),
                b.publishDate(),
                "http://static.cninfo.com.cn/finalpage/" + b.publishDate() + "/" + announcementId + ".PDF",
                "pdf",
                b.documentSha256(),
                b.documentBytes(),
                b.pageCount(),
                b.text(),
                b.extraction(),
                null,
                b.fetchedAt());
        return new EnrichedAnnouncement(
                EnrichedAnnouncement.SCHEMA_VERSION,
                id,
                raw,
                bse.documentClass(),
                bse.irActivity(),
                bse.figures(),
                bse.entities(),
                version,
                bse.enrichedAt());
    }
}
