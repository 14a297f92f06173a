package io.pilu.model.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IrRecordLabelsTest {

    @Test
    void aRowLabelCountsOnlyWithWhatSeparatesItFromItsValue() {
        assertThat(IrRecordLabels.delimitedAtStart("上市公司接待人员姓名 董事会秘书沈丽华")).isEqualTo("上市公司接待人员姓名");
        assertThat(IrRecordLabels.delimitedAtStart("时间 2024年6月25日")).isEqualTo("时间");
        assertThat(IrRecordLabels.delimitedAtStart("时间：2024年6月25日")).isEqualTo("时间");
        assertThat(IrRecordLabels.delimitedAtStart("日期2024年6月26日")).isEqualTo("日期");
        assertThat(IrRecordLabels.delimitedAtStart("投资者关系活动类别 √特定对象调研")).isEqualTo("投资者关系活动类别");
        assertThat(IrRecordLabels.delimitedAtStart("投资者关系活动主要内容介绍")).isEqualTo("投资者关系活动主要内容介绍");
        assertThat(IrRecordLabels.delimitedAtStart("附件清单（如有）无")).isEqualTo("附件清单（如有）");
        // running prose that starts with a label word
        assertThat(IrRecordLabels.delimitedAtStart("时间以公司后续公告为准。")).isNull();
        assertThat(IrRecordLabels.delimitedAtStart("主要内容包括以下三个方面")).isNull();
        assertThat(IrRecordLabels.delimitedAtStart("国基金、泰康资产")).isNull();
    }

    @Test
    void longestFirstSoTheWholeLabelIsFound() {
        assertThat(IrRecordLabels.all().get(0)).isEqualTo("关于本次活动是否涉及应披露重大信息的说明");
        assertThat(IrRecordLabels.delimitedAtStart("参与单位名称及人员姓名 中信证券")).isEqualTo("参与单位名称及人员姓名");
        assertThat(IrRecordLabels.of(IrRecordLabels.Section.DATE)).contains("日期");
    }

    @Test
    void wholeLabelsAndTheirStarts() {
        assertThat(IrRecordLabels.isLabel("参与单位名称及人员姓名")).isTrue();
        assertThat(IrRecordLabels.isLabel("参与单位名称及")).isFalse();
        assertThat(IrRecordLabels.startsLabel("参与单位名称及")).isTrue();
        assertThat(IrRecordLabels.startsLabel("附件清单（如")).isTrue();
        assertThat(IrRecordLabels.startsLabel("时间")).isTrue();
        assertThat(IrRecordLabels.startsLabel("中信证券")).isFalse();
        assertThat(IrRecordLabels.startsLabel("")).isFalse();
        assertThat(IrRecordLabels.canStartLabel('参')).isTrue();
        assertThat(IrRecordLabels.canStartLabel('中')).isFalse();
    }
}
