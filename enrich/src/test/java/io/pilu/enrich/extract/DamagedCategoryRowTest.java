package io.pilu.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.model.DocumentClass;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.IrActivity;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Category rows as real PDF extraction delivers them (issue 11): ticks lost or turned into other glyphs, rows on one
 * line, over several lines, glued or widely spaced. Each case runs through the whole enricher (normalizer, sections,
 * parser) on a Shenzhen-style table record whose only variable part is the category row.
 */
class DamagedCategoryRowTest {

    private static final AnnouncementEnricher ENRICHER = new AnnouncementEnricher();
    private static final String TITLE = "[临时公告]青禾储能:投资者关系活动记录表";

    /** A table record around {@code row} (the text after the category label, line breaks included). */
    private static String record(String row) {
        return "青禾储能科技股份有限公司\n"
                + "投资者关系活动记录表\n"
                + "编号：2024-007\n"
                + "投资者关系活动类别 " + row + "\n"
                + "参与单位名称及人员姓名 中信证券 张三\n"
                + "时间 2024年6月13日 14:00-15:30\n"
                + "地点 公司会议室\n"
                + "上市公司接待人员姓名 董事会秘书 王伟\n"
                + "投资者关系活动主要内容介绍 问：公司产能如何？\n"
                + "答：产能利用率保持在较高水平。\n"
                + "附件清单（如有） 无\n"
                + "日期 2024年6月14日\n";
    }

    private static IrActivity ir(String title, String text) {
        EnrichedAnnouncement e =
                ENRICHER.enrich(Fixtures.raw(title, text, LocalDate.of(2024, 6, 14)), Fixtures.ENRICHED_AT);
        assertThat(e.documentClass()).isEqualTo(DocumentClass.IR_ACTIVITY_RECORD);
        return e.irActivity();
    }

    private static IrActivity row(String row) {
        return ir(TITLE, record(row));
    }

    // ---- the inference rule: most items keep an empty box, so an item without any mark is the ticked one ----

    @Test
    void oneLineRowAsTheIssueShowsIt() {
        IrActivity ir =
                row("| □特定对象调研        分析师会议 □媒体采访            □业绩说明会 □新闻发布会          " + "路演活动 □现场参观           □其他");
        assertThat(ir.activityTypes()).containsExactly("分析师会议", "路演活动");
        assertThat(ir.activityTypeOther()).isNull();
    }

    @Test
    void rowSplitOverLinesOneItemPerLine() {
        IrActivity ir = row("□特定对象调研\n□业绩说明会\n媒体采访\n□现场参观\n□新闻发布会\n□分析师会议\n□路演活动\n□其他");
        assertThat(ir.activityTypes()).containsExactly("媒体采访");
    }

    @Test
    void rowSplitOverLinesTwoItemsPerLine() {
        IrActivity ir = row("□特定对象调研    □分析师会议\n□媒体采访    业绩说明会\n□新闻发布会    □路演活动\n现场参观\n□其他");
        assertThat(ir.activityTypes()).containsExactly("业绩说明会", "现场参观");
    }

    @Test
    void gluedItemsAsTheIssueShowsThem() {
        IrActivity ir = row("□特定对象调研\n□分析师会议□媒体采访 业绩说明会□新闻发布会\n□路演活动 □现场参观 □其他");
        assertThat(ir.activityTypes()).containsExactly("业绩说明会");
    }

    @Test
    void gluedItemsWithoutAnySpace() {
        IrActivity ir = row("□特定对象调研□分析师会议□媒体采访业绩说明会□新闻发布会□路演活动现场参观□其他");
        assertThat(ir.activityTypes()).containsExactly("业绩说明会", "现场参观");
    }

    @Test
    void extraSpacesBetweenAndInsideItems() {
        IrActivity ir = row("□  特定对象调研      □ 业绩说明会        □   媒体采访\n\n     现场参观       □ 新闻发布会   "
                + "□ 分析师会议\n   □ 路演活动       □  其他   ");
        assertThat(ir.activityTypes()).containsExactly("现场参观");
    }

    @Test
    void aRowWhereFewItemsKeepABoxDecidesNothing() {
        // one empty box beside six unmarked items: not "most items kept their box", so no item is inferred ticked
        assertThat(ActivityTypeParser.parse(List.of("特定对象调研 业绩说明会 媒体采访 现场参观 新闻发布会 分析师会议 □路演活动"))
                        .types())
                .isEmpty();
    }

