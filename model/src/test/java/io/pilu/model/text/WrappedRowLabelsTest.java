package io.pilu.model.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WrappedRowLabelsTest {

    private static List<String> reassembled(String... lines) {
        List<String> out = new ArrayList<>(List.of(lines));
        WrappedRowLabels.reassemble(out);
        return out;
    }

    @Test
    void aLabelOverTwoLinesEachWithAPieceOfTheValue() {
        assertThat(reassembled("参与单位名称 中信证券许哲、梁悦；易方达基金陈亦舟；华泰证", "及人员姓名 券黄川；中金公司顾远航；", "高毅资产周岚", "时间 2024年7月1日"))
                .containsExactly("参与单位名称及人员姓名 中信证券许哲、梁悦；易方达基金陈亦舟；华泰证", "券黄川；中金公司顾远航；", "高毅资产周岚", "时间 2024年7月1日");
        assertThat(reassembled("投资者关系活 √特定对象调研 √分析师会议", "动类别 □媒体采访 □业绩说明会", "√现场参观"))
                .containsExactly("投资者关系活动类别 √特定对象调研 √分析师会议", "□媒体采访 □业绩说明会", "√现场参观");
        assertThat(reassembled("上市公司接待 董事长 林启明；财务总监 何雯", "人员姓名 董事会秘书 蔡文涛"))
                .containsExactly("上市公司接待人员姓名 董事长 林启明；财务总监 何雯", "董事会秘书 蔡文涛");
    }

    @Test
    void aPieceAloneOnItsLineLeavesAnEmptyLine() {
        assertThat(reassembled("附件清单（如 无", "有）", "日期 2024年7月2日")).containsExactly("附件清单（如有） 无", "", "日期 2024年7月2日");
        assertThat(reassembled("上市公司接待 董事会秘书 蔡文涛", "人员姓名")).containsExactly("上市公司接待人员姓名 董事会秘书 蔡文涛", "");
    }

    @Test
    void aLabelOverThreeLines() {
        assertThat(reassembled("投资者关系活 公司介绍了经营情况，主要问题及回复如", "动主要内容介 下：", "绍 问：公司上半年经营情况如何？", "答：良好。"))
                .containsExactly("投资者关系活动主要内容介绍 公司介绍了经营情况，主要问题及回复如", "下：", "问：公司上半年经营情况如何？", "答：良好。");
    }

    @Test
    void aPieceThatIsALabelOfTheSameSectionCompletesIt() {
        assertThat(reassembled("投资者关系活动 董事会秘书介绍了公司情况", "主要内容介绍 问：毛利率？"))
                .containsExactly("投资者关系活动主要内容介绍 董事会秘书介绍了公司情况", "问：毛利率？");
        assertThat(reassembled("参与单位名称 中信证券 许哲", "及人员姓名")).containsExactly("参与单位名称及人员姓名 中信证券 许哲", "");
    }

    @Test
    void aLabelLineWithoutValueTakesTheValueOfTheNextPieces() {
        // nothing but blank lines between the pieces: the row reads as one line, as a wide column gives it
        assertThat(reassembled("活动时", "", "间：2024年9月3日", "地点 公司会议室"))
                .containsExactly("活动时间：2024年9月3日", "", "", "地点 公司会议室");
        assertThat(reassembled("投资者关系", "活动主要内", "容介绍 问：毛利率？")).containsExactly("投资者关系活动主要内容介绍 问：毛利率？", "", "");
        // a value line between: the value after the last piece stays after that line
        assertThat(reassembled("参与单位名称", "中信证券许哲", "及人员姓名 华泰证券黄川")).containsExactly("参与单位名称及人员姓名", "中信证券许哲", "华泰证券黄川");
    }

    @Test
    void piecesMayBeSeparatedByValueLinesAndBlankLines() {
        assertThat(reassembled("参与单位名称 中信证券许哲", "易方达基金陈亦舟", "", "及人员姓名", "华泰证券黄川"))
                .containsExactly("参与单位名称及人员姓名 中信证券许哲", "易方达基金陈亦舟", "", "", "华泰证券黄川");
    }

    @Test
    void aColonAfterAPieceDelimitsIt() {
        assertThat(reassembled("上市公司接待", "人员姓名：董事会秘书 蔡文涛", "董事长 林启明"))
                .containsExactly("上市公司接待人员姓名：董事会秘书 蔡文涛", "", "董事长 林启明");
        assertThat(reassembled("上市公司接待：董事长 林启明", "人员姓名")).containsExactly("上市公司接待人员姓名：董事长 林启明", "");
    }

    @Test
    void nothingIsJoinedThatDoesNotSpellALabel() {
        // a label that is whole on its line, followed by value lines
        List<String> wide = List.of("参与单位名称及人员姓名 中信证券 许哲", "及其他机构 共12人", "时间 2024年7月1日");
        assertThat(reassembled(wide.toArray(String[]::new))).isEqualTo(wide);
        // a label prefix whose continuation is not a piece (glued to its value, or a longer word)
        List<String> prose = List.of("投资者关系 管理工作", "动类别说明", "上市公司接待", "人员姓名已列示如上");
        assertThat(reassembled(prose.toArray(String[]::new))).isEqualTo(prose);
        // the continuation comes too far after the first piece
        List<String> far = List.of("上市公司接待 董事长 林启明", "一", "二", "三", "人员姓名 董事会秘书 蔡文涛");
        assertThat(reassembled(far.toArray(String[]::new))).isEqualTo(far);
        // the next row starts before a continuation
        List<String> nextRow = List.of("上市公司接待 董事长 林启明", "时间 2024年7月1日", "人员姓名 董事会秘书 蔡文涛");
        assertThat(reassembled(nextRow.toArray(String[]::new))).isEqualTo(nextRow);
    }

    @Test
    void aPieceThatOpensARowOfAnotherSectionIsNotTaken() {
        // 上市公司 + 参会人员 spells 上市公司参会人员 (reception staff), but 参会人员 opens a participants row: two rows
        // are never glued into one, at the price of not re-assembling that label when a column wraps it there
        List<String> rows = List.of("上市公司 董事长 林启明", "参会人员 中信证券 许哲");
        assertThat(reassembled(rows.toArray(String[]::new))).isEqualTo(rows);
        List<String> nextRow = List.of("参与单位 中信证券", "时间 2024年7月1日");
        assertThat(reassembled(nextRow.toArray(String[]::new))).isEqualTo(nextRow);
    }

    @Test
    void reportsTheLinesLeftEmpty() {
        List<String> lines = new ArrayList<>(List.of("时间 2024年7月1日", "地点 公司会议室"));
        assertThat(WrappedRowLabels.reassemble(lines).isEmpty()).isTrue();
        List<String> beside = new ArrayList<>(List.of("投资者关系活 √特定对象调研", "动类别 □媒体采访"));
        assertThat(WrappedRowLabels.reassemble(beside).isEmpty())
                .as("the value stays beside the piece")
                .isTrue();
        assertThat(beside).containsExactly("投资者关系活动类别 √特定对象调研", "□媒体采访");
        List<String> alone = new ArrayList<>(List.of("附件清单（如 无", "有）", "", "上市公司接待", "", "人员姓名：董事长", "日期 2024年7月2日"));
        assertThat(WrappedRowLabels.reassemble(alone).stream().boxed()).containsExactly(1, 5);
        assertThat(alone).containsExactly("附件清单（如有） 无", "", "", "上市公司接待人员姓名：董事长", "", "", "日期 2024年7月2日");
    }
}
