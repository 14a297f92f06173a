package io.pilu.app.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.enrich.extract.AnnouncementEnricher;
import io.pilu.ingest.document.DocumentTextExtractor;
import io.pilu.model.DocumentClass;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.IrActivity;
import io.pilu.model.RawAnnouncement;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A Shenzhen IR record table whose label column is narrow, so that its row labels wrap inside their cells over two,
 * three or four lines (参与单位名称 / 及人员姓名, 投资者关系活 / 动主要内容介 / 绍 …), generated as a PDF and read through
 * the crawler's real text extraction ({@link DocumentTextExtractor}: PDFBox, the column-gap and right-edge marks, the
 * Chinese text cleaner) and the enricher: activity types, date, place, participants, reception staff and every Q&amp;A
 * come out as from the same record with a wide label column, where each label fits on one line.
 *
 * <p>The table is drawn like the bundled samples' ({@code TestPdfs} in ingest's tests, which app's tests cannot
 * reach): rules around the cells, label and value top-aligned in their cells, the value wrapped at the right edge.
 */
class NarrowLabelColumnPdfTest {

    private static final Path FONT = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");
    private static final float SIZE = 11.5f;
    private static final float LEFT = 60f;
    private static final float RIGHT = 535f;
    private static final float TOP = 770f;
    private static final float BOTTOM = 70f;
    private static final float LEADING = 19f;
    private static final float PAD = 5f;
    /** The bundled samples' value column starts here: every label fits on one line. */
    private static final float WIDE_VALUE_X = 225f;

    /** The record, one table row per line: label, tab, value; an empty label continues the row above. */
    private static final List<String> RECORD = List.of(
            "投资者关系活动类别\t√特定对象调研      √分析师会议",
            "\t□媒体采访          □业绩说明会",
            "\t□新闻发布会        □路演活动",
            "\t√现场参观",
            "\t□其他（请文字说明其他活动内容）",
            "参与单位名称及人员姓名\t中信证券 许哲、梁悦；易方达基金 陈亦舟；华泰证券 黄川；中金公司 顾远航；高毅资产 周岚；景顺长城基金 马骁；富国基金 苏航；" + "淡水泉投资 吕方；重阳投资 钟毅",
            "时间\t2024年7月1日 9:30-11:30",
            "地点\t公司会议室及松山湖生产基地（东莞市松山湖高新区工业西路8号）",
            "上市公司接待人员姓名\t董事长 林启明；财务总监 何雯女士；董事会秘书 蔡文涛；证券事务代表 梁思远",
            "投资者关系活动主要内容介绍\t董事会秘书蔡文涛先生介绍了公司2024年上半年经营情况，参观了松山湖生产基地，并与投资者进行了交流，主要问题及回复如下：",
            "\t问：公司上半年经营情况如何？",
            "\t答：2024年上半年，公司预计实现营业收入9.8亿元至10.4亿元，同比增长26%至34%，具体数据以公司半年度报告为准。收入增长主要来自锂电检测设备交付量的提升，"
                    + "以及消费电子客户新一轮设备更新需求的释放，新能源汽车零部件检测订单也较去年同期明显增加。",
            "\t问：公司主要客户有哪些？",
            "\t答：公司工业视觉检测设备的主要客户包括宁德时代、比亚迪、立讯精密等，前五大客户收入占比约为48%。",
            "\t问：公司的毛利率变化趋势如何？",
            "\t答：一季度综合毛利率为41.2%，同比下降1.5个百分点，主要因为新产线爬坡期间单位成本较高，预计下半年随着产线良率提升和规模效应显现，毛利率将逐步恢复至去年同期水平，"
                    + "公司也将通过核心部件自研和供应链优化持续控制成本。",
            "\t问：公司海外业务进展如何？",
            "\t答：公司在越南和墨西哥设立了服务中心，海外收入占比由去年的9%提升至约14%，主要客户为消费电子代工厂。",
            "附件清单（如有）\t无",
            "日期\t2024年7月2日");

    @TempDir
    static Path dir;

    private static IrActivity wide;

    @BeforeAll
    static void wideColumn() throws Exception {
        wide = enrich(write("wide.pdf", WIDE_VALUE_X, SIZE, LEADING));
    }

