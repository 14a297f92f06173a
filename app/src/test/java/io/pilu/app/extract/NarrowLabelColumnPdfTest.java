package io.pilu.app.extract;

import static io.pilu.app.extract.RecordTablePdf.LEADING;
import static io.pilu.app.extract.RecordTablePdf.LEFT;
import static io.pilu.app.extract.RecordTablePdf.PAD;
import static io.pilu.app.extract.RecordTablePdf.RECORD;
import static io.pilu.app.extract.RecordTablePdf.SIZE;
import static io.pilu.app.extract.RecordTablePdf.WIDE_VALUE_X;
import static io.pilu.app.extract.RecordTablePdf.enrich;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.ingest.document.DocumentTextExtractor;
import io.pilu.model.IrActivity;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
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
 * <p>The table ({@link RecordTablePdf}) is drawn like the bundled samples' ({@code TestPdfs} in ingest's tests, which
 * app's tests cannot reach): rules around the cells, label and value top-aligned in their cells, the value wrapped at
 * the right edge.
 */
class NarrowLabelColumnPdfTest {

    @TempDir
    static Path dir;

    private static IrActivity wide;

    @BeforeAll
    static void wideColumn() throws Exception {
        wide = enrich(write("wide.pdf", WIDE_VALUE_X, SIZE, LEADING));
    }

    @Test
    void theWideColumnRecordReadsWhole() {
        TableRecordAssertions.assertFullTableRecord(wide);
        assertThat(wide.qa()).hasSize(4);
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

    private static Path write(String name, float valueX, float labelSize, float labelLeading) throws IOException {
        return RecordTablePdf.write(
                dir.resolve(name),
                RECORD,
                valueX,
                labelSize,
                labelLeading,
                RecordTablePdf.Align.TOP,
                RecordTablePdf.Borders.LINES);
    }
}
