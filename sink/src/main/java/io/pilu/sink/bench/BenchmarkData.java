package io.pilu.sink.bench;

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
import java.util.Random;

/**
 * Synthetic enriched announcements for the benchmark: a mix shaped like real BSE traffic (about one in four an IR
 * record with participants and Q&amp;A, the rest plain announcements with a few figures), with Chinese text of
 * a few KB so bulk bodies have realistic sizes. Deterministic for a given seed.
 */
final class BenchmarkData {

    private static final String[] COMPANIES = {"并行科技", "艾融软件", "贝特瑞", "连城数控", "同力股份", "吉林碳谷", "诺思兰德", "华岭股份"};
    private static final String[] BROKERS = {"中邮证券", "中金公司", "华泰证券", "国泰君安", "中信证券", "招商证券"};
    private static final String[] CUSTOMERS = {"智谱华章", "中科闻歌", "百川智能", "月之暗面", "生数科技"};
    private static final String PARAGRAPH =
            "公司持续加大研发投入，聚焦算力服务与行业解决方案，报告期内营业收入稳步增长，" + "毛利率保持稳定。公司将继续围绕主营业务拓展客户，优化成本结构，提升经营质量。";

    private BenchmarkData() {}

    static EnrichedAnnouncement announcement(int i, Random random) {
        String company = COMPANIES[i % COMPANIES.length];
        String code = String.valueOf(830000 + (i % COMPANIES.length) * 137);
        boolean ir = i % 4 == 0;
        String id = "bench-" + i;
        StringBuilder text = new StringBuilder();
        for (int p = 0; p < 8 + random.nextInt(16); p++) {
            text.append(PARAGRAPH);
        }
        String customer = CUSTOMERS[random.nextInt(CUSTOMERS.length)];
        if (ir) {
            text.append("问：请介绍公司主要客户？答：公司重要的客户主要包括：").append(customer).append("等。");
        }
        LocalDate date = LocalDate.of(2024, 1, 1).plusDays(i % 365);
        RawAnnouncement raw = new RawAnnouncement(
                RawAnnouncement.SCHEMA_VERSION,
                id,
                "bse",
                "BSE",
                code,
                company,
                // numbered, so no two documents are one filing (FilingIdentity): the benchmark indexes n documents
                "[临时公告]" + company + (ir ? ":投资者关系活动记录表" : ":关于公司经营情况的公告") + "（" + i + "）",
                List.of("9504"),
                date,
                "https://www.bse.cn/disclosure/" + date + "/" + id + ".pdf",
                "pdf",
                null,
                (long) text.length() * 3,
                3,
                text.toString(),
                RawAnnouncement.ExtractionStatus.OK,
                null,
                Instant.parse("2024-06-18T08:00:00Z"));
        List<Figure> figures = List.of(
                new Figure("营业收入", BigDecimal.valueOf(random.nextInt(100_000), 2), "亿元", "2024-Q1", null),
                new Figure("毛利率", BigDecimal.valueOf(random.nextInt(10_000), 2), "%", "2023", null));
        if (!ir) {
            return new EnrichedAnnouncement(
                    EnrichedAnnouncement.SCHEMA_VERSION,
                    id,
                    raw,
                    DocumentClass.OTHER,
                    null,
                    figures,
                    List.of(),
                    1,
                    Instant.parse("2024-06-18T08:00:05Z"));
        }
        String broker = BROKERS[random.nextInt(BROKERS.length)];
        IrActivity activity = new IrActivity(
                IrActivity.Layout.BSE,
                List.of("特定对象调研"),
                null,
                date.toString(),
                "公司会议室",
                List.of(new IrActivity.Participant(broker, null, EntityType.BROKER, List.of())),
                null,
                null,
                List.of(new IrActivity.Receptionist("董秘", "董事会秘书")),
                List.of(new IrActivity.QaPair("请介绍公司主要客户？", "公司重要的客户主要包括：" + customer + "等。")),
                List.of(new IrActivity.NamedCompany(customer)),
                List.of());
        return new EnrichedAnnouncement(
                EnrichedAnnouncement.SCHEMA_VERSION,
                id,
                raw,
                DocumentClass.IR_ACTIVITY_RECORD,
                activity,
                figures,
                List.of(
                        new Entity(broker, null, EntityType.BROKER, EntityRole.PARTICIPANT),
                        new Entity(customer, null, EntityType.COMPANY, EntityRole.CUSTOMER)),
                1,
                Instant.parse("2024-06-18T08:00:05Z"));
    }
}
