package io.pilu.app.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.enrich.extract.AnnouncementEnricher;
import io.pilu.ingest.document.DocumentTextExtractor;
import io.pilu.model.DocumentClass;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.IrActivity;
import io.pilu.model.RawAnnouncement;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType3Font;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 11 on real PDFs: a BSE IR record whose category row is typeset like Word typesets it, the Chinese text in a
 * CJK font (fonts-wqy-microhei) and the ticked boxes in a symbol font. The PDF goes through the crawler's text
 * extraction (PDFBox) and then the enricher, exactly as in the pipeline; each variant checks first what extraction
 * made of the symbol glyph, then that the ticked categories still come out.
 *
 * <p>The symbol font is a Type 3 font written into the PDF (its glyphs are drawn boxes and ticks), which behaves for
 * text extraction as an embedded Wingdings does: with a ToUnicode map the glyph reads as Word's private-use code
 * point, without one as the raw character code (0xFE → þ, Wingdings 2's 0x52 → R). The dropped variant draws the tick
 * in a composite CJK font without a ToUnicode map, whose glyphs PDF text extraction skips.
 */
class SymbolFontCheckBoxPdfTest {

    private static final Path CJK_FONT = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");
    private static final float SIZE = 10.5f;

    /** How the ticked (and, for some, the empty) boxes are typeset. */
    enum Variant {
        /** Wingdings through Word: ticked 0xFE and empty 0x6F, mapped by ToUnicode to U+F0FE and U+F06F. */
        WINGDINGS_PRIVATE_USE("\uF0FE"),
        /** Wingdings without a ToUnicode map: the ticked box 0xFE reads as þ; empty boxes are the CJK font's □. */
        WINGDINGS_RAW_CODE("þ"),
        /** Wingdings 2 without a ToUnicode map: ticked 0x52 reads as R, empty 0xA3 as £. */
        WINGDINGS2_RAW_CODE("R"),
        /** The tick in a composite font without ToUnicode: extraction drops it; the CJK font's □ boxes survive. */
        DROPPED(null);

        /** What the ticked glyph must extract as (null: nothing). */
        final String extractedTick;

        Variant(String extractedTick) {
            this.extractedTick = extractedTick;
        }
    }

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Variant.class)
    void tickedBoxInASymbolFontStillTicksItsCategory(Variant variant) throws Exception {
        Path pdf = dir.resolve(variant + ".pdf");
        writeRecord(pdf, variant);

        String text = new DocumentTextExtractor().extract(pdf, "pdf").text();
        String rowStart = text.substring(text.indexOf("投资者关系活动类别"));
        String row = rowStart.substring(0, rowStart.indexOf("二、"));
        if (variant.extractedTick == null) {
            assertThat(row)
                    .as("the tick is dropped")
                    .contains("分析师会议")
                    .doesNotContain("√", "☑")
                    .doesNotContain("□分析师会议", "□路演活动");
        } else {
            assertThat(row)
                    .as("extracted row")
                    .contains(variant.extractedTick + "分析师会议", variant.extractedTick + "路演活动");
        }
        if (variant == Variant.WINGDINGS_PRIVATE_USE) {
            assertThat(row).contains("\uF06F特定对象调研");
        }
        if (variant == Variant.WINGDINGS2_RAW_CODE) {
            assertThat(row).contains("£特定对象调研");
        }

        EnrichedAnnouncement enriched =
                new AnnouncementEnricher().enrich(raw(text), Instant.parse("2024-06-14T08:00:00Z"));
        assertThat(enriched.documentClass()).isEqualTo(DocumentClass.IR_ACTIVITY_RECORD);
        IrActivity ir = enriched.irActivity();
        assertThat(ir.activityTypes()).as("from %s", row).containsExactly("分析师会议", "路演活动");
        assertThat(ir.date()).isEqualTo("2024-06-13");
    }

    private static RawAnnouncement raw(String text) {
        return new RawAnnouncement(
                RawAnnouncement.SCHEMA_VERSION,
                "b".repeat(64),
                "bse",
                "BSE",
                "873166",
                "青禾储能",
                "[临时公告]青禾储能:投资者关系活动记录表",
                List.of("9504"),
                LocalDate.of(2024, 6, 14),
                "https://www.bse.cn/disclosure/2024/2024-06-14/1.pdf",
                "pdf",
                null,
                null,
                1,
                text,
                RawAnnouncement.ExtractionStatus.OK,
                null,
                Instant.parse("2024-06-14T08:00:00Z"));
    }

    /** One item of the category row: its label and whether it is ticked. */
    private record Item(String label, boolean ticked) {}

    private static final List<List<Item>> ROW = List.of(
            List.of(
                    new Item("特定对象调研", false),
                    new Item("分析师会议", true),
                    new Item("媒体采访", false),
                    new Item("业绩说明会", false)),
            List.of(new Item("新闻发布会", false), new Item("路演活动", true), new Item("现场参观", false), new Item("其他", false)));

    private static void writeRecord(Path out, Variant variant) throws IOException {
        if (!Files.isReadable(CJK_FONT)) {
            throw new IllegalStateException("No CJK font at " + CJK_FONT + ": install the Debian package "
                    + "fonts-wqy-microhei (apt-get install -y fonts-wqy-microhei).");
        }
        try (TrueTypeCollection collection = new TrueTypeCollection(CJK_FONT.toFile());
                PDDocument doc = new PDDocument()) {
            TrueTypeFont[] first = new TrueTypeFont[1];
            collection.processAllFonts(f -> {
                if (first[0] == null) {
                    first[0] = f;
                }
            });
            PDType0Font cjk = PDType0Font.load(doc, first[0], true);
            PDFont tickFont = switch (variant) {
                case WINGDINGS_PRIVATE_USE -> symbolFont(0xFE, 0x6F, true);
                case WINGDINGS_RAW_CODE -> symbolFont(0xFE, 0x6F, false);
                case WINGDINGS2_RAW_CODE -> symbolFont(0x52, 0xA3, false);
                case DROPPED -> PDType0Font.load(doc, first[0], true);
            };
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                float y = 770f;
                for (String line : List.of("青禾储能科技股份有限公司", "投资者关系活动记录表", "", "一、投资者关系活动类别")) {
                    text(cs, cjk, 60f, y, line);
                    y -= 20f;
                }
                for (List<Item> line : ROW) {
                    float x = 60f;
                    for (Item item : line) {
                        box(cs, variant, item.ticked(), cjk, tickFont, x, y);
                        text(cs, cjk, x + SIZE + 1f, y, item.label());
                        x += SIZE + 1f + cjk.getStringWidth(item.label()) / 1000f * SIZE + 40f;
                    }
                    y -= 20f;
                }
                for (String line : List.of(
                        "二、投资者关系活动情况",
                        "活动时间：2024年6月13日",
                        "活动地点：公司会议室",
                        "参与单位及人员：中信证券 张三",
                        "上市公司接待人员：董事会秘书 王伟",
                        "三、投资者关系活动主要内容",
                        "问题1：公司产能如何？",
                        "回答：产能利用率保持在较高水平。")) {
                    text(cs, cjk, 60f, y, line);
                    y -= 20f;
                }
            }
            if (variant == Variant.DROPPED) {
                // Subsetting writes the ToUnicode map at save time: save once, drop the tick font's map, save again.
                doc.save(OutputStream.nullOutputStream());
                tickFont.getCOSObject().removeItem(COSName.TO_UNICODE);
            }
            doc.save(out.toFile());
        }
    }

    private static void box(
            PDPageContentStream cs, Variant variant, boolean ticked, PDType0Font cjk, PDFont tickFont, float x, float y)
            throws IOException {
        switch (variant) {
            case WINGDINGS_PRIVATE_USE -> code(cs, tickFont, x, y, ticked ? 0xFE : 0x6F);
            case WINGDINGS2_RAW_CODE -> code(cs, tickFont, x, y, ticked ? 0x52 : 0xA3);
            case WINGDINGS_RAW_CODE -> {
                if (ticked) {
                    code(cs, tickFont, x, y, 0xFE);
                } else {
                    text(cs, cjk, x, y, "□");
                }
            }
            case DROPPED -> text(cs, ticked ? (PDType0Font) tickFont : cjk, x, y, ticked ? "√" : "□");
        }
    }

    private static void text(PDPageContentStream cs, PDFont font, float x, float y, String s) throws IOException {
        if (s.isEmpty()) {
            return;
        }
        cs.beginText();
        cs.setFont(font, SIZE);
        cs.newLineAtOffset(x, y);
        cs.showText(s);
        cs.endText();
    }

    /** Shows one character code of a simple font; PDFBox cannot encode text for a Type 3 font itself. */
    @SuppressWarnings("deprecation")
    private static void code(PDPageContentStream cs, PDFont font, float x, float y, int code) throws IOException {
        cs.beginText();
        cs.setFont(font, SIZE);
        cs.newLineAtOffset(x, y);
        cs.appendRawCommands(String.format("<%02X> Tj\n", code));
        cs.endText();
    }

    /**
     * A Type 3 symbol font with a ticked box at {@code tickedCode} and an empty box at {@code emptyCode}. Its glyph
     * names are not in the Adobe Glyph List, so only a ToUnicode map (Word's: the code + U+F000) gives them text.
     */
    private static PDType3Font symbolFont(int tickedCode, int emptyCode, boolean toUnicode) throws IOException {
        COSDictionary font = new COSDictionary();
        font.setItem(COSName.TYPE, COSName.FONT);
        font.setItem(COSName.SUBTYPE, COSName.getPDFName("Type3"));
        font.setItem(COSName.FONT_BBOX, new PDRectangle(0, 0, 1000, 1000).getCOSArray());
        COSArray matrix = new COSArray();
        for (float v : new float[] {0.001f, 0, 0, 0.001f, 0, 0}) {
            matrix.add(new COSFloat(v));
        }
        font.setItem(COSName.FONT_MATRIX, matrix);
        COSDictionary procs = new COSDictionary();
        procs.setItem(
                COSName.getPDFName("boxchecked"),
                stream("1000 0 0 0 1000 1000 d1 60 w 100 50 800 800 re S 220 450 m 420 220 l 800 780 l S"));
        procs.setItem(COSName.getPDFName("boxempty"), stream("1000 0 0 0 1000 1000 d1 60 w 100 50 800 800 re S"));
        font.setItem(COSName.CHAR_PROCS, procs);
        int firstChar = Math.min(tickedCode, emptyCode);
        int lastChar = Math.max(tickedCode, emptyCode);
        COSArray differences = new COSArray();
        differences.add(COSInteger.get(emptyCode));
        differences.add(COSName.getPDFName("boxempty"));
        differences.add(COSInteger.get(tickedCode));
        differences.add(COSName.getPDFName("boxchecked"));
        COSDictionary encoding = new COSDictionary();
        encoding.setItem(COSName.TYPE, COSName.ENCODING);
        encoding.setItem(COSName.DIFFERENCES, differences);
        font.setItem(COSName.ENCODING, encoding);
        font.setInt(COSName.FIRST_CHAR, firstChar);
        font.setInt(COSName.LAST_CHAR, lastChar);
        COSArray widths = new COSArray();
        for (int c = firstChar; c <= lastChar; c++) {
            widths.add(COSInteger.get(c == tickedCode || c == emptyCode ? 1000 : 0));
        }
        font.setItem(COSName.WIDTHS, widths);
        font.setItem(COSName.RESOURCES, new COSDictionary());
        if (toUnicode) {
            font.setItem(
                    COSName.TO_UNICODE,
                    stream(String.join(
                            "\n",
                            "/CIDInit /ProcSet findresource begin",
                            "12 dict begin",
                            "begincmap",
                            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
                            "/CMapName /Adobe-Identity-UCS def",
                            "/CMapType 2 def",
                            "1 begincodespacerange",
                            "<00> <FF>",
                            "endcodespacerange",
                            "2 beginbfchar",
                            String.format("<%02X> <%04X>", tickedCode, 0xF000 + tickedCode),
                            String.format("<%02X> <%04X>", emptyCode, 0xF000 + emptyCode),
                            "endbfchar",
                            "endcmap",
                            "CMapName currentdict /CMap defineresource pop",
                            "end",
                            "end")));
        }
        return new PDType3Font(font);
    }

    private static COSStream stream(String content) throws IOException {
        COSStream s = new COSStream();
        try (OutputStream os = s.createOutputStream()) {
            os.write(content.getBytes(StandardCharsets.US_ASCII));
        }
        return s;
    }
}