    @Test
    void theRuleNeverFiresWithoutBoxMarks() {
        IrActivity ir = row("特定对象调研 业绩说明会 媒体采访 现场参观 新闻发布会 分析师会议 路演活动 其他");
        assertThat(ir.activityTypes()).isEmpty();
        IrActivity multiLine = row("特定对象调研\n业绩说明会\n媒体采访\n现场参观\n新闻发布会\n分析师会议\n路演活动\n其他");
        assertThat(multiLine.activityTypes()).isEmpty();
    }

    @Test
    void aSentenceThatContainsACategoryWordIsNotAnItem() {
        ActivityTypeParser.Result r =
                ActivityTypeParser.parse(List.of("□特定对象调研 □业绩说明会 □媒体采访 本次活动为机构调研 □现场参观 □新闻发布会 □分析师会议 □路演活动 □其他"));
        assertThat(r.types()).isEmpty();
    }

    // ---- glyph families ----

    @ParameterizedTest
    @ValueSource(strings = {"√", "✓", "✔", "☑", "☒", "■", "▇", "⊠", "\uF0FE", "\uF0FC", "\uF0FD", "þ", "R", "R "})
    void everyTickedGlyph(String tick) {
        IrActivity ir = row("□特定对象调研 " + tick + "分析师会议 □媒体采访 □业绩说明会\n□新闻发布会 " + tick + "路演活动 □现场参观 □其他");
        assertThat(ir.activityTypes()).as("tick U+%04X", (int) tick.charAt(0)).containsExactly("分析师会议", "路演活动");
    }

    @ParameterizedTest
    @ValueSource(strings = {"□", "☐", "◻", "\uF06F", "\uF0A8", "\uF071", "口"})
    void everyEmptyBoxGlyphWithTheTickLost(String box) {
        IrActivity ir = row(box + "特定对象调研 分析师会议 " + box + "媒体采访 " + box + "业绩说明会\n" + box + "新闻发布会 路演活动 " + box
                + "现场参观 " + box + "其他");
        assertThat(ir.activityTypes()).as("box U+%04X", (int) box.charAt(0)).containsExactly("分析师会议", "路演活动");
    }

    @ParameterizedTest
    @ValueSource(strings = {"□", "☐", "\uF06F", "\uF0A8", "\uF071", "口", "£"})
    void everyEmptyBoxGlyphBesideAnExplicitTick(String box) {
        IrActivity ir = row(box + "特定对象调研 ☑分析师会议 " + box + "媒体采访 " + box + "业绩说明会 " + box + "其他");
        assertThat(ir.activityTypes()).containsExactly("分析师会议");
    }

    @Test
    void wingdings2PairRAndPound() {
        IrActivity ir = row("£特定对象调研 R分析师会议 £媒体采访 £业绩说明会 £新闻发布会 R路演活动 £现场参观 £其他");
        assertThat(ir.activityTypes()).containsExactly("分析师会议", "路演活动");
    }

    @Test
    void theHanCharacter口InsideAWordIsNeverABox() {
        ActivityTypeParser.Result bracket = ActivityTypeParser.parse(List.of("☐特定对象调研 ☐业绩说明会 ☐分析师会议 ☑其他（出口业务交流）"));
        assertThat(bracket.types()).containsExactly("其他");
        assertThat(bracket.otherDetail()).isEqualTo("出口业务交流");
        ActivityTypeParser.Result colon = ActivityTypeParser.parse(List.of("☐特定对象调研 ☐业绩说明会 ☑其他：进口商路演活动座谈"));
        assertThat(colon.types()).containsExactly("其他");
        assertThat(colon.otherDetail()).isEqualTo("进口商路演活动座谈");
        // 口 before a label but inside a word (人口, 港口) is text, not a box: nothing is inferred from it
        assertThat(ActivityTypeParser.parse(List.of("港口现场参观 人口调研")).types()).isEmpty();
    }

    @Test
    void theLetterRInsideAWordIsNeverABox() {
        ActivityTypeParser.Result r =
                ActivityTypeParser.parse(List.of("☐特定对象调研 ☐业绩说明会 ☐媒体采访 ☐现场参观 ☐新闻发布会 ☐分析师会议 ☐路演活动 ☐其他 IR路演活动"));
        assertThat(r.types()).isEmpty();
    }

    // ---- 其他 with its note ----

    @Test
    void otherWithABracketedNote() {
        IrActivity ir = row("□特定对象调研 □业绩说明会 □媒体采访 □现场参观 □新闻发布会 □分析师会议 □路演活动 √其他（电话会议）");
        assertThat(ir.activityTypes()).as("电话会议 in the note is not 分析师会议").containsExactly("其他");
        assertThat(ir.activityTypeOther()).isEqualTo("电话会议");
    }

