package io.pilu.app.extract;

import static io.pilu.app.extract.RecordTablePdf.LEADING;
import static io.pilu.app.extract.RecordTablePdf.LEFT;
import static io.pilu.app.extract.RecordTablePdf.PAD;
import static io.pilu.app.extract.RecordTablePdf.RECORD;
import static io.pilu.app.extract.RecordTablePdf.SIZE;
import static io.pilu.app.extract.RecordTablePdf.WIDE_VALUE_X;
import static io.pilu.app.extract.RecordTablePdf.enrich;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.app.extract.RecordTablePdf.Align;
import io.pilu.app.extract.RecordTablePdf.Borders;
import io.pilu.ingest.document.DocumentTextExtractor;
import io.pilu.model.IrActivity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Shenzhen IR record table of {@link RecordTablePdf} made the way a word processor often makes it: every label
 * cell centred vertically in its row, so that in a tall row (five lines of check boxes, five of institutions, the
 * Q&amp;A) the label sits beside a middle line of its value, or between two of them. Sorted by position, PDFBox reads
 * the row's first value lines before its label, as if they belonged to the row above. Through the crawler's real
 * text extraction ({@link DocumentTextExtractor}: the table's horizontal rules bound each row, and the label moves to
 * its row's first line) and the enricher, the record reads exactly as the same table with top-aligned labels, with a
 * wide label column and with narrow ones that wrap the labels. Without rules, or for text that is no row label,
 * nothing moves.
 */
class CentredRowLabelsPdfTest {

    /** A row whose label is no IR record label: centred, it stays where it is drawn. */
    private static final String REMARK =
            "备注\t本次活动不涉及应披露重大信息，公司严格遵守信息披露相关规定，与投资者进行了充分的沟通与交流，" + "未出现未公开重大信息泄露等情况，活动结束后公司已按规定将记录表报送交易所备案。";

    @TempDir
    static Path dir;

    /**
     * {@code chars} Han characters of the label's font fit on a line of the label column (0: the wide column, where
     * every label fits on one line).
     */
    @ParameterizedTest(name = "{0} characters per label line (0: wide), label in {1} pt on a {2} pt leading, {3}")
    @CsvSource({
        "0, 11.5, 19, LINES",
        "7, 11.5, 19, LINES",
        "6, 11.5, 19, LINES",
        "4, 11.5, 19, LINES",
        "6, 10.5, 15, LINES",
        "4, 9, 13, LINES",
        "0, 11.5, 19, BOXES",
        "6, 10.5, 15, BOXES"
    })
    void aCentredLabelReadsAsATopAlignedOne(int chars, float labelSize, float labelLeading, Borders borders)
            throws Exception {
        float valueX = chars == 0 ? WIDE_VALUE_X : LEFT + 3 * PAD + chars * labelSize + 1f;
        String name = chars + "-" + labelSize + "-" + borders;
        Path top = RecordTablePdf.write(
                dir.resolve("top-" + name + ".pdf"), RECORD, valueX, labelSize, labelLeading, Align.TOP, borders);
        Path centred = RecordTablePdf.write(
                dir.resolve("centred-" + name + ".pdf"),
                RECORD,
                valueX,
                labelSize,
                labelLeading,
                Align.CENTRED,
                Borders.LINES);
        // the premise: sorted by position, the tall rows' labels come after their rows' first value lines
        String plain = plainText(centred);
        plain = plain.substring(plain.indexOf("2024-009")); // after the title 投资者关系活动记录表
        assertThat(plain.indexOf("投资者关")).isGreaterThan(plain.indexOf("特定对象调研"));
        if (chars == 0) { // a narrow column makes the label as tall as the institutions
            assertThat(plain.indexOf("参与单位")).isGreaterThan(plain.indexOf("中信证券"));
        }
        assertThat(plain.indexOf("投资者关", plain.indexOf("参与单位"))).isGreaterThan(plain.indexOf("董事会秘书蔡文涛先生"));

        // the extracted text is the top-aligned table's, character for character
        DocumentTextExtractor extractor = new DocumentTextExtractor();
        assertThat(extractor.extract(centred, "pdf").text())
                .isEqualTo(extractor.extract(top, "pdf").text());

        IrActivity expected = enrich(top);
        IrActivity actual = enrich(centred);
        assertThat(actual.activityTypes()).isEqualTo(expected.activityTypes()).contains("特定对象调研", "分析师会议", "现场参观");
        assertThat(actual.activityTypeOther()).isEqualTo(expected.activityTypeOther());
        assertThat(actual.date()).isEqualTo(expected.date()).isEqualTo("2024-07-01");
        assertThat(actual.location()).isEqualTo(expected.location());
        assertThat(actual.participants()).isEqualTo(expected.participants()).hasSize(9);
        assertThat(actual.receptionists()).isEqualTo(expected.receptionists()).hasSize(4);
        assertThat(actual.qa()).isEqualTo(expected.qa()).hasSize(4);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void withoutRulesNothingMoves() throws Exception {
        Path pdf = RecordTablePdf.write(
                dir.resolve("no-rules.pdf"), RECORD, WIDE_VALUE_X, SIZE, LEADING, Align.CENTRED, Borders.NONE);
        String text = new DocumentTextExtractor().extract(pdf, "pdf").text();
        assertThat(text.indexOf("参与单位名称及人员姓名")).isGreaterThan(text.indexOf("中信证券"));
        assertThat(text.indexOf("投资者关系活动类别")).isGreaterThan(text.indexOf("特定对象调研"));
        assertThat(text.indexOf("上市公司接待人员姓名")).isGreaterThan(text.indexOf("林启明"));
    }

    @Test
    void textThatIsNoRowLabelStaysWhereItIsDrawn() throws Exception {
        List<String> record = new ArrayList<>(RECORD);
        record.add(REMARK);
        Path pdf = RecordTablePdf.write(
                dir.resolve("remark.pdf"), record, WIDE_VALUE_X, SIZE, LEADING, Align.CENTRED, Borders.LINES);
        String text = new DocumentTextExtractor().extract(pdf, "pdf").text();
        assertThat(plainText(pdf).indexOf("备注")).isGreaterThan(plainText(pdf).indexOf("本次活动不涉及"));
        assertThat(text.indexOf("备注")).isGreaterThan(text.indexOf("本次活动不涉及"));
        // while the record's own labels in the same table moved
        assertThat(text.indexOf("参与单位名称及人员姓名")).isLessThan(text.indexOf("中信证券"));
    }

    private static String plainText(Path pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            PDFTextStripper plain = new PDFTextStripper();
            plain.setSortByPosition(true);
            return plain.getText(doc).replaceAll("\\s+", "");
        }
    }
}
