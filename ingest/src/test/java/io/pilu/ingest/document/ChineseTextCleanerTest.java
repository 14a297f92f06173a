package io.pilu.ingest.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChineseTextCleanerTest {

    private final ChineseTextCleaner cleaner = new ChineseTextCleaner();

    @Test
    void removesSpacesBetweenCjkButKeepsThemNextToDigitsAndLatin() {
        assertThat(ChineseTextCleaner.normalizeLine("上 海 证 券 报")).isEqualTo("上海证券报");
        assertThat(ChineseTextCleaner.normalizeLine("  北京并 行科技 ，股份  ")).isEqualTo("北京并行科技，股份");
        assertThat(ChineseTextCleaner.normalizeLine("活动时间：2024 年 6 月 17 日")).isEqualTo("活动时间：2024 年 6 月 17 日");
        assertThat(ChineseTextCleaner.normalizeLine("相关配套 IT 设施\u3000采购")).isEqualTo("相关配套 IT 设施 采购");
        assertThat(ChineseTextCleaner.normalizeLine("证券简称：并行科技        公告编号：2024-061"))
                .isEqualTo("证券简称：并行科技 公告编号：2024-061");
    }

    @Test
    void recognisesPageNumbersButNotYearsOrAmounts() {
        for (String pageNumber :
                List.of("3", "- 3 -", "—3—", "第 3 页", "第3页 共8页", "第 3 页，共 8 页", "3/8", "3 / 8", "Page 3 of 8")) {
            assertThat(ChineseTextCleaner.isPageNumber(pageNumber, 8))
                    .as(pageNumber)
                    .isTrue();
        }
        for (String data : List.of("2024", "1.31", "问题 3", "3、", "第三章", "共 8 页")) {
            assertThat(ChineseTextCleaner.isPageNumber(data, 8)).as(data).isFalse();
        }
    }

    @Test
    void keepsARunningHeaderOnceAndDropsPageNumbers() {
        List<String> pages = List.of(
                "证券代码：839493 公告编号：2024-061\n北京并行科技股份有限公司\n一、投资者关系活动类别\n- 1 -",
                "证券代码：839493 公告编号：2024-061\n二、投资者关系活动情况\n- 2 -",
                "证券代码：839493 公告编号：2024-061\n三、投资者关系活动主要内容\n- 3 -");
        String text = cleaner.clean(pages);
        assertThat(text.split("\n"))
                .containsExactly(
                        "证券代码：839493 公告编号：2024-061", "北京并行科技股份有限公司", "一、投资者关系活动类别", "二、投资者关系活动情况", "三、投资者关系活动主要内容");
    }

    @Test
    void rejoinsWrappedLinesInsideAParagraphAndAcrossPages() {
        String full1 = "回答：针对采购标的而言，公司算力资源和相关配套设施采购主要分为设备类";
        String full2 = "采购和资源类采购。设备类采购主要包括针对共建集群和部分行业云项目所需";
        String end = "的设备采购。";
        String text = cleaner.clean(List.of(full1 + "\n" + full2 + "\n- 1 -", end + "\n问题 2、公司收入是否存在季节性波动？\n- 2 -"));
        assertThat(text.split("\n")).containsExactly(full1 + full2 + end, "问题 2、公司收入是否存在季节性波动？");
    }

    @Test
    void aRunningHeaderFirstSeenInsideAWrappedSentenceIsNotGluedIntoIt() {
        // page 1 has no header; page 2's, kept once, comes between the halves of a wrapped sentence
        String full1 = "答：尊敬的投资者您好，感谢您的关注。公司海外业务今年整体进展顺利，订单同比保持";
        String full2 = "增长，产能利用率维持在较高水平，公司将继续围绕主业加大研发投入，提升产品竞争";
        String text = cleaner.clean(List.of(
                "1.海外业务进展？\n" + full1 + "\n" + full2 + "\n1 / 3",
                "证券代码：000333\n证券简称：美的集团\n力和盈利能力。\n2 / 3",
                "证券代码：000333\n证券简称：美的集团\n2.分红？\n3 / 3"));
        assertThat(text.split("\n"))
                .containsExactly("1.海外业务进展？", full1 + full2, "证券代码：000333", "证券简称：美的集团", "力和盈利能力。", "2.分红？");
    }

    @Test
    void doesNotJoinShortLinesSentenceEndsOrStructuralStarts() {
        String full = "公司就投资者普遍关注的问题进行沟通交流，主要问题及回复情况如下，具体内容";
        String text = cleaner.clean(List.of(String.join(
                "\n",
                "一、投资者关系活动类别",
                "√特定对象调研",
                "□业绩说明会",
                full,
                "问题 1、请介绍公司算力采购策略",
                full.substring(0, full.length() - 1) + "。",
                "下一段从这里开始",
                full,
                "回答：针对采购标的而言",
                full,
                "回复：公司海外收入持续增长",
                full,
                "答复：公司将保持分红稳定")));
        assertThat(text.split("\n"))
                .containsExactly(
                        "一、投资者关系活动类别",
                        "√特定对象调研",
                        "□业绩说明会",
                        full,
                        "问题 1、请介绍公司算力采购策略",
                        full.substring(0, full.length() - 1) + "。",
                        "下一段从这里开始",
                        full,
                        "回答：针对采购标的而言",
                        full,
                        "回复：公司海外收入持续增长",
                        full,
                        "答复：公司将保持分红稳定");
    }

    @Test
    void joinsEnglishWordsWithASpaceAndChineseWithout() {
        String wrapped = "The company reported revenue growth in the first quarter driven by cloud";
        String text = cleaner.clean(List.of(wrapped + "\nservices and AI demand"));
        assertThat(text).isEqualTo(wrapped + " services and AI demand");
    }

    @Test
    void keepsCheckGlyphs() {
        String text = cleaner.clean(List.of("☑特定对象调研\n■业绩说明会\n□媒体采访\n√ 现场参观"));
        assertThat(text).contains("☑特定对象调研", "■业绩说明会", "□媒体采访", "√ 现场参观");
    }

    @Test
    void symbolFontBoxesAreKeptAndStartANewItem() {
        // a category row wide enough to look wrapped, then rows starting with Wingdings boxes as PDFBox extracts them
        String wide = "\uF06F特定对象调研 \uF06F业绩说明会 \uF06F媒体采访 \uF06F现场参观 \uF06F新闻发布会";
        String text =
                cleaner.clean(List.of(String.join("\n", wide, "\uF0FE分析师会议 \uF06F路演活动", wide, "þ其他（电话会议）", "短行")));
        assertThat(text.split("\n")).containsExactly(wide, "\uF0FE分析师会议 \uF06F路演活动", wide, "þ其他（电话会议）", "短行");
    }

    @Test
    void aFullCellLineNeverSwallowsTheNextTableRowsLabel() {
        // rows of a Shenzhen IR table as extracted: label, a wide gap (two spaces), value; full-width lines
        String place = "地点  深圳证券交易所“互动易”平台“云访谈”栏目及公司会议室（广州市天河区珠江新城）";
        String staff = "上市公司接待人员姓名  董事长 梁德昌；总经理 罗慧珍；财务总监 温志强；董事会秘书 黎嘉欣女士";
        String content = "投资者关系活动主要内容介绍  公司于2024年5月10日举行2023年度网上业绩说明会，就投资者关心的问";
        String text =
                cleaner.clean(List.of(String.join("\n", place, staff, content, "题进行了交流，主要问题及回复如下：", "日期  2024年5月13日")));
        assertThat(text.split("\n"))
                .containsExactly(
                        "地点 深圳证券交易所“互动易”平台“云访谈”栏目及公司会议室（广州市天河区珠江新城）",
                        "上市公司接待人员姓名 董事长梁德昌；总经理罗慧珍；财务总监温志强；董事会秘书黎嘉欣女士",
                        "投资者关系活动主要内容介绍 公司于2024年5月10日举行2023年度网上业绩说明会，就投资者关心的问题进行了交流，主要问题及回复如下：",
                        "日期 2024年5月13日");
    }

    @Test
    void aLabelANarrowColumnWrappedIsWholeAgainAndItsPiecesStayOutOfTheValue() {
        // a narrow label column: each piece of the label at the head of a line, beside a piece of the value; the
        // value lines reach the edge of the text, so without the label re-assembled 及人员姓名 would be joined into
        // the value (…华泰证及人员姓名 券黄川…) and 投资者关系活 would open no row
        char edge = ChineseTextCleaner.WRAPPED;
        String text = cleaner.clean(List.of(String.join(
                "\n",
                "投资者关系活  √特定对象调研 √分析师会议 □媒体采访",
                "动类别  □业绩说明会 □路演活动",
                "参与单位名称  中信证券许哲、梁悦；易方达基金陈亦舟；华泰证" + edge,
                "及人员姓名  券黄川；中金公司顾远航；高毅资产周岚；景顺长城" + edge,
                "基金马骁",
                "上市公司接待  董事长 林启明",
                "人员姓名",
                "投资者关系活  董事会秘书介绍了公司经营情况，主要问题及回复如" + edge,
                "动主要内容介  下：",
                "绍  问：公司上半年经营情况如何？")));
        assertThat(text.split("\n"))
                .containsExactly(
                        "投资者关系活动类别 √特定对象调研 √分析师会议 □媒体采访",
                        "□业绩说明会 □路演活动",
                        "参与单位名称及人员姓名 中信证券许哲、梁悦；易方达基金陈亦舟；华泰证券黄川；中金公司顾远航；高毅资产周岚；景顺长城基金马骁",
                        "上市公司接待人员姓名 董事长林启明",
                        "投资者关系活动主要内容介绍 董事会秘书介绍了公司经营情况，主要问题及回复如下：",
                        "问：公司上半年经营情况如何？");
    }

    @Test
    void aLabelWordStartingRunningProseIsStillJoined() {
        String full = "公司将根据市场情况和项目进度安排募集资金的使用计划，具体投入的金额和";
        String text = cleaner.clean(List.of(String.join("\n", full, full, "时间以公司后续披露的公告为准。")));
        assertThat(text).isEqualTo(full + full + "时间以公司后续披露的公告为准。");
    }

    @Test
    void aLineTheExtractorSawReachTheRightEdgeIsJoinedThoughShorterThanThePage() {
        // a participants cell is narrower than the page: only the extractor's mark says its line is full
        String page = "本次交流的主要内容为公司经营情况、行业发展趋势以及未来发展规划，具体如下所述的各项内容";
        String cell = "参与单位名称  南方基金、嘉实基金、国泰君安、招商证券、兴业证券、富";
        String text = cleaner.clean(List.of(String.join(
                "\n", page, page, page, cell + ChineseTextCleaner.WRAPPED, "国基金、泰康资产等24家机构27人", page + "。")));
        assertThat(text.split("\n")).contains("参与单位名称 南方基金、嘉实基金、国泰君安、招商证券、兴业证券、富国基金、泰康资产等24家机构27人");
        assertThat(text).doesNotContain(String.valueOf(ChineseTextCleaner.WRAPPED));
        String unmarked =
                cleaner.clean(List.of(String.join("\n", page, page, page, cell, "国基金、泰康资产等24家机构27人", page + "。")));
        assertThat(unmarked).contains("富\n国基金");
    }

    @Test
    void inAPdfALineEndingShortOfTheEdgeIsNotJoinedHoweverManyCharactersItHas() {
        // a short table row counts as many characters as a full line; the positions say it ends early
        String row = "参与单位名称及人员姓名  申万宏源证券 郑凯、吴桐";
        String full = "答：公司主要客户为国内户用储能及通信备电领域的系统集成商，前五大客户收入占";
        char edge = ChineseTextCleaner.WRAPPED;
        char near = ChineseTextCleaner.NEAR_EDGE;
        assertThat(cleaner.clean(List.of(String.join("\n", row, "国金证券（孙晓）", full + edge, "比约为52%。")))
                        .split("\n"))
                .containsExactly("参与单位名称及人员姓名 申万宏源证券郑凯、吴桐", "国金证券（孙晓）", full + "比约为52%。");
        // near the edge and as long as a full line by characters: a first line drawn without its indent
        String first = "问题1、请介绍公司算力采购策略，目前公司算力资源利用率较高，近期";
        assertThat(cleaner.clean(List.of(String.join("\n", first + near, "是否有扩建规划？", full + edge, "比约为52%。"))))
                .startsWith(first + "是否有扩建规划？\n");
    }

    @Test
    void blockTextIsNormalisedButNeverJoined() {
        String text = cleaner.cleanBlocks("\n  活动地点：公司 会议室 \n\n\n参会单位及人员：中邮证券、地泽投资\n");
        assertThat(text).isEqualTo("活动地点：公司会议室\n参会单位及人员：中邮证券、地泽投资");
    }

    @Test
    void emptyInputGivesEmptyText() {
        assertThat(cleaner.clean(List.of("", "  \n "))).isEmpty();
    }
}
