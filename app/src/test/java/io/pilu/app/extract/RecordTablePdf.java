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
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A Shenzhen IR record (澜拓智能, 2024-07-02) laid out as the exchanges' two-column table PDF, for the tests that read
 * generated tables through the crawler's real text extraction and the enricher: rows broken over pages, each page
 * with the running header and a page number, rules around the cells, the value wrapped at the right edge; the label
 * column's width, the label's font and leading and its vertical alignment are the tests' parameters.
 */
final class RecordTablePdf {

    static final Path FONT = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");
    static final float SIZE = 11.5f;
    static final float LEFT = 60f;
    static final float RIGHT = 535f;
    static final float TOP = 770f;
    static final float BOTTOM = 70f;
    static final float LEADING = 19f;
    static final float PAD = 5f;
    /** The bundled samples' value column starts here: every label fits on one line. */
    static final float WIDE_VALUE_X = 225f;

    /** The record, one table row per line: label, tab, value; an empty label continues the row above. */
    static final List<String> RECORD = List.of(
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

    /** The record in {@code pdf} through the crawler's real text extraction and the enricher. */
    static IrActivity enrich(Path pdf) throws Exception {
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

    /** How a label sits in its cell. */
    enum Align {
        /** At the top of the row, beside its first line: the bundled samples' layout. */
        TOP,
        /**
         * Centred vertically in the row's part on the page where it starts, as a word processor's "centre" cell
         * alignment places it; the label's lines keep their own leading, off the value's baselines in general.
         */
        CENTRED
    }

    /** How the cells' borders are drawn. */
    enum Borders {
        /** None: the table is only text. */
        NONE,
        /** Stroked lines ({@code m l S}). */
        LINES,
        /** Thin filled rectangles ({@code re f}), as word processors export cell borders. */
        BOXES
    }

    /**
     * Lays the record out as a two-column table whose value column starts at {@code valueX}, its cells' borders
     * drawn as {@code borders}.
     */
    static Path write(
            Path out,
            List<String> record,
            float valueX,
            float labelSize,
            float labelLeading,
            Align align,
            Borders borders)
            throws IOException {
        try (TrueTypeCollection collection = new TrueTypeCollection(FONT.toFile());
                PDDocument doc = new PDDocument()) {
            TrueTypeFont[] first = new TrueTypeFont[1];
            collection.processAllFonts(f -> {
                if (first[0] == null) {
                    first[0] = f;
                }
            });
            new Table(doc, PDType0Font.load(doc, first[0], true), valueX, labelSize, labelLeading, align, borders)
                    .write(record);
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
        private final Align align;
        private final Borders borders;
        private PDPageContentStream cs;
        private int pageNumber;
        private float y;

        Table(
                PDDocument doc,
                PDType0Font font,
                float valueX,
                float labelSize,
                float labelLeading,
                Align align,
                Borders borders) {
            this.doc = doc;
            this.align = align;
            this.borders = borders;
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
         * One row: the label's lines beside the value's (each paragraph of the value starting a line), top-aligned
         * or centred in the row's part on this page; the row is as tall as the taller cell.
         */
        private void row(List<String> labels, List<String> values) throws IOException {
            int lines = Math.max(values.size(), (int) Math.ceil(labels.size() * labelLeading / LEADING));
            if (y - LEADING < BOTTOM) { // the row starts on the next page
                finishPage();
                newPage();
            }
            float labelY = y;
            if (align == Align.CENTRED) {
                int here = 0;
                for (float at = y; here < lines && at - LEADING >= BOTTOM; at -= LEADING) {
                    here++;
                }
                float room = here * LEADING - labels.size() * labelLeading;
                labelY = y - Math.max(0f, room / 2);
            }
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
            if (borders == Borders.NONE) {
                return;
            }
            if (borders == Borders.BOXES) {
                float w = 0.5f;
                cs.addRect(
                        Math.min(x1, x2) - w / 2,
                        Math.min(y1, y2) - w / 2,
                        Math.abs(x2 - x1) + w,
                        Math.abs(y2 - y1) + w);
                cs.fill();
                return;
            }
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

    private RecordTablePdf() {}
}
