package io.pilu.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.model.IrActivity.QaPair;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every Q&amp;A notation seen in IR records, parsed from the content section's lines. */
class QaFormatsTest {

    private static List<QaPair> parse(String content) {
        return QaParser.parse(List.of(new TextNormalizer().normalize(content).split("\n")));
    }

    @Test
    void numberedQuestionsWithAnswers() {
        assertThat(parse("""
                主要问题及回复情况如下：
                问题 1、公司的毛利率
                水平如何？
                回答：毛利率保持稳定。
                问题2：海外业务？
                回答：海外业务增长较快。
                """)).containsExactly(new QaPair("公司的毛利率水平如何？", "毛利率保持稳定。"), new QaPair("海外业务？", "海外业务增长较快。"));
    }

    @Test
    void askAndAnswer() {
        assertThat(parse("问：公司订单情况？\n答：订单充足。\n问：产能？\n答：产能充足，\n正在扩产。"))
                .containsExactly(new QaPair("公司订单情况？", "订单充足。"), new QaPair("产能？", "产能充足，正在扩产。"));
    }

    @Test
    void qAndAIncludingOnOneLine() {
        assertThat(parse("Q：公司订单情况？A：订单充足。\nQ2：产能？\nA2：产能充足。"))
                .containsExactly(new QaPair("公司订单情况？", "订单充足。"), new QaPair("产能？", "产能充足。"));
    }

    @Test
    void plainNumberedItemsWithAnswerMarkers() {
        assertThat(parse("1.公司订单情况？\n答：订单充足，主要有：\n1.国内订单；\n2.海外订单。\n2.产能？\n答：充足。"))
                .containsExactly(new QaPair("公司订单情况？", "订单充足，主要有：1.国内订单；2.海外订单。"), new QaPair("产能？", "充足。"));
    }

    @Test
    void firstQuestionWithoutPrefix() {
        assertThat(parse("公司介绍了经营情况，并与投资者进行了交流。\n公司今年的订单\n情况如何？\n答：订单充足。\n问：产能？\n答：充足。"))
                .containsExactly(new QaPair("公司今年的订单情况如何？", "订单充足。"), new QaPair("产能？", "充足。"));
    }

    @Test
    void questionsWithoutAnswerMarkersSplitAtTheQuestionMark() {
        assertThat(parse("问题1、公司订单情况？订单充足。\n问题2、产能？\n产能充足。"))
                .containsExactly(new QaPair("公司订单情况？", "订单充足。"), new QaPair("产能？", "产能充足。"));
    }

    @Test
    void noQuestionsAtAll() {
        assertThat(parse("公司董事长介绍了公司的发展历程和经营情况。")).isEmpty();
        assertThat(parse("")).isEmpty();
    }
}
