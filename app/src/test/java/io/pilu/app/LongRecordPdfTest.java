package io.pilu.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.enrich.extract.AnnouncementEnricher;
import io.pilu.ingest.document.DocumentTextExtractor;
import io.pilu.ingest.document.ExtractedText;
import io.pilu.model.DocumentClass;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.IrActivity;
import io.pilu.model.IrActivity.QaPair;
import io.pilu.model.RawAnnouncement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated 40+-question earnings-call record, laid out over many PDF pages the way the exchanges publish them
 * (page header 证券代码/证券简称 from page 2 on, "n / N" footer, text wrapped at the margin, an empty page, a question
 * that wraps over a page break), through the crawler's real text extraction ({@link DocumentTextExtractor}: PDFBox
 * and the Chinese text cleaner) and the enricher: every pair, in order, each answer whole and free of furniture.
 */
class LongRecordPdfTest {

    private static final Path FONT = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");
    private static final int QUESTIONS = 42;
    /** The question that is made to start on the last line of a page. */
    private static final int WRAPPING_QUESTION = 20;
    /**
     * The question whose line (with its answer's start) is made the last of page 1, so that the first page header,
     * which the text cleaner keeps once, falls inside that answer.
     */
    private static final int FIRST_HEADER_INSIDE_ANSWER = 3;

    private static final int LINES_PER_PAGE = 34;
    private static final float FONT_SIZE = 11.5f;
    private static final float LEFT = 60f;
    private static final float RIGHT = 535f;
    private static final float TOP = 770f;
    private static final float LEADING = 19f;

    @TempDir
    static Path dir;

    private static final List<QaPair> expected = new ArrayList<>();
    private static int pageCount;
    private static IrActivity ir;

    @BeforeAll
    static void extractAndEnrich() throws Exception {
        Path pdf = dir.resolve("long-record.pdf");
        writeRecord(pdf);
        ExtractedText text = new DocumentTextExtractor().extract(pdf, "pdf");
        pageCount = text.pageCount();
        RawAnnouncement raw = new RawAnnouncement(
                RawAnnouncement.SCHEMA_VERSION,
                "long-record",
                "bse",
                "SZSE",
                "000333",
                "美的集团",
                "美的集团：2025年5月6日投资者关系活动记录表",
                List.of(),
                LocalDate.of(2025, 5, 7),
                "https://example.invalid/long-record.pdf",
                "pdf",
                null,
                null,
                text.pageCount(),
                text.text(),
                RawAnnouncement.ExtractionStatus.OK,
                null,
                Instant.EPOCH);
        EnrichedAnnouncement enriched = new AnnouncementEnricher().enrich(raw, Instant.EPOCH);
        assertThat(enriched.documentClass()).isEqualTo(DocumentClass.IR_ACTIVITY_RECORD);
        ir = enriched.irActivity();
    }

    @Test
    void theDocumentSpansManyPagesIncludingAnEmptyOne() {
        assertThat(pageCount).isGreaterThanOrEqualTo(8);
    }

    @Test
    void everyPairInOrderWithWholeCleanAnswers() {
        assertThat(ir.qa()).hasSize(QUESTIONS);
        for (int i = 0; i < QUESTIONS; i++) {
            assertThat(ir.qa().get(i)).as("pair %d", i + 1).isEqualTo(expected.get(i));
        }
        assertThat(ir.qa())
                .allSatisfy(p -> assertThat(p.question() + p.answer())
                        .doesNotContain("证券代码", "证券简称")
                        .doesNotMatch("(?s).*(\\d+ ?/ ?\\d+|第\\d+页).*"));
    }

    @Test
    void theAnswerOverTheFirstPageHeaderIsWhole() {
        assertThat(ir.qa().get(FIRST_HEADER_INSIDE_ANSWER - 1).answer())
                .isEqualTo(expected.get(FIRST_HEADER_INSIDE_ANSWER - 1).answer());
    }

    @Test
    void theQuestionOverThePageBreakIsWhole() {
        assertThat(ir.qa().get(WRAPPING_QUESTION - 1).question()).isEqualTo(question(WRAPPING_QUESTION));
    }

    @Test
    void theParticipantCellWithItsOwnLabel() {
        assertThat(ir.participants()).extracting(IrActivity.Participant::name).containsExactly("华创证券", "中金公司", "华夏基金");
        assertThat(ir.declaredPersonCount()).isEqualTo(29);
    }

    private static String question(int i) {
        if (i == WRAPPING_QUESTION) {
            return "高管您好，请问贵公司本期财务报告中，在原材料价格波动、海外需求变化和汇率波动的共同影响下，" + "第" + i + "项业务的盈利表现如何，未来是否会调整定价策略？谢谢！";
        }
        return "请问公司第" + i + "项业务今年的进展和明年的规划如何？";
    }

