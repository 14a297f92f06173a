package io.pilu.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.model.IrActivity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A tick glyph lost in extraction: the boxless item is the ticked one, unless another carries an explicit tick. */
class LostCheckGlyphTest {

    @Test
    void boxlessItemOfARecordIsTheTickedOne() {
        IrActivity ir = IrFixtureSupport.ir("bse-damaged-lost-tick.txt");
        assertThat(ir.layout()).isEqualTo(IrActivity.Layout.BSE);
        assertThat(ir.activityTypes()).containsExactly("现场参观");
        // the same record also loses nothing else to its repeated page header and page number
        assertThat(ir.date()).isEqualTo("2025-05-08");
        assertThat(ir.qa()).extracting(IrActivity.QaPair::question).containsExactly("请介绍公司产品的主要应用领域。", "公司今年的产能利用率如何？");
        assertThat(ir.qa().get(1).answer()).isEqualTo("目前产能利用率保持在较高水平。");
        assertThat(ir.receptionists())
                .containsExactly(new IrActivity.Receptionist("刘刚", "董事长"), new IrActivity.Receptionist("周婷", "董事会秘书"));
    }

    @Test
    void anExplicitTickWinsOverABoxlessItem() {
        ActivityTypeParser.Result r = ActivityTypeParser.parse(List.of("特定对象调研", "☑业绩说明会", "☐媒体采访"));
        assertThat(r.types()).containsExactly("业绩说明会");
    }

    @Test
    void everyBoxLostOnTheFullTemplateSaysNothing() {
        ActivityTypeParser.Result r =
                ActivityTypeParser.parse(List.of("特定对象调研", "业绩说明会", "媒体采访", "现场参观", "新闻发布会", "分析师会议", "路演活动", "其他"));
        assertThat(r.types()).isEmpty();
    }

    @Test
    void aCategoryWrittenInlineWithoutBoxesIsTaken() {
        assertThat(ActivityTypeParser.parse(List.of("特定对象调研、分析师会议")).types()).containsExactly("特定对象调研", "分析师会议");
    }
}
