package io.pilu.app.extract;

import static io.pilu.app.extract.TableRecordAssertions.participants;
import static io.pilu.app.extract.TableRecordAssertions.receptionists;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.enrich.extract.AnnouncementEnricher;
import io.pilu.ingest.document.DocumentTextExtractor;
import io.pilu.ingest.simulator.cninfo.CninfoSampleSet;
import io.pilu.model.DocumentClass;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.IrActivity;
import io.pilu.model.RawAnnouncement;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bundled Shenzhen and Shanghai IR records (cninfo sample set), whose table cells are as long as real ones
 * (participant lists, reception staff and answers that wrap inside their cell), through the crawler's real text
 * extraction (PDFBox and the Chinese text cleaner) and the enricher: every row keeps its label, so the place and the
 * reception staff are found; a cell line that fills its cell does not swallow the next row's label; an institution
 * name wrapped inside a cell (富 / 国基金) is read whole.
 */
class CninfoTableRecordsPdfTest {

    private final CninfoSampleSet samples = CninfoSampleSet.bundled();
    private final AnnouncementEnricher enricher = new AnnouncementEnricher();

    @Test
    void shenzhenFullTable() throws Exception {
        IrActivity ir = enrich("301367-2024-07-02-ir-record-full-table.pdf");
        TableRecordAssertions.assertFullTableRecord(ir);
        assertThat(ir.qa()).hasSize(10);
    }

    @Test
    void shenzhenTwentyFourInstitutionsInOneWrappedCell() throws Exception {
        IrActivity ir = enrich("002981-2024-06-26-ir-record-multi-institution.pdf");
        assertThat(ir.activityTypes()).containsExactlyInAnyOrder("特定对象调研", "路演活动");
        assertThat(ir.date()).isEqualTo("2024-06-25");
        assertThat(ir.location()).isEqualTo("公司会议室（杭州市余杭区）及线上会议");
        assertThat(participants(ir))
                .containsExactly(
                        "中信证券[罗文杰]",
                        "广发证券[孙一帆]",
                        "国泰君安证券[杜衡]",
                        "申万宏源证券[姚青]",
                        "东方证券[韩旭]",
                        "长江证券[武晨]",
                        "天风证券[邓可]",
                        "兴业证券[柯南星]",
                        "安信证券[魏远]",
                        "光大证券[宋雪]",
                        "华夏基金[何川]",
                        "汇添富基金[白鹭]",
                        "工银瑞信基金[孟涛]",
                        "交银施罗德基金[严蕾]",
                        "银华基金[程航]",
                        "大成基金[叶舟]",
                        "广发基金[陶然]",
                        "鹏华基金[江澄]",
                        "中欧基金[侯佳]",
                        "富国基金[苏航]",
                        "睿远基金[方宁]",
                        "中国人寿资产管理[曹宇]",
                        "平安养老保险[冯蕾]",
                        "瑞银证券[许诺]");
        assertThat(receptionists(ir)).containsExactly("郑国栋/总经理", "陈立峰/副总经理兼财务总监", "沈丽华/董事会秘书");
        assertThat(ir.qa()).hasSize(3);
    }

    @Test
    void shenzhenEarningsCall() throws Exception {
        IrActivity ir = enrich("000953-2024-05-13-ir-record-earnings-call.pdf");
        assertThat(ir.activityTypes()).containsExactly("业绩说明会");
        assertThat(ir.date()).isEqualTo("2024-05-10");
        assertThat(ir.location()).isEqualTo("深圳证券交易所“互动易”平台“云访谈”栏目");
        assertThat(ir.participants()).as("online investors, no institution").isEmpty();
        assertThat(receptionists(ir)).containsExactly("梁德昌/董事长", "罗慧珍/总经理", "温志强/财务总监", "黎嘉欣/董事会秘书", "张文博/独立董事");
        assertThat(ir.qa()).hasSize(5);
        assertThat(ir.qa().get(2).answer().replace("\n", ""))
                .isEqualTo("公司主要原材料为大豆和小麦粉，公司通过与中粮集团等供应商签订年度协议锁定部分采购价格，降低波动影响。"
                        + "同时公司持续推进产品结构优化和精益生产，通过提升高毛利产品占比和生产自动化水平，部分抵消原材料价格上涨带来的成本压力。");
    }

    @Test
    void shanghaiLayout() throws Exception {
        IrActivity ir = enrich("688529-2024-06-21-ir-record-sh-layout.pdf");
        assertThat(ir.activityTypes()).containsExactlyInAnyOrder("分析师会议", "路演活动");
        assertThat(ir.date()).isEqualTo("2024-06-19");
        assertThat(ir.location()).isEqualTo("线上（电话会议）及上海证券交易所路演中心");
        assertThat(participants(ir))
                .containsExactly("南方基金[]", "嘉实基金[]", "国泰君安[]", "招商证券[]", "兴业证券[]", "富国基金[]", "泰康资产[]", "博时基金[]");
        assertThat(ir.declaredInstitutionCount()).isEqualTo(24);
        assertThat(ir.declaredPersonCount()).isEqualTo(27);
        assertThat(receptionists(ir)).containsExactly("顾明远/董事长、总经理", "沈嘉禾/董事会秘书、财务总监", "周子涵/核心技术人员", "陆一鸣/投资者关系经理");
        assertThat(ir.qa()).hasSize(4);
    }

    private IrActivity enrich(String document) throws Exception {
        CninfoSampleSet.Sample sample = samples.samples().stream()
                .filter(s -> s.document().equals(document))
                .findFirst()
                .orElseThrow();
        String text = new DocumentTextExtractor()
                .extract(new ByteArrayInputStream(sample.content()), "pdf")
                .text();
        RawAnnouncement raw = new RawAnnouncement(
                RawAnnouncement.SCHEMA_VERSION,
                "cninfo-" + sample.announcement().announcementId(),
                "cninfo",
                sample.announcement().exchange(),
                sample.announcement().secCode(),
                sample.announcement().secName(),
                sample.announcement().title(),
                List.of(),
                LocalDate.of(2024, 7, 2),
                "http://static.cninfo.com.cn/" + sample.announcement().adjunctUrl(),
                "pdf",
                null,
                (long) sample.content().length,
                null,
                text,
                RawAnnouncement.ExtractionStatus.OK,
                null,
                Instant.EPOCH);
        EnrichedAnnouncement enriched = enricher.enrich(raw, Instant.EPOCH);
        assertThat(enriched.documentClass()).as(document).isEqualTo(DocumentClass.IR_ACTIVITY_RECORD);
        assertThat(enriched.irActivity().layout()).isEqualTo(IrActivity.Layout.TABLE);
        return enriched.irActivity();
    }
}
