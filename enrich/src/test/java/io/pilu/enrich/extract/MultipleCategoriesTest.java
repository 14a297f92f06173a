package io.pilu.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.model.IrActivity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several ticked categories, mixed glyphs, and 其他 with its free-text detail. */
class MultipleCategoriesTest {

    @Test
    void allTickedCategoriesInCanonicalOrderWithTheOtherDetail() {
        IrActivity ir = IrFixtureSupport.ir("bse-damaged-multi-category.txt");
        assertThat(ir.activityTypes()).containsExactly("特定对象调研", "现场参观", "分析师会议", "其他");
        assertThat(ir.activityTypeOther()).isEqualTo("线上交流会");
    }

    @Test
    void otherDetailAfterAColonAndTemplatePromptIgnored() {
        assertThat(ActivityTypeParser.parse(List.of("☑其他：券商策略会交流")).otherDetail())
                .isEqualTo("券商策略会交流");
        ActivityTypeParser.Result prompt = ActivityTypeParser.parse(List.of("☑其他（请文字说明其他活动内容）"));
        assertThat(prompt.types()).containsExactly("其他");
        assertThat(prompt.otherDetail()).isNull();
    }

    @Test
    void variantWordsMapToCanonicalLabelsAndUnknownTicksAreKeptAsOther() {
        ActivityTypeParser.Result r = ActivityTypeParser.parse(List.of("☑一对一沟通 ☑业绩交流会 ☑反路演 ☑投资者接待日 ☐新闻发布会"));
        assertThat(r.types()).containsExactly("特定对象调研", "业绩说明会", "路演活动", "其他");
        assertThat(r.otherDetail()).isEqualTo("投资者接待日");
    }
}
