package io.pilu.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Realistic example events, shaped after the 并行科技 IR record of 2024-06-17. */
final class Fixtures {

    private Fixtures() {}

    static RawAnnouncement raw() {
        return new RawAnnouncement(
                RawAnnouncement.SCHEMA_VERSION,
                "8a2c7f1e0b3d4c5e9f6a7b8c9d0e1f2a",
                "bse",
                "BSE",
                "839493",
                "并行科技",
                "[临时公告]并行科技:投资者关系活动记录表",
                List.of("9504", "9504-4417"),
                LocalDate.of(2024, 6, 18),
                "https://www.bse.cn/disclosure/2024/2024-06-18/8a2c7f1e0b3d4c5e9f6a7b8c9d0e1f2a.pdf",
                "pdf",
                "a".repeat(64),
                123_456L,
                4,
                "北京并行科技股份有限公司 投资者关系活动记录表 …",
                RawAnnouncement.ExtractionStatus.OK,
                null,
                Instant.parse("2024-06-18T08:00:00Z"));
    }

    static RawAnnouncement failedRaw() {
        return new RawAnnouncement(
                RawAnnouncement.SCHEMA_VERSION,
                "f".repeat(64),
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
    }

    static EnrichedAnnouncement enrichedIr() {
        IrActivity ir = new IrActivity(
                IrActivity.Layout.BSE,
                List.of("特定对象调研"),
                null,
                "2024-06-17",
                "公司会议室",
                List.of(
                        new IrActivity.Participant("中邮证券", "中邮证券有限责任公司", EntityType.BROKER, List.of()),
                        new IrActivity.Participant("地泽投资", "地泽投资", EntityType.PRIVATE_FUND, List.of())),
                null,
                null,
                List.of(new IrActivity.Receptionist("师健伟", "董事会秘书")),
                List.of(new IrActivity.QaPair("请介绍公司目前主要的大模型客户？", "公司重要的大模型客户主要包括：智谱华章、中科闻歌等。")),
                List.of(new IrActivity.NamedCompany("智谱华章"), new IrActivity.NamedCompany("中科闻歌")),
                List.of());
        return new EnrichedAnnouncement(
                EnrichedAnnouncement.SCHEMA_VERSION,
                raw().id(),
                raw(),
                DocumentClass.IR_ACTIVITY_RECORD,
                ir,
                List.of(new Figure("营业收入", new BigDecimal("1.31"), "亿元", "2024-Q1", "2024 年第一季度实现营业收入 1.31 亿元")),
                List.of(
                        new Entity("中邮证券", "中邮证券有限责任公司", EntityType.BROKER, EntityRole.PARTICIPANT),
                        new Entity("师健伟", null, EntityType.PERSON, EntityRole.RECEPTIONIST),
                        new Entity("智谱华章", null, EntityType.COMPANY, EntityRole.CUSTOMER)),
                1,
                Instant.parse("2024-06-18T08:00:05Z"));
    }
}
