package io.pilu.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pilu.model.EntityType;
import io.pilu.model.IrActivity.Participant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParticipantParserTest {

    private final ParticipantParser parser = new ParticipantParser(InstitutionGazetteer.loadDefault());

    private List<Participant> parse(String text) {
        return parser.parse(text).participants();
    }

    @Test
    void peopleBesideTheirInstitutionInEveryNotation() {
        assertThat(parse("中信证券 张三、李四；华泰证券（王五）、中金公司：赵六、地泽投资"))
                .extracting(Participant::name, Participant::people)
                .containsExactly(
                        tuple("中信证券", List.of("张三", "李四")), tuple("华泰证券", List.of("王五")),
                        tuple("中金公司", List.of("赵六")), tuple("地泽投资", List.of()));
    }

    @Test
    void aCellDescribingAnOnlineAudienceNamesNoInstitution() {
        assertThat(parse("通过深圳证券交易所“互动易”平台“云访谈”栏目参与公司2023年度网上业绩说明会的投资者")).isEmpty();
        ParticipantParser.Result counted = parser.parse("通过全景网“投资者关系互动平台”参与本次业绩说明会的56名投资者");
        assertThat(counted.participants()).isEmpty();
        assertThat(counted.declaredPersonCount()).isEqualTo(56);
        // a list is not an audience clause, even when one of its items is
        assertThat(parse("中信证券 张三、通过互动易平台参与的投资者")).extracting(Participant::name).containsExactly("中信证券");
    }

    @Test
    void namesGluedToTheInstitutionAndTitlesAndHonorifics() {
        assertThat(parse("中信证券张三、地泽投资李四先生、广发基金 基金经理 欧阳明"))
                .extracting(Participant::name, Participant::people)
                .containsExactly(
                        tuple("中信证券", List.of("张三")), tuple("地泽投资", List.of("李四")), tuple("广发基金", List.of("欧阳明")));
    }

    @Test
    void theSameInstitutionTwiceIsMergedUnderItsCanonicalName() {
        assertThat(parse("中金公司 张三、中国国际金融股份有限公司 李四"))
                .extracting(Participant::normalizedName, Participant::people)
                .containsExactly(tuple("中国国际金融股份有限公司", List.of("张三", "李四")));
    }

    @Test
    void unknownShortNamesAndLatinNamesAreInstitutionsAudiencesAreNot() {
        assertThat(parse("中信证券、迎水、Millennium Capital、个人投资者、线上参与的投资者"))
                .extracting(Participant::name, Participant::type)
                .containsExactly(
                        tuple("中信证券", EntityType.BROKER),
                        tuple("迎水", EntityType.OTHER),
                        tuple("Millennium Capital", EntityType.OTHER));
    }

    @Test
    void emptyAndGarbage() {
        assertThat(parse("")).isEmpty();
        assertThat(parse(null)).isEmpty();
        assertThat(parse("、、；；（）")).isEmpty();
    }
}
