package io.pilu.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.EntityType;
import io.pilu.model.IrActivity;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An older 投资者关系活动登记表: inline category, Chinese-numeral date, titles between names, numbered questions. */
class LegacyRegistrationFormTest {

    private final EnrichedAnnouncement enriched =
            IrFixtureSupport.enrich("legacy-registration-form.txt", "[临时公告]远航科技:投资者关系活动登记表", LocalDate.of(2016, 3, 11));
    private final IrActivity ir = enriched.irActivity();

    @Test
    void headerFields() {
        assertThat(ir.activityTypes()).containsExactly("特定对象调研");
        assertThat(ir.date()).isEqualTo("2016-03-10");
        assertThat(ir.location()).isEqualTo("公司三楼会议室");
    }

    @Test
    void participantsDropJobTitlesAndTypeUnknownFundsBySuffix() {
        assertThat(ir.participants())
                .extracting(IrActivity.Participant::name, IrActivity.Participant::type, IrActivity.Participant::people)
                .containsExactly(
                        tuple("兴业证券", EntityType.BROKER, List.of("郑一")),
                        tuple("民生加银", EntityType.FUND_MANAGER, List.of("钱二")),
                        tuple("上海迎水投资", EntityType.PRIVATE_FUND, List.of("李三")));
    }

    @Test
    void receptionistWithTwoTitles() {
        assertThat(ir.receptionists()).containsExactly(new IrActivity.Receptionist("吴九", "副总经理、董事会秘书"));
    }

    @Test
    void numberedQuestionsKeepTheAnswersOwnNumberedList() {
        assertThat(ir.qa())
                .extracting(IrActivity.QaPair::question)
                .containsExactly("公司2015年度业绩情况？", "公司的核心竞争优势是什么？", "未来三年的发展规划？");
        assertThat(ir.qa().get(1).answer())
                .startsWith("公司的竞争优势主要体现在以下方面：")
                .contains("1、技术积累深厚")
                .contains("3、管理团队稳定。");
        assertThat(ir.partners()).as("行业龙头 is a description, not a company").isEmpty();
    }
}
