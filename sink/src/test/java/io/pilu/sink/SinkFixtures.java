package io.pilu.sink;

import io.pilu.model.DocumentClass;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.Entity;
import io.pilu.model.EntityRole;
import io.pilu.model.EntityType;
import io.pilu.model.Figure;
import io.pilu.model.IrActivity;
import io.pilu.model.RawAnnouncement;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Example events shaped after the 并行科技 IR record of 2024-06-17 and a few plain announcements. */
public final class SinkFixtures {

    private SinkFixtures() {}

    public static RawAnnouncement raw(
            String id, String code, String company, String title, String text, LocalDate date) {
        return new RawAnnouncement(
                RawAnnouncement.SCHEMA_VERSION,
                id,
                "bse",
                "BSE",
                code,
                company,
                title,
                List.of("9504", "9504-4417"),
                date,
                "https://www.bse.cn/disclosure/" + date + "/" + id + ".pdf",
                "pdf",
                "a".repeat(64),
                123_456L,
                4,
                text,
                RawAnnouncement.ExtractionStatus.OK,
                null,
                Instant.parse("2024-06-18T08:00:00Z"));
    }

    public static EnrichedAnnouncement ir(String id, int version) {
        RawAnnouncement raw = raw(
                id,
                "839493",
                "并行科技",
                "[临时公告]并行科技:投资者关系活动记录表",
                "北京并行科技股份有限公司 投资者关系活动记录表。问：请介绍公司目前主要的大模型客户？答：公司重要的大模型客户主要包括：智谱华章、中科闻歌等。",
                LocalDate.of(2024, 6, 18));
        IrActivity ir = new IrActivity(
                IrActivity.Layout.BSE,
                List.of("特定对象调研"),
                null,
                "2024-06-17",
                "公司会议室",
                List.of(
                        new IrActivity.Participant("中邮证券", "中邮证券有限责任公司", EntityType.BROKER, List.of("王磊")),
                        new IrActivity.Participant("地泽投资", null, EntityType.PRIVATE_FUND, List.of())),
                31,
                34,
                List.of(new IrActivity.Receptionist("师健伟", "董事会秘书")),
                List.of(new IrActivity.QaPair("请介绍公司目前主要的大模型客户？", "公司重要的大模型客户主要包括：智谱华章、中科闻歌等。")),
                List.of(new IrActivity.NamedCompany("智谱华章"), new IrActivity.NamedCompany("中科闻歌")),
                List.of(new IrActivity.NamedCompany("英伟达")));
        return new EnrichedAnnouncement(
                EnrichedAnnouncement.SCHEMA_VERSION,
                id,
                id, // each fixture is a filing of its own, stored under its id; see crossSource for two arrivals of one
                raw,
                DocumentClass.IR_ACTIVITY_RECORD,
                ir,
                List.of(
                        new Figure("营业收入", new BigDecimal("1.31"), "亿元", "2024-Q1", "2024 年第一季度实现营业收入 1.31 亿元"),
                        new Figure("毛利率", new BigDecimal("32.90"), "%", "2023", null)),
                List.of(
                        new Entity("中邮证券", "中邮证券有限责任公司", EntityType.BROKER, EntityRole.PARTICIPANT),
                        new Entity("师健伟", null, EntityType.PERSON, EntityRole.RECEPTIONIST),
                        new Entity("智谱华章", null, EntityType.COMPANY, EntityRole.CUSTOMER)),
                version,
                Instant.parse("2024-06-18T08:00:05Z"));
    }

    public static EnrichedAnnouncement periodic(String id, int version) {
        RawAnnouncement raw = raw(
                id, "920007", "某公司", "[定期报告]某公司:2023年年度报告", "本公司2023年实现营业收入5.6亿元，同比增长12%。", LocalDate.of(2024, 4, 1));
        return new EnrichedAnnouncement(
                EnrichedAnnouncement.SCHEMA_VERSION,
                id,
                id, // each fixture is a filing of its own, stored under its id; see crossSource for two arrivals of one
                raw,
                DocumentClass.PERIODIC_REPORT,
                null,
                List.of(new Figure("营业收入", new BigDecimal("5.6"), "亿元", "2023", "2023年实现营业收入5.6亿元")),
                List.of(),
                version,
                Instant.parse("2024-04-01T08:00:05Z"));
    }

    public static EnrichedAnnouncement failedExtraction(String id) {
        RawAnnouncement raw = new RawAnnouncement(
                RawAnnouncement.SCHEMA_VERSION,
                id,
                "bse",
                "BSE",
                "920007",
                "某公司",
                "[临时公告]某公司:年度报告",
                List.of(),
                LocalDate.of(2024, 4, 1),
                "https://www.bse.cn/disclosure/2024/2024-04-01/1.pdf",
                "pdf",
                null,
                null,
                null,
                null,
                RawAnnouncement.ExtractionStatus.FAILED,
                "PDF is encrypted",
                Instant.parse("2024-04-01T08:00:00Z"));
        return new EnrichedAnnouncement(
                EnrichedAnnouncement.SCHEMA_VERSION,
                id,
                id, // each fixture is a filing of its own, stored under its id; see crossSource for two arrivals of one
                raw,
                DocumentClass.OTHER,
                null,
                List.of(),
                List.of(),
                1,
                Instant.parse("2024-04-01T08:00:05Z"));
    }

    /**
     * The 并行科技 IR record as the two sources report it: from bse.cn (its disclosureCode, the exchange's title with its
     * label and company prefix, the bse.cn link) and from cninfo ({@code column=bj}: {@code cninfo-<announcementId>},
     * the bare title, the static.cninfo.com.cn link); same company, date and text, so one filing ({@link
     * io.pilu.model.FilingIdentity}).
     */
    public static EnrichedAnnouncement bseArrival(int version) {
        EnrichedAnnouncement e = ir("8a2c7f1e0b3d4c5e9f6a7b8c9d0e1f2a", version);
        return new EnrichedAnnouncement(
                EnrichedAnnouncement.SCHEMA_VERSION,
                e.id(),
                e.announcement(),
                e.documentClass(),
                e.irActivity(),
                e.figures(),
                e.entities(),
                version,
                e.enrichedAt());
    }

    /** See {@link #bseArrival}. */
    public static EnrichedAnnouncement cninfoArrival(int version) {
        EnrichedAnnouncement e = bseArrival(version);
        RawAnnouncement b = e.announcement();
        RawAnnouncement raw = new RawAnnouncement(
                RawAnnouncement.SCHEMA_VERSION,
                "cninfo-1220283591",
                "cninfo",
                "BSE",
                b.companyCode(),
                b.companyName(),
                "投资者关系活动记录表",
                List.of(),
                b.publishDate(),
                "http://static.cninfo.com.cn/finalpage/" + b.publishDate() + "/1220283591.PDF",
                "pdf",
                "b".repeat(64),
                b.documentBytes(),
                b.pageCount(),
                b.text(),
                b.extraction(),
                null,
                b.fetchedAt());
        return new EnrichedAnnouncement(
                EnrichedAnnouncement.SCHEMA_VERSION,
                raw.id(),
                raw,
                e.documentClass(),
                e.irActivity(),
                e.figures(),
                e.entities(),
                version,
                e.enrichedAt());
    }
}
