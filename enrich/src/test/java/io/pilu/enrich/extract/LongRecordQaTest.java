package io.pilu.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.model.IrActivity.QaPair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Q&amp;A of full-length records (earnings calls with dozens of numbered questions): every numbering and answer
 * notation, page furniture anywhere, wrapped questions, empty pages, and answers whose own numbered lists must not
 * be taken for questions. Parsed the way the enricher does: normalized, sectioned, then {@link QaParser}.
 */
class LongRecordQaTest {

    private static List<QaPair> qa(String content) {
        String record = "投资者关系活动记录表\n三、投资者关系活动主要内容\n" + content;
        return new IrRecordParser(InstitutionGazetteer.loadDefault())
                .parse(new TextNormalizer().normalize(record))
                .qa();
    }

    @Test
    void theLayoutOfTheIssue() {
        assertThat(qa("""
                1.美国加征关税对公司有什么影响？答:美的集团是一家全球化的科技集团，
                证券代码：000333
                证券简称：美的集团
                1 / 24
                海外业务分布广泛，关税影响可控。
                2.请介绍集团现有业务矩阵？
                答:美的是一家覆盖智能家居、新能源的科技集团。
                3 / 24
                3.公司分红政策？
                答：保持稳定。
                4.高管您好，请问贵公司本期财务报告中，盈利表现如何？谢
                谢！
                答:尊敬的投资者，您好，公司盈利稳健增长。
                """))
                .containsExactly(
                        new QaPair("美国加征关税对公司有什么影响？", "美的集团是一家全球化的科技集团，海外业务分布广泛，关税影响可控。"),
                        new QaPair("请介绍集团现有业务矩阵？", "美的是一家覆盖智能家居、新能源的科技集团。"),
                        new QaPair("公司分红政策？", "保持稳定。"),
                        new QaPair("高管您好，请问贵公司本期财务报告中，盈利表现如何？谢谢！", "尊敬的投资者，您好，公司盈利稳健增长。"));
    }

    @Test
    void everyNumberingForm() {
        assertThat(qa("""
                1.订单情况？
                答：充足。
                2、产能情况？
                答：满产。
                （3）毛利率？
                答：稳定。
                Q4:海外收入？
                A:增长。
                问题5：研发投入？
                回复：加大。
                """)).extracting(QaPair::question).containsExactly("订单情况？", "产能情况？", "毛利率？", "海外收入？", "研发投入？");
    }

    @Test
    void everyAnswerMarkerOnTheQuestionLineAndOnTheNext() {
        List<String> markers = List.of("答:", "答：", "A:", "回复：");
        StringBuilder sameLine = new StringBuilder();
        StringBuilder nextLine = new StringBuilder();
        for (int i = 0; i < markers.size(); i++) {
            sameLine.append(i + 1)
                    .append(".问题")
                    .append(i + 1)
                    .append("？")
                    .append(markers.get(i))
                    .append("回答")
                    .append(i + 1)
                    .append("。\n");
            nextLine.append(i + 1)
                    .append("、问题")
                    .append(i + 1)
                    .append("？\n")
                    .append(markers.get(i))
                    .append("回答")
                    .append(i + 1)
                    .append("。\n");
        }
        List<QaPair> expected = List.of(
                new QaPair("问题1？", "回答1。"),
                new QaPair("问题2？", "回答2。"),
                new QaPair("问题3？", "回答3。"),
                new QaPair("问题4？", "回答4。"));
        assertThat(qa(sameLine.toString())).containsExactlyElementsOf(expected);
        assertThat(qa(nextLine.toString())).containsExactlyElementsOf(expected);
    }

    @Test
    void pageFurnitureInsideAQuestionAndAnAnswerAndEmptyPages() {
        assertThat(qa("""
                1.请问公司今年的资本开支计划和主要投向
                第 3 页 共 24 页
                证券代码：000333 证券简称：美的集团 公告编号：2025-018
                是什么？
                答：资本开支主要投向
                - 4 -
                股票代码：000333
                股票简称：美的集团



                第 5 页 共 24 页
                智能制造与海外基地。
                2.分红？
                答：稳定。
                """))
                .containsExactly(new QaPair("请问公司今年的资本开支计划和主要投向是什么？", "资本开支主要投向智能制造与海外基地。"), new QaPair("分红？", "稳定。"));
    }

