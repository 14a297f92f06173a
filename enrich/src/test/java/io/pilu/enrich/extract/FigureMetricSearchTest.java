package io.pilu.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * Figures find their metric names with a first-character table instead of the METRIC regex (issue 17); both must
 * agree on every position: the same leftmost start and the same (longest) name there.
 */
class FigureMetricSearchTest {

    private static final String[] PIECES = {
        "归属于上市公司股东的扣除非经常性损益的净利润",
        "归属于上市公司股东的净利润",
        "扣非归母净利润",
        "归母净利润",
        "净利润",
        "净利",
        "净资产收益率",
        "净资产",
        "加权平均净资产收益率",
        "营业总收入",
        "营业收入",
        "营收",
        "营业",
        "主营业务收入",
        "综合毛利率",
        "毛利率",
        "毛利",
        "研发投入",
        "研发费用",
        "研发",
        "总资产",
        "在手订单",
        "客单价",
        "每股收益",
        "基本每股收益",
        "经营活动产生的现金流量净额",
        "扣",
        "归",
        "为",
        "1.31亿元",
        "，",
        "。",
        "同比增长",
        "32.9%",
        "公司",
        " "
    };

    @Test
    void theTableFindsWhatTheRegexFinds() {
        Random random = new Random(17);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder sb = new StringBuilder();
            int pieces = 1 + random.nextInt(12);
            for (int p = 0; p < pieces; p++) {
                sb.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String s = sb.toString();
            Matcher m = FigureExtractor.METRIC.matcher(s);
            for (int from = 0; from < s.length(); from++) {
                int found = FigureExtractor.findMetric(s, from);
                if (m.find(from)) {
                    assertThat(found).as("start in %s from %d", s, from).isEqualTo(m.start());
                    assertThat(FigureExtractor.metricAt(s, found))
                            .as("name in %s", s)
                            .isEqualTo(m.group());
                } else {
                    assertThat(found).as("none in %s from %d", s, from).isEqualTo(-1);
                }
            }
        }
    }
}
