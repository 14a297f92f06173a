package io.pilu.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pilu.model.EntityType;
import io.pilu.model.IrActivity;
import org.junit.jupiter.api.Test;

/** Participants given as a summary: the named institutions plus the declared totals. */
class SummaryParticipantsTest {

    private final ParticipantParser parser = new ParticipantParser(InstitutionGazetteer.loadDefault());

    @Test
    void aRecordsSummaryLine() {
        IrActivity ir = IrFixtureSupport.ir("bse-damaged-multi-category.txt");
        assertThat(ir.participants())
                .extracting(
                        IrActivity.Participant::name,
                        IrActivity.Participant::normalizedName,
                        IrActivity.Participant::type)
                .containsExactly(
                        tuple("华泰证券", "华泰证券股份有限公司", EntityType.BROKER),
                        tuple("中金公司", "中国国际金融股份有限公司", EntityType.BROKER),
                        tuple("招商基金", "招商基金管理有限公司", EntityType.FUND_MANAGER),
                        tuple("平安资管", "平安资产管理有限责任公司", EntityType.INSURER));
        assertThat(ir.declaredInstitutionCount()).isEqualTo(31);
        assertThat(ir.declaredPersonCount()).isEqualTo(34);
    }

    @Test
    void ellipsisAndChineseNumeralsAndPersonCountAlone() {
        ParticipantParser.Result r = parser.parse("华泰证券、中金公司…等三十一家机构共34名投资者（排名不分先后）");
        assertThat(r.participants()).extracting(IrActivity.Participant::name).containsExactly("华泰证券", "中金公司");
        assertThat(r.declaredInstitutionCount()).isEqualTo(31);
        assertThat(r.declaredPersonCount()).isEqualTo(34);

        ParticipantParser.Result people = parser.parse("通过网络参与业绩说明会的投资者共计56人");
        assertThat(people.participants()).isEmpty();
        assertThat(people.declaredInstitutionCount()).isNull();
        assertThat(people.declaredPersonCount()).isEqualTo(56);
    }

    @Test
    void withoutASummaryNoCountsAreInvented() {
        ParticipantParser.Result r = parser.parse("中邮证券、地泽投资");
        assertThat(r.declaredInstitutionCount()).isNull();
        assertThat(r.declaredPersonCount()).isNull();
    }
}