    /**
     * Source paragraphs of answer {@code i}: a long paragraph and, in every third answer, its own numbered list
     * whose last item carries the next question's number when {@code i} is 2.
     */
    private static List<String> answer(int i) {
        List<String> lines = new ArrayList<>();
        lines.add("尊敬的投资者您好，感谢您的关注。第" + i + "项业务今年整体进展顺利，订单同比保持增长，"
                + "产能利用率维持在较高水平，公司将继续围绕主业加大研发投入，提升产品竞争力和盈利能力，"
                + "具体经营数据请以公司披露的定期报告为准。");
        if (i % 3 == 2) {
            lines.add("明年的重点工作包括：");
            lines.add("1、拓展海外市场；");
            lines.add("2、提升智能制造水平；");
            lines.add("3、优化产品结构。");
        }
        return lines;
    }

    private static String marker(int i) {
        return switch (i % 5) {
            case 0 -> i + ".";
            case 1 -> i + "、";
            case 2 -> "（" + i + "）";
            case 3 -> "Q" + i + ":";
            default -> "问题" + i + "：";
        };
    }

    private static String answerMarker(int i) {
        return switch (i / 2 % 4) {
            case 0 -> "答:";
            case 1 -> "答：";
            case 2 -> "A:";
            default -> "回复：";
        };
    }

    /** Lays the record out: wrapped physical lines, cut into pages, then drawn with header and footer. */
    private static void writeRecord(Path out) throws IOException {
        try (TrueTypeCollection collection = new TrueTypeCollection(FONT.toFile());
                PDDocument doc = new PDDocument()) {
            TrueTypeFont[] first = new TrueTypeFont[1];
            collection.processAllFonts(f -> {
                if (first[0] == null) {
                    first[0] = f;
                }
            });
            PDType0Font font = PDType0Font.load(doc, first[0], true);
            List<String> lines = new ArrayList<>();
            for (String s : List.of(
                    "美的集团股份有限公司投资者关系活动记录表",
                    "编号：2025-005",
                    "投资者关系活动类别 √业绩说明会 □特定对象调研",
                    "参与单位名称及人员姓名 参与机构与人数：华创证券、中金公司、华夏基金等机构的29位投资者",
                    "时间 2025年5月6日 15:00-16:30",
                    "地点 全景网路演中心",
                    "投资者关系活动主要内容介绍",
                    "公司就投资者关心的问题进行了交流，主要问答如下：")) {
                lines.addAll(wrap(font, s));
            }
            for (int i = 1; i <= QUESTIONS; i++) {
                List<String> q = wrap(
                        font,
                        marker(i)
                                + question(i)
                                + (i % 2 == 0 ? "" : answerMarker(i) + answer(i).get(0)));
                if (i == WRAPPING_QUESTION || i == FIRST_HEADER_INSIDE_ANSWER) {
                    while (lines.size() % LINES_PER_PAGE != LINES_PER_PAGE - 1) {
                        lines.add("");
                    }
                }
                lines.addAll(q);
                List<String> answer = answer(i);
                for (int k = 0; k < answer.size(); k++) {
                    if (k == 0 && i % 2 != 0) {
                        continue; // on the question's line
                    }
                    lines.addAll(wrap(font, (k == 0 ? answerMarker(i) : "") + answer.get(k)));
                }
                StringBuilder a = new StringBuilder();
                for (String part : answer) {
                    if (!a.isEmpty() && a.charAt(a.length() - 1) == '。') {
                        a.append('\n');
                    }
                    a.append(part);
                }
                expected.add(new QaPair(question(i), a.toString()));
            }
            lines.addAll(wrap(font, "附件清单（如有） 无"));
            lines.addAll(wrap(font, "日期 2025年5月7日"));

            List<List<String>> pages = new ArrayList<>();
            for (int from = 0; from < lines.size(); from += LINES_PER_PAGE) {
                pages.add(lines.subList(from, Math.min(lines.size(), from + LINES_PER_PAGE)));
                if (pages.size() == 4) {
                    pages.add(List.of()); // an empty page, as a scanner or a section break leaves
                }
            }
            int n = 0;
            for (List<String> pageLines : pages) {
                n++;
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    if (pageLines.isEmpty()) {
                        continue;
                    }
                    if (n > 1) {
                        show(cs, font, 9f, LEFT, 815f, "证券代码：000333");
                        show(cs, font, 9f, LEFT, 803f, "证券简称：美的集团");
                    }
                    float y = TOP;
                    for (String line : pageLines) {
                        if (!line.isEmpty()) {
                            show(cs, font, FONT_SIZE, LEFT, y, line);
                        }
                        y -= LEADING;
                    }
                    show(cs, font, 9f, 285f, 40f, n + " / " + pages.size());
                }
            }
            doc.save(out.toFile());
        }
        assertThat(Files.size(out)).isPositive();
    }

    /** Greedy wrap at the right margin by measured glyph widths: Chinese text has no spaces to break at. */
    private static List<String> wrap(PDType0Font font, String s) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            String next = line.toString() + s.charAt(i);
            if (font.getStringWidth(next) / 1000f * FONT_SIZE > RIGHT - LEFT && !line.isEmpty()) {
                out.add(line.toString());
                line.setLength(0);
            }
            line.append(s.charAt(i));
        }
        out.add(line.toString());
        return out;
    }

    private static void show(PDPageContentStream cs, PDType0Font font, float size, float x, float y, String s)
            throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, y);
        cs.showText(s);
        cs.endText();
    }
}
