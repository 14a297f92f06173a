package io.pilu.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pilu.model.EntityType;
import io.pilu.model.IrActivity;
import io.pilu.model.IrActivity.Participant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Participant cells that carry their own sub-labels and closing totals, and cells that name no institution. */
class ParticipantCellLabelsTest {

    private final ParticipantParser parser = new ParticipantParser(InstitutionGazetteer.loadDefault());

    private ParticipantParser.Result parse(String cell) {
        return parser.parse(new TextNormalizer().normalize(cell));
    }

    @Test
    void aSubLabelIsNotAnInstitutionAndTheClosingWordsGiveThePersonCount() {
        ParticipantParser.Result r = parse("参与机构与人数：华创证券、中金公司、华夏基金……等机构的29位投资者");
        assertThat(r.participants())
                .extracting(Participant::name, Participant::type)
                .containsExactly(
                        tuple("华创证券", EntityType.BROKER),
                        tuple("中金公司", EntityType.BROKER),
                        tuple("华夏基金", EntityType.FUND_MANAGER));
        assertThat(r.declaredPersonCount()).isEqualTo(29);
        assertThat(r.declaredInstitutionCount()).isNull();
    }

    @Test
    void bothColonsAndTheInstitutionCountWhereStated() {
        // the parser also gets the half-width colon when it is called on text the normalizer has not seen
        ParticipantParser.Result r = parser.parse("参与机构与人数:华创证券、中金公司等共36家机构的52位投资者");
        assertThat(r.participants()).extracting(Participant::name).containsExactly("华创证券", "中金公司");
        assertThat(r.declaredInstitutionCount()).isEqualTo(36);
        assertThat(r.declaredPersonCount()).isEqualTo(52);
    }

    @Test
    void everySubLabelOfTheIssue() {
        ParticipantParser.Result r = parse("""
                调研机构：华创证券、中金公司
                参会人员：华创证券 张三、中金公司 李四
                机构名称:华夏基金；人数：3人""");
        assertThat(r.participants())
                .extracting(Participant::name, Participant::people)
                .containsExactly(tuple("华创证券", List.of("张三")), tuple("中金公司", List.of("李四")), tuple("华夏基金", List.of()));
        assertThat(r.declaredPersonCount()).isEqualTo(3);
    }

    @Test
    void aListEndingInEtcInstitutionsKeepsTheLastNameClean() {
        assertThat(parse("华创证券、中金公司等机构").participants())
                .extracting(Participant::name)
                .containsExactly("华创证券", "中金公司");
        assertThat(parse("华创证券、华夏基金等机构投资者").participants())
                .extracting(Participant::name)
                .containsExactly("华创证券", "华夏基金");
    }

    @ParameterizedTest
    @ValueSource(strings = {"线上参与公司2024年度业绩说明会的投资者", "网上投资者", "参与机构与人数：网上投资者", "参会人员：线上参与公司2024年度业绩说明会的投资者"})
    void aCellNamingNoInstitutionGivesNoParticipants(String cell) {
        assertThat(parse(cell).participants()).isEmpty();
    }

    @Test
    void throughAShanghaiTableRecord() {
        IrActivity ir =
                new IrRecordParser(InstitutionGazetteer.loadDefault()).parse(new TextNormalizer().normalize("""
                投资者关系活动记录表
                投资者关系活动类别 ■业绩说明会
                参与单位名称及人员姓名 参与机构与人数：华创证券、中金公司、华夏基金……等机构的29位投资者
                时间 2025年4月28日
                投资者关系活动主要内容介绍
                1.公司一季度业绩如何？
                答：营收同比增长。
                """));
        assertThat(ir.participants()).extracting(Participant::name).containsExactly("华创证券", "中金公司", "华夏基金");
        assertThat(ir.declaredPersonCount()).isEqualTo(29);
        assertThat(ir.qa()).containsExactly(new IrActivity.QaPair("公司一季度业绩如何？", "营收同比增长。"));
    }
}
