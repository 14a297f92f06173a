package io.pilu.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.model.IrActivity;
import org.junit.jupiter.api.Test;

/**
 * A Shenzhen table record whose narrow label column wrapped its labels inside their cells (投资者关系活 / 动类别,
 * 参与单位名称 / 及人员姓名, 上市公司接待 / 人员姓名 with the second piece alone on its line, 投资者关系 / 活动主要内 /
 * 容介绍 over three lines, 附件清单（如 / 有）), as text from any source gives it: each piece at the head of a line,
 * beside that line's piece of the value. It reads exactly as the same record with a wide label column.
 */
class NarrowLabelColumnTest {

    @Test
    void readsAsTheWideColumnRecord() {
        IrActivity wide = IrFixtureSupport.ir("sz-table-record.txt");
        IrActivity narrow = IrFixtureSupport.ir("sz-table-record-narrow-labels.txt");
        assertThat(narrow.activityTypes()).containsExactly("特定对象调研", "分析师会议");
        assertThat(narrow.date()).isEqualTo("2024-07-15");
        assertThat(narrow.location()).isEqualTo("公司总部会议室（深圳市南山区科技园）");
        assertThat(narrow.participants())
                .extracting(IrActivity.Participant::name)
                .containsExactly("中信证券", "华泰证券", "中金公司", "高毅资产", "易方达基金");
        assertThat(narrow.receptionists()).hasSize(4);
        assertThat(narrow.qa()).hasSize(4);
        assertThat(narrow).isEqualTo(wide);
    }

    @Test
    void theNormalizerPutsEachLabelBackWholeAtTheHeadOfItsRow() {
        String normalized = new TextNormalizer()
                .normalize(String.join(
                        "\n",
                        "参与单位名称  中信证券 张三、李四",
                        "及人员姓名  华泰证券（王五）",
                        "上市公司接待  董事会秘书：陈明",
                        "人员姓名",
                        "投资者关系  公司介绍了经营情况。",
                        "活动主要内  问：公司经营情况如何？",
                        "容介绍  答：良好。"));
        assertThat(normalized)
                .isEqualTo(String.join(
                        "\n",
                        "参与单位名称及人员姓名 中信证券 张三、李四",
                        "华泰证券（王五）",
                        "上市公司接待人员姓名 董事会秘书：陈明",
                        "投资者关系活动主要内容介绍 公司介绍了经营情况。",
                        "问：公司经营情况如何？",
                        "答：良好。"));
    }

    @Test
    void aLineThatOnlyLooksLikeAPieceIsLeftAlone() {
        // 及人员 after 参与单位名称 would spell a label, but it is glued to its text: no piece, nothing moves
        String text = "参与单位名称  中信证券 张三\n及人员安排详见附件\n时间  2024年7月15日";
        assertThat(new TextNormalizer().normalize(text)).isEqualTo("参与单位名称 中信证券 张三\n及人员安排详见附件\n时间2024年7月15日");
    }
}
