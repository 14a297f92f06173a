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

/** A Shanghai-style table record: ■ ticks, SSE category words, 会议时间 range, summary participants, Q1：/A1：. */
class ShanghaiTableLayoutTest {

    private final EnrichedAnnouncement enriched =
            IrFixtureSupport.enrich("sh-table-record.txt", "华芯微投资者关系活动记录表（2025年3月）", LocalDate.of(2025, 3, 21));
    private final IrActivity ir = enriched.irActivity();

    @Test
    void categoriesMapSseWordsToCanonicalLabels() {
        assertThat(ir.layout()).isEqualTo(IrActivity.Layout.TABLE);
        // ■电话会议 → 分析师会议, ■路演活动; □一对一沟通 is not ticked
        assertThat(ir.activityTypes()).containsExactly("分析师会议", "路演活动");
    }

    @Test
    void dateRangeGivesItsFirstDay() {
        assertThat(ir.date()).isEqualTo("2025-03-20");
        assertThat(ir.location()).isEqualTo("线上（电话会议）及上海证券交易所路演中心");
    }

    @Test
    void summaryParticipantsAndDeclaredCounts() {
        assertThat(ir.participants())
                .extracting(IrActivity.Participant::name, IrActivity.Participant::type)
                .containsExactly(
                        tuple("华泰证券", EntityType.BROKER), tuple("中金公司", EntityType.BROKER),
                        tuple("中信建投", EntityType.BROKER), tuple("国泰君安", EntityType.BROKER),
                        tuple("南方基金", EntityType.FUND_MANAGER), tuple("嘉实基金", EntityType.FUND_MANAGER),
                        tuple("泰康资产", EntityType.INSURER), tuple("Point72", EntityType.QFII));
        assertThat(ir.participants().get(3).normalizedName()).isEqualTo("国泰海通证券股份有限公司");
        assertThat(ir.declaredInstitutionCount()).isEqualTo(31);
        assertThat(ir.declaredPersonCount()).isEqualTo(34);
    }

    @Test
    void onePersonWithTwoTitlesAndAnotherWithOne() {
        assertThat(ir.receptionists())
                .containsExactly(
                        new IrActivity.Receptionist("赵敏", "董事会秘书、财务总监"), new IrActivity.Receptionist("钱程", "投资者关系经理"));
    }

    @Test
    void numberedQaAndNamedCompanies() {
        assertThat(ir.qa())
                .extracting(IrActivity.QaPair::question)
                .containsExactly("公司2024年度经营情况？", "公司的主要合作伙伴有哪些？", "海外市场拓展情况？");
        assertThat(ir.qa().get(2).answer()).isEqualTo("公司海外收入占比持续提升，客户主要包括三星电子、SK海力士。");
        assertThat(ir.partners()).extracting(IrActivity.NamedCompany::name).containsExactly("台积电", "中芯国际", "长电科技");
        assertThat(ir.customers()).extracting(IrActivity.NamedCompany::name).containsExactly("三星电子", "SK海力士");
    }

    @Test
    void figuresIncludingPercentagePoints() {
        assertThat(enriched.figures())
                .extracting(Figure::metric, Figure::value, Figure::unit, Figure::period)
                .contains(
                        tuple("营业收入", new BigDecimal("45.6"), "亿元", "2024"),
                        tuple("营业收入同比增长", new BigDecimal("22.1"), "%", "2024"),
                        tuple("毛利率", new BigDecimal("41.3"), "%", "2024"),
                        tuple("毛利率同比增长", new BigDecimal("2.1"), "个百分点", "2024"));
    }
}