    @Test
    void theWideColumnRecordReadsWhole() {
        assertThat(wide.activityTypes()).containsExactlyInAnyOrder("特定对象调研", "分析师会议", "现场参观");
        assertThat(wide.date()).isEqualTo("2024-07-01");
        assertThat(wide.location()).isEqualTo("公司会议室及松山湖生产基地（东莞市松山湖高新区工业西路8号）");
        assertThat(participants(wide))
                .containsExactly(
                        "中信证券[许哲, 梁悦]",
                        "易方达基金[陈亦舟]",
                        "华泰证券[黄川]",
                        "中金公司[顾远航]",
                        "高毅资产[周岚]",
                        "景顺长城基金[马骁]",
                        "富国基金[苏航]",
                        "淡水泉投资[吕方]",
                        "重阳投资[钟毅]");
        assertThat(receptionists(wide)).containsExactly("林启明/董事长", "何雯/财务总监", "蔡文涛/董事会秘书", "梁思远/证券事务代表");
        assertThat(wide.qa()).hasSize(4);
        assertThat(wide.qa().get(2).answer().replace("\n", ""))
                .isEqualTo("一季度综合毛利率为41.2%，同比下降1.5个百分点，主要因为新产线爬坡期间单位成本较高，预计下半年随着产线良率提升和规模效应显现，毛利率将逐步恢复至去年同期水平，"
                        + "公司也将通过核心部件自研和供应链优化持续控制成本。");
    }

