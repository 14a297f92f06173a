package io.pilu.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pilu.model.Figure;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FigureExtractorTest {

    private static List<Figure> extract(String text) {
        return FigureExtractor.extract(new TextNormalizer().normalize(text), 2024);
    }

    @Test
    void levelGrowthAndMarginWithTheirPeriod() {
        assertThat(
                        extract(
                                "2024 年第一季度实现营业收入 1.31 亿元，较上年同期同比增长 32.90%，其\n中算力服务相关收入约1.27亿，同比增长约90%。2024 年第一季度毛利率为\n\n34.27%。"))
                .extracting(Figure::metric, Figure::value, Figure::unit, Figure::period)
                .containsExactly(
                        tuple("营业收入", new BigDecimal("1.31"), "亿元", "2024-Q1"),
                        tuple("营业收入同比增长", new BigDecimal("32.90"), "%", "2024-Q1"),
                        tuple("毛利率", new BigDecimal("34.27"), "%", "2024-Q1"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "2024年第一季度营业收入1亿元|2024-Q1",
                "2024年一季度营业收入1亿元|2024-Q1",
                "2024年上半年营业收入1亿元|2024-H1",
                "2024年半年度营业收入1亿元|2024-H1",
                "2024年下半年营业收入1亿元|2024-H2",
                "2024年前三季度营业收入1亿元|2024-Q1-Q3",
                "2023年度营业收入1亿元|2023",
                "2023年营业收入1亿元|2023",
                "2019-2022年营业收入1亿元|2019-2022",
                "今年第二季度营业收入1亿元|2024-Q2",
                "去年营业收入1亿元|2023",
                "去年上半年营业收入1亿元|2023-H1",
            })
    void periods(String text, String period) {
        assertThat(extract(text)).singleElement().extracting(Figure::period).isEqualTo(period);
    }

    @Test
    void noPeriodInTheSentenceMeansNone() {
        assertThat(extract("2024年6月17日，公司说明：营业收入3亿元。"))
                .singleElement()
                .extracting(Figure::period)
                .isNull();
    }

    @Test
    void declinesAreNegativeGrowthAndPercentagePointsKeepTheirUnit() {
        assertThat(extract("2023年度净利润0.5亿元，同比下降12.5%；毛利率同比提升2.3个百分点。"))
                .extracting(Figure::metric, Figure::value, Figure::unit)
                .containsExactly(
                        tuple("净利润", new BigDecimal("0.5"), "亿元"),
                        tuple("毛利率同比增长", new BigDecimal("2.3"), "个百分点"),
                        tuple("净利润同比增长", new BigDecimal("-12.5"), "%"));
    }

    @Test
    void rangesAndUnnamedNumbersAreNotFigures() {
        assertThat(extract("中小用户平均客单价大约在 2-3 万元区间，企业用户平均客单价大约为 20 万元。"))
                .extracting(Figure::metric, Figure::value, Figure::unit)
                .containsExactly(tuple("客单价", new BigDecimal("20"), "万元"));
        assertThat(extract("算力服务复合增长率为60%，同比增长约90%，共有1,200名员工。")).isEmpty();
    }

    @Test
    void aRateIsNotGivenToTheWrongMetric() {
        assertThat(extract("净利润5000万元，营业收入同比增长32.9%。"))
                .extracting(Figure::metric)
                .containsExactly("净利润", "营业收入同比增长");
    }

    @Test
    void longCanonicalNames() {
        assertThat(extract("2023年归属于上市公司股东的净利润为-0.56亿元，扣除非经常性损益后的净利润-0.8亿元。"))
                .extracting(Figure::metric, Figure::value)
                .containsExactly(tuple("归母净利润", new BigDecimal("-0.56")), tuple("扣非净利润", new BigDecimal("-0.8")));
    }
}