    @Test
    void otherWithAColonNote() {
        IrActivity ir = row("□特定对象调研 √分析师会议 √其他：策略会");
        assertThat(ir.activityTypes()).containsExactly("分析师会议", "其他");
        assertThat(ir.activityTypeOther()).isEqualTo("策略会");
    }

    @Test
    void otherWithItsTickLostKeepsItsNote() {
        IrActivity ir = row("□特定对象调研 □业绩说明会 □媒体采访 □现场参观 □新闻发布会 □分析师会议 □路演活动 其他（线上交流会）");
        assertThat(ir.activityTypes()).containsExactly("其他");
        assertThat(ir.activityTypeOther()).isEqualTo("线上交流会");
    }

    @Test
    void otherWithANoteWrappedOntoTheNextLine() {
        IrActivity ir = row("□特定对象调研 □业绩说明会 □媒体采访 □现场参观 □新闻发布会 □分析师会议 □路演活动 ☑其他（券商\n策略会交流）");
        assertThat(ir.activityTypes()).containsExactly("其他");
        assertThat(ir.activityTypeOther()).isEqualTo("券商策略会交流");
    }

    @ParameterizedTest
    @ValueSource(strings = {"☑其他（请文字说明其他活动内容）", "☑其他 请文字说明其他活动内容", "☑其他（请文字说明其他活\n动内容）", "☑其他：请文字说明其他活动内容"})
    void theTemplatesHintIsNeverTheNote(String other) {
        IrActivity ir = row("□特定对象调研 □业绩说明会\n" + other);
        assertThat(ir.activityTypes()).containsExactly("其他");
        assertThat(ir.activityTypeOther()).isNull();
    }

    @Test
    void theHintBesideAnUntickedOtherDoesNotStopTheInference() {
        IrActivity ir = row("□特定对象调研 业绩说明会 □媒体采访 □现场参观\n□新闻发布会 □分析师会议 □路演活动\n□其他（请文字说明其他活动内容）");
        assertThat(ir.activityTypes()).containsExactly("业绩说明会");
        assertThat(ir.activityTypeOther()).isNull();
    }

    // ---- no decidable row: the title or the first lines ----

    @Test
    void rowMissingTitleNamesTheActivity() {
        String text = record("x").replace("投资者关系活动类别 x\n", "");
        assertThat(ir("[临时公告]青禾储能:2023年度业绩说明会投资者关系活动记录表", text).activityTypes()).containsExactly("业绩说明会");
    }

    @Test
    void undecidableRowFirstLinesNameTheActivity() {
        String text = record("特定对象调研 业绩说明会 媒体采访 现场参观 新闻发布会 分析师会议 路演活动 其他")
                .replace("投资者关系活动记录表\n", "2024年6月路演活动\n投资者关系活动记录表\n");
        assertThat(ir(TITLE, text).activityTypes()).containsExactly("路演活动");
    }

    @Test
    void nothingNamesTheActivityListStaysEmpty() {
        String text = record("x").replace("投资者关系活动类别 x\n", "");
        assertThat(ir(TITLE, text).activityTypes()).isEmpty();
    }

    @Test
    void headingsThatAreProseListsOrCheckListsAreNotUsed() {
        List<String> empty = List.of();
        assertThat(ActivityTypeParser.parse(empty, List.of("北交所调研周报（2024年第25周）"))
                        .types())
                .as("bare 调研 in a heading")
                .isEmpty();
        assertThat(ActivityTypeParser.parse(empty, List.of("本周共有12家公司披露记录表，机构调研热度环比回升。"))
                        .types())
                .as("a sentence")
                .isEmpty();
        assertThat(ActivityTypeParser.parse(empty, List.of("特定对象调研 业绩说明会 媒体采访 现场参观"))
                        .types())
                .as("the template's list")
                .isEmpty();
        assertThat(ActivityTypeParser.parse(empty, List.of("☐特定对象调研 业绩说明会")).types())
                .as("a check list")
                .isEmpty();
        assertThat(ActivityTypeParser.parse(empty, List.of("2023年度业绩说明会暨网上路演")).types())
                .containsExactly("业绩说明会", "路演活动");
    }

    @Test
    void aDecidedRowWinsOverTheTitle() {
        IrActivity ir = ir("[临时公告]青禾储能:2023年度业绩说明会投资者关系活动记录表", record("☑特定对象调研 □业绩说明会"));
        assertThat(ir.activityTypes()).containsExactly("特定对象调研");
    }
}