    /**
     * {@code chars} Han characters of the label's {@code labelSize}-point font fit on a line of the label column;
     * labels longer than that wrap (at 6: 投资者关系活 / 动类别, 参与单位名称 / 及人员姓名, 上市公司接待 / 人员姓名,
     * 投资者关系活 / 动主要内容介 / 绍, 附件清单（如 / 有）; at 4 a label takes up to four lines). Set in the value's
     * font, the label's lines share the value's baselines, each piece at the head of a text line beside a piece of
     * the value, or alone where the value has fewer lines; set smaller, with a tighter {@code labelLeading}, they
     * drift off the value's baselines.
     */
    @ParameterizedTest(name = "{0} characters per label line, label in {1} pt on a {2} pt leading")
    @CsvSource({"4, 11.5, 19", "5, 11.5, 19", "6, 11.5, 19", "7, 11.5, 19", "6, 10.5, 15", "4, 9, 13"})
    void aNarrowLabelColumnReadsAsTheWideOne(int chars, float labelSize, float labelLeading) throws Exception {
        Path pdf = write(
                "narrow-" + chars + "-" + labelSize + ".pdf",
                LEFT + 3 * PAD + chars * labelSize + 1f,
                labelSize,
                labelLeading);
        // the premise: PDFBox alone reads no wrapped label whole
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            PDFTextStripper plain = new PDFTextStripper();
            plain.setSortByPosition(true);
            assertThat(plain.getText(doc).replaceAll("\\s+", ""))
                    .doesNotContain("投资者关系活动类别", "参与单位名称及人员姓名", "上市公司接待人员姓名", "投资者关系活动主要内容介绍", "附件清单（如有）");
        }
        IrActivity narrow = enrich(pdf);
        assertThat(narrow.activityTypes()).isEqualTo(wide.activityTypes());
        assertThat(narrow.activityTypeOther()).isEqualTo(wide.activityTypeOther());
        assertThat(narrow.date()).isEqualTo(wide.date());
        assertThat(narrow.location()).isEqualTo(wide.location());
        assertThat(narrow.participants()).isEqualTo(wide.participants());
        assertThat(narrow.receptionists()).isEqualTo(wide.receptionists());
        assertThat(narrow.qa()).isEqualTo(wide.qa());
        assertThat(narrow).isEqualTo(wide);
    }

    private static IrActivity enrich(Path pdf) throws Exception {
        String text = new DocumentTextExtractor().extract(pdf, "pdf").text();
        RawAnnouncement raw = new RawAnnouncement(
                RawAnnouncement.SCHEMA_VERSION,
                "narrow-" + pdf.getFileName(),
                "cninfo",
                "SZSE",
                "301367",
                "澜拓智能",
                "2024年7月2日投资者关系活动记录表",
                List.of(),
                LocalDate.of(2024, 7, 2),
                "http://static.cninfo.com.cn/finalpage/2024-07-02/1220412573.PDF",
                "pdf",
                null,
                null,
                null,
                text,
                RawAnnouncement.ExtractionStatus.OK,
                null,
                Instant.EPOCH);
        EnrichedAnnouncement enriched = new AnnouncementEnricher().enrich(raw, Instant.EPOCH);
        assertThat(enriched.documentClass()).as(text).isEqualTo(DocumentClass.IR_ACTIVITY_RECORD);
        assertThat(enriched.irActivity().layout()).isEqualTo(IrActivity.Layout.TABLE);
        return enriched.irActivity();
    }

    private static List<String> participants(IrActivity ir) {
        return ir.participants().stream().map(p -> p.name() + p.people()).collect(Collectors.toList());
    }

    private static List<String> receptionists(IrActivity ir) {
        return ir.receptionists().stream().map(r -> r.name() + "/" + r.title()).collect(Collectors.toList());
    }

    /** Lays the record out as a two-column table whose value column starts at {@code valueX}. */
    private static Path write(String name, float valueX, float labelSize, float labelLeading) throws IOException {
        Path out = dir.resolve(name);
        try (TrueTypeCollection collection = new TrueTypeCollection(FONT.toFile());
                PDDocument doc = new PDDocument()) {
            TrueTypeFont[] first = new TrueTypeFont[1];
            collection.processAllFonts(f -> {
                if (first[0] == null) {
                    first[0] = f;
                }
            });
            new Table(doc, PDType0Font.load(doc, first[0], true), valueX, labelSize, labelLeading).write(RECORD);
            doc.save(out.toFile());
        }
        return out;
    }

    /** The table writer: rows broken over pages, each page with the running header and a page number. */
    private static final class Table {
        private final PDDocument doc;
        private final PDType0Font font;
        private final float valueX;
        private final float labelSize;
        private final float labelLeading;
        private PDPageContentStream cs;
        private int pageNumber;
        private float y;

        Table(PDDocument doc, PDType0Font font, float valueX, float labelSize, float labelLeading) {
            this.doc = doc;
            this.font = font;
            this.valueX = valueX;
            this.labelSize = labelSize;
            this.labelLeading = labelLeading;
        }

        void write(List<String> rows) throws IOException {
            newPage();
            for (String line : List.of("深圳澜拓智能科技股份有限公司", "投资者关系活动记录表", "编号：2024-009")) {
                text(SIZE, LEFT, y, line);
                y -= LEADING;
            }
            y -= LEADING;
            for (int r = 0; r < rows.size(); ) {
                String label = rows.get(r).substring(0, rows.get(r).indexOf('\t'));
                List<String> values = new ArrayList<>();
                do {
                    values.addAll(
                            wrap(rows.get(r).substring(rows.get(r).indexOf('\t') + 1), SIZE, RIGHT - valueX - PAD));
                    r++;
                } while (r < rows.size() && rows.get(r).startsWith("\t"));
                row(wrap(label, labelSize, valueX - LEFT - 3 * PAD), values);
            }
            finishPage();
        }

        /**
         * One row: the label's lines top-aligned beside the value's (each paragraph of the value starting a line);
         * the row is as tall as the taller cell.
         */
        private void row(List<String> labels, List<String> values) throws IOException {
            int lines = Math.max(values.size(), (int) Math.ceil(labels.size() * labelLeading / LEADING));
            float labelY = y;
            boolean ruleAbove = true;
            for (int i = 0; i < lines; i++) {
                if (y - LEADING < BOTTOM) {
                    finishPage();
                    newPage();
                    ruleAbove = true;
                    labelY = y;
                }
                float top = y + LEADING - 5f;
                if (ruleAbove) {
                    rule(LEFT, top, RIGHT, top);
                    ruleAbove = false;
                }
                rule(LEFT, top, LEFT, top - LEADING);
                rule(valueX - PAD, top, valueX - PAD, top - LEADING);
                rule(RIGHT, top, RIGHT, top - LEADING);
                for (; !labels.isEmpty() && labelY > y - LEADING + 0.01f; labelY -= labelLeading) {
                    text(labelSize, LEFT + PAD, labelY, labels.remove(0));
                }
                if (i < values.size()) {
                    text(SIZE, valueX, y, values.get(i));
                }
                y -= LEADING;
            }
        }

        private void newPage() throws IOException {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            cs = new PDPageContentStream(doc, page);
            pageNumber++;
            text(9f, LEFT, 805f, "证券代码：301367                                证券简称：澜拓智能");
            y = TOP;
        }

        private void finishPage() throws IOException {
            rule(LEFT, y + LEADING - 5f, RIGHT, y + LEADING - 5f);
            text(9f, 290f, 40f, "- " + pageNumber + " -");
            cs.close();
        }

        private void rule(float x1, float y1, float x2, float y2) throws IOException {
            cs.setLineWidth(0.5f);
            cs.moveTo(x1, y1);
            cs.lineTo(x2, y2);
            cs.stroke();
        }

        private void text(float size, float x, float at, String s) throws IOException {
            cs.beginText();
            cs.setFont(font, size);
            cs.newLineAtOffset(x, at);
            cs.showText(s);
            cs.endText();
        }

        /**
         * Greedy wrap by measured glyph widths, as a word processor wraps Chinese: between any two Han characters,
         * never inside a number or a Latin word.
         */
        private List<String> wrap(String s, float size, float width) throws IOException {
            List<String> out = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < s.length(); ) {
                int end = i + 1;
                while (end < s.length() && isWordChar(s.charAt(end - 1)) && isWordChar(s.charAt(end))) {
                    end++;
                }
                String next = line + s.substring(i, end);
                if (font.getStringWidth(next) / 1000f * size > width && !line.isEmpty()) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                line.append(s, i, end);
                i = end;
            }
            out.add(line.toString());
            return out;
        }

        private static boolean isWordChar(char c) {
            return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.' || c == '%';
        }
    }
}
