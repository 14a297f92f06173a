package io.pilu.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextNormalizerTest {

    private final TextNormalizer normalizer = new TextNormalizer();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "上 海 证 券 报|上海证券报",
                "投 资 者 关 系 活 动 类 别|投资者关系活动类别",
                "中信证券 张三、李四|中信证券 张三、李四",
                "中信证券 张 三、李 四|中信证券 张三、李四",
                "活动时间：2024 年 6 月 17 日|活动时间：2024年6月17日",
                "问题 1、请介绍|问题1、请介绍",
                "营业收入 1.31 亿元，增长 32.90 %|营业收入1.31亿元，增长32.90%",
                "相关配套 IT 设施|相关配套 IT 设施",
                "上市公司接待人员： 董事会秘书|上市公司接待人员：董事会秘书",
            })
    void spacing(String in, String out) {
        assertThat(normalizer.normalize(in)).isEqualTo(out);
    }

    @Test
    void checkGlyphsAreUnified() {
        assertThat(normalizer.normalize("√a ✓b ✔c ☑d ■e ▇f □g ☐h")).isEqualTo("☑a ☑b ☑c ☑d ☑e ☑f ☐g ☐h");
    }

    @Test
    void symbolFontGlyphsBecomeBoxesButLettersAndHanStayText() {
        // Wingdings / Wingdings 2 private-use code points, ⊠, and þ (Wingdings' ticked box read without Unicode)
        assertThat(normalizer.normalize("\uF0FEa \uF0FCb \uF0FDc \uF052d ⊠e þf \uF06Fg \uF0A8h \uF071i \uF0A3j"))
                .isEqualTo("☑a ☑b ☑c ☑d ☑e ☑f ☐g ☐h ☐i ☐j");
        // R and 口 are words elsewhere; only the category parser reads them as boxes, where a box stands
        assertThat(normalizer.normalize("R特定对象调研 口业绩说明会 R&D 出口")).isEqualTo("R特定对象调研 口业绩说明会 R&D 出口");
    }

    @Test
    void fullWidthDigitsLettersAndPunctuation() {
        assertThat(normalizer.normalize("２０２４年Ｑ１营收１．３１亿元，增长３２．９０％")).isEqualTo("2024年Q1营收1.31亿元，增长32.90%");
        assertThat(normalizer.normalize("其他(线上交流会)")).isEqualTo("其他（线上交流会）");
        assertThat(normalizer.normalize("活动时间:2024年,地点;会议室?")).isEqualTo("活动时间：2024年，地点；会议室？");
        assertThat(normalizer.normalize("14:00-15:30，共1,000人")).isEqualTo("14:00-15:30，共1,000人");
    }

    @Test
    void pageNumbersAndRepeatedHeadersAreDropped() {
        String text = String.join(
                "\n",
                "证券代码：920088 证券简称：新锐股份 公告编号：2025-031",
                "新锐精密股份有限公司",
                "投资者关系活动记录表",
                "第一页的正文",
                "- 1 -",
                "证券代码：920088 证券简称：新锐股份 公告编号：2025-031",
                "第2页共3页",
                "投资者关系活动记录表",
                "第二页的正文",
                "3/3");
        assertThat(normalizer.normalize(text))
                .isEqualTo(String.join(
                        "\n", "证券代码：920088证券简称：新锐股份 公告编号：2025-031", "新锐精密股份有限公司", "投资者关系活动记录表", "第一页的正文", "第二页的正文"));
    }

    @Test
    void controlCharactersAndCarriageReturnsAndBlankRuns() {
        assertThat(normalizer.normalize("a\r\nb\f\u0000c\u200B\n\n\n\nd\u3000e"))
                .isEqualTo("a\nb\nc\n\nd e");
        assertThat(normalizer.normalize(null)).isEmpty();
    }

    @Test
    void reflowJoinsWrappedLinesAndKeepsSentenceEnds() {
        assertThat(TextNormalizer.reflow(List.of("公司算力服务收入存在一定的季", "", "", "节性波动。", "第一季度 ARPU", "ARPU 收入较低")))
                .isEqualTo("公司算力服务收入存在一定的季节性波动。\n第一季度 ARPU ARPU 收入较低");
    }
}
