package io.pilu.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.EntityType;
import io.pilu.model.Figure;
import io.pilu.model.IrActivity;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The Shenzhen two-column table record: label | value rows, people beside institutions, unprefixed first question. */
class ShenzhenTableLayoutTest {

    private final EnrichedAnnouncement enriched =
            IrFixtureSupport.enrich("sz-table-record.txt", "天阳电子：2024年7月15日投资者关系活动记录表", LocalDate.of(2024, 7, 16));
    private final IrActivity ir = enriched.irActivity();

    @Test
    void layoutCategoriesDateLocation() {
        assertThat(ir.layout()).isEqualTo(IrActivity.Layout.TABLE);
        assertThat(ir.activityTypes()).containsExactly("特定对象调研", "分析师会议");
        assertThat(ir.activityTypeOther())
                .as("the template prompt is not a detail")
                .isNull();
        assertThat(ir.date()).isEqualTo("2024-07-15");
        assertThat(ir.location()).isEqualTo("公司总部会议室（深圳市南山区科技园）");
    }

    @Test
    void participantsWithTheirPeopleInEveryNotation() {
        assertThat(ir.participants())
                .extracting(
                        IrActivity.Participant::name,
                        IrActivity.Participant::normalizedName,
                        IrActivity.Participant::type,
                        IrActivity.Participant::people)
                .containsExactly(
                        tuple("中信证券", "中信证券股份有限公司", EntityType.BROKER, java.util.List.of("张三", "李四")),
                        tuple("华泰证券", "华泰证券股份有限公司", EntityType.BROKER, java.util.List.of("王五")),
                        tuple("中金公司", "中国国际金融股份有限公司", EntityType.BROKER, java.util.List.of("赵六")),
                        tuple("高毅资产", "上海高毅资产管理合伙企业（有限合伙）", EntityType.PRIVATE_FUND, java.util.List.of("孙七")),
                        tuple("易方达基金", "易方达基金管理有限公司", EntityType.FUND_MANAGER, java.util.List.of("周八")));
    }

    @Test
    void receptionistsWithCombinedAndColonTitles() {
        assertThat(ir.receptionists())
                .containsExactly(
                        new IrActivity.Receptionist("王伟", "董事长兼总经理"),
                        new IrActivity.Receptionist("李娜", "财务总监"),
                        new IrActivity.Receptionist("陈明", "董事会秘书"),
                        new IrActivity.Receptionist("刘洋", "证券事务代表"));
    }

    @Test
    void qaIncludingTheUnprefixedFirstQuestionAndStoppingBeforeTheAttachmentRow() {
        assertThat(ir.qa())
                .extracting(IrActivity.QaPair::question)
                .containsExactly("公司2024年上半年经营情况如何？", "公司主要客户有哪些？", "公司在新能源领域有哪些布局？", "请问公司的产能规划？");
        assertThat(ir.qa().get(0).answer())
                .startsWith("2024年上半年，公司实现营业收入12.5亿元")
                .contains("归属于上市公司股东的净利润1.86亿元");
        assertThat(ir.qa().get(3).answer()).isEqualTo("公司东莞新工厂预计于2025年投产，届时产能将提升约40%。");
    }

    @Test
    void customersAndPartners() {
        assertThat(ir.customers()).extracting(IrActivity.NamedCompany::name).containsExactly("华为", "中兴通讯", "小米集团");
        assertThat(ir.partners()).extracting(IrActivity.NamedCompany::name).containsExactly("宁德时代", "比亚迪");
    }

    @Test
    void figuresWithHalfYearPeriodAndADeclineAsNegativeGrowth() {
        assertThat(enriched.figures())
                .extracting(Figure::metric, Figure::value, Figure::unit, Figure::period)
                .contains(
                        tuple("营业收入", new BigDecimal("12.5"), "亿元", "2024-H1"),
                        tuple("营业收入同比增长", new BigDecimal("18.3"), "%", "2024-H1"),
                        tuple("归母净利润", new BigDecimal("1.86"), "亿元", "2024-H1"),
                        tuple("归母净利润同比增长", new BigDecimal("-5.2"), "%", "2024-H1"));
    }
}