    @Test
    void anAnswersOwnNumberedListStaysInTheAnswer() {
        assertThat(qa("""
                1.公司业绩增长的原因？
                答：主要有两点：1、营收增长 2、毛利率提升。
                2.费用情况？
                答：费用下降的原因如下：
                1、规模效应；
                2、降本增效；
                3、汇兑收益。
                3.未来规划？
                答：重点如下：
                3、拓展海外；
                4、提升研发。
                4.分红？
                答：稳定。
                """))
                .containsExactly(
                        // the normalizer closes the space between Han and digit (营收增长 2、 → 营收增长2、)
                        new QaPair("公司业绩增长的原因？", "主要有两点：1、营收增长2、毛利率提升。"),
                        new QaPair("费用情况？", "费用下降的原因如下：1、规模效应；2、降本增效；3、汇兑收益。"),
                        new QaPair("未来规划？", "重点如下：3、拓展海外；4、提升研发。"),
                        new QaPair("分红？", "稳定。"));
    }

    @Test
    void aQuestionsOwnListStaysInTheQuestion() {
        assertThat(qa("""
                问题1：请介绍以下情况：
                1.订单；
                2.产能。
                回答：订单充足，产能满产。
                问题2：分红？
                回答：稳定。
                """)).containsExactly(new QaPair("请介绍以下情况：1.订单；2.产能。", "订单充足，产能满产。"), new QaPair("分红？", "稳定。"));
    }

    @Test
    void aNumberedQuestionsOwnSubListStaysInTheQuestion() {
        assertThat(qa("""
                1.请介绍以下情况：
                （1）订单；
                （2）产能。
                答：订单充足，产能满产。
                2.分红？
                答：稳定，具体如下：
                （1）现金分红；
                （2）回购。
                3.海外？
                答：增长。
                """))
                .containsExactly(
                        new QaPair("请介绍以下情况：（1）订单；（2）产能。", "订单充足，产能满产。"),
                        new QaPair("分红？", "稳定，具体如下：（1）现金分红；（2）回购。"),
                        new QaPair("海外？", "增长。"));
    }

    @Test
    void aSkippedOrRestartedNumberStillOpensAQuestionWhenAnAnswerFollows() {
        assertThat(qa("""
                1.订单？
                答：充足。
                2.产能？
                答：满产，主要产品：
                5、A产品；
                6、B产品。
                4.毛利率？
                答：稳定。
                1.第二场交流：海外收入？
                答：增长。
                """)).extracting(QaPair::question).containsExactly("订单？", "产能？", "毛利率？", "第二场交流：海外收入？");
    }

    @Test
    void aListBeforeAnyNumberedQuestionIsNotTakenForOne() {
        // no question numbering has started, so 2、 (followed by the next answer marker) is still a list item; the
        // unmarked second question stays in the answer before it, as it always has (nothing marks where it starts)
        assertThat(qa("""
                公司订单情况？
                答：主要如下：
                1、国内订单增长；
                2、海外订单增长。
                公司产能？
                答：充足。
                """)).extracting(QaPair::question).containsExactly("公司订单情况？");
    }

    @Test
    void withoutAnswerMarkersANumberedLineNeedsAQuestionMark() {
        assertThat(qa("""
                1.订单情况？订单充足，包括：
                2.海外订单。
                2.产能情况？产能充足。
                """)).containsExactly(new QaPair("订单情况？", "订单充足，包括：2.海外订单。"), new QaPair("产能情况？", "产能充足。"));
    }

    @Test
    void fortyFivePairsWithFurnitureEveryFewLines() {
        StringBuilder text = new StringBuilder();
        List<QaPair> expected = new ArrayList<>();
        int page = 1;
        for (int i = 1; i <= 45; i++) {
            String marker = switch (i % 5) {
                case 0 -> i + ".";
                case 1 -> i + "、";
                case 2 -> "（" + i + "）";
                case 3 -> "Q" + i + ":";
                default -> "问题" + i + "：";
            };
            text.append(marker).append("请问第").append(i).append("项业务的进展\n");
            if (i % 4 == 0) {
                text.append(page).append(" / 24\n证券代码：000333\n证券简称：美的集团\n");
                page++;
            }
            text.append("如何？\n")
                    .append(i % 2 == 0 ? "答：" : "回复：")
                    .append("第")
                    .append(i)
                    .append("项业务进展顺利，\n");
            if (i % 3 == 0) {
                text.append("第 ").append(page).append(" 页 共 24 页\n");
                page++;
            }
            text.append("主要包括：\n1、订单增长；\n2、产能提升。\n");
            expected.add(new QaPair("请问第" + i + "项业务的进展如何？", "第" + i + "项业务进展顺利，主要包括：1、订单增长；2、产能提升。"));
        }
        assertThat(qa(text.toString())).containsExactlyElementsOf(expected);
    }
}
