package io.pilu.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pilu.model.DocumentClass;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.EntityRole;
import io.pilu.model.EntityType;
import io.pilu.model.Figure;
import io.pilu.model.IrActivity;
import java.math.BigDecimal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The acceptance values on the real BSE record of 并行科技 (2024-06-17), through {@link AnnouncementEnricher#enrich}. */
class SeedAcceptanceTest {

    private static EnrichedAnnouncement enriched;
    private static IrActivity ir;

    @BeforeAll
    static void enrichSeed() {
        enriched = new AnnouncementEnricher().enrich(Fixtures.seedRaw(), Fixtures.ENRICHED_AT);
        ir = enriched.irActivity();
    }

    @Test
    void isAnIrRecordInTheBseLayout() {
        assertThat(enriched.documentClass()).isEqualTo(DocumentClass.IR_ACTIVITY_RECORD);
        assertThat(enriched.enrichmentVersion()).isEqualTo(AnnouncementEnricher.ENRICHMENT_VERSION);
        assertThat(enriched.id()).isEqualTo(Fixtures.seedRaw().id());
        assertThat(ir).isNotNull();
        assertThat(ir.layout()).isEqualTo(IrActivity.Layout.BSE);
    }

    @Test
    void categoryDateAndLocation() {
        assertThat(ir.activityTypes()).containsExactly("特定对象调研");
        assertThat(ir.activityTypeOther()).isNull();
        assertThat(ir.date()).isEqualTo("2024-06-17");
        assertThat(ir.location()).isEqualTo("公司会议室");
    }

    @Test
    void participants() {
        assertThat(ir.participants())
                .extracting(
                        IrActivity.Participant::name,
                        IrActivity.Participant::normalizedName,
                        IrActivity.Participant::type)
                .containsExactly(
                        tuple("中邮证券", "中邮证券有限责任公司", EntityType.BROKER), tuple("地泽投资", "地泽投资", EntityType.PRIVATE_FUND));
        assertThat(ir.participants()).allSatisfy(p -> assertThat(p.people()).isEmpty());
        assertThat(ir.declaredInstitutionCount()).isNull();
        assertThat(ir.declaredPersonCount()).isNull();
    }

    @Test
    void receptionist() {
        assertThat(ir.receptionists()).containsExactly(new IrActivity.Receptionist("师健伟", "董事会秘书"));
    }

    @Test
    void sixQuestionsWithTheirAnswers() {
        assertThat(ir.qa()).hasSize(6);
        assertThat(ir.qa())
                .extracting(IrActivity.QaPair::question)
                .containsExactly(
                        "请介绍公司算力采购策略，目前公司算力资源利用率较高，近期是否有扩建规划？",
                        "公司收入是否存在季节性波动？",
                        "请介绍公司算力服务下游用户应用领域",
                        "公司单一用户平均客单价大概是多少？",
                        "请介绍公司目前主要的大模型客户？",
                        "请问公司今年第二季度盈利预期如何？");
        assertThat(ir.qa().get(0).answer())
                .startsWith("针对采购标的而言，公司算力资源和相关配套 IT 设施采购主要分为设备类采购和资源类采购。")
                .endsWith("具体的采购扩建安排请关注公司公告。");
        assertThat(ir.qa().get(1).answer())
                .startsWith("公司算力服务收入存在一定的季节性波动。")
                // the page break inside 季度|间 is re-joined
                .contains("但季度间差异小于科研用户。")
                .endsWith("今年第一季度整体表现良好。");
        assertThat(ir.qa().get(2).answer()).startsWith("公司核心业务为算力服务，细分产品线包括通用云、行业云和 AI 云。");
        assertThat(ir.qa().get(3).answer()).startsWith("中小用户平均客单价大约在2-3万元区间，企业用户平均客单价大约为20万元。");
        assertThat(ir.qa().get(4).answer()).isEqualTo("公司重要的大模型客户主要包括：智谱华章、中科闻歌、瑞莱智慧、虎博网络、澜舟科技、北京智源人工智能研究院等。");
        assertThat(ir.qa().get(5).answer())
                .startsWith("公司主营算力服务业务预计在2024年度持续保持较高增速。")
                .endsWith("逐步提高公司的盈利水平。");
        // no answer runs into the next question, and the signature is not part of the last answer
        assertThat(ir.qa())
                .allSatisfy(p -> assertThat(p.answer()).doesNotContain("问题").doesNotContain("董事会\n"));
        assertThat(ir.qa().get(5).answer()).doesNotContain("2024年6月18日");
    }

    @Test
    void customers() {
        assertThat(ir.customers())
                .extracting(IrActivity.NamedCompany::name)
                .containsExactly("智谱华章", "中科闻歌", "瑞莱智慧", "虎博网络", "澜舟科技", "北京智源人工智能研究院");
        assertThat(ir.partners()).isEmpty();
    }

    @Test
    void figures() {
        assertThat(enriched.figures())
                .extracting(Figure::metric, Figure::value, Figure::unit, Figure::period)
                .contains(
                        tuple("营业收入", new BigDecimal("1.31"), "亿元", "2024-Q1"),
                        tuple("营业收入同比增长", new BigDecimal("32.90"), "%", "2024-Q1"),
                        tuple("毛利率", new BigDecimal("34.27"), "%", "2024-Q1"));
        // the 90% after 其中算力服务相关收入约1.27亿 is not 营业收入's, and the 2-3万元 range is no figure
        assertThat(enriched.figures()).noneMatch(f -> f.value().compareTo(new BigDecimal("90")) == 0);
        assertThat(enriched.figures())
                .noneMatch(f -> f.value().compareTo(new BigDecimal("3")) == 0
                        || f.value().compareTo(new BigDecimal("2")) == 0);
    }

    @Test
    void entitiesWithRolesDeduplicated() {
        assertThat(enriched.entities())
                .extracting(e -> e.name(), e -> e.normalizedName(), e -> e.type(), e -> e.role())
                .containsExactly(
                        tuple("中邮证券", "中邮证券有限责任公司", EntityType.BROKER, EntityRole.PARTICIPANT),
                        tuple("地泽投资", "地泽投资", EntityType.PRIVATE_FUND, EntityRole.PARTICIPANT),
                        tuple("师健伟", "师健伟", EntityType.PERSON, EntityRole.RECEPTIONIST),
                        tuple("智谱华章", "智谱华章", EntityType.COMPANY, EntityRole.CUSTOMER),
                        tuple("中科闻歌", "中科闻歌", EntityType.COMPANY, EntityRole.CUSTOMER),
                        tuple("瑞莱智慧", "瑞莱智慧", EntityType.COMPANY, EntityRole.CUSTOMER),
                        tuple("虎博网络", "虎博网络", EntityType.COMPANY, EntityRole.CUSTOMER),
                        tuple("澜舟科技", "澜舟科技", EntityType.COMPANY, EntityRole.CUSTOMER),
                        tuple("北京智源人工智能研究院", "北京智源人工智能研究院", EntityType.COMPANY, EntityRole.CUSTOMER));
    }
}
