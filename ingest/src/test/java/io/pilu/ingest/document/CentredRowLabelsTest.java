package io.pilu.ingest.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.ingest.document.CentredRowLabels.Rule;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.text.TextPosition;
import org.apache.pdfbox.util.Matrix;
import org.junit.jupiter.api.Test;

class CentredRowLabelsTest {

    private static final float PAGE_HEIGHT = 842f;
    private static final float SIZE = 10f;
    private static final PDType1Font FONT = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    /** A table row from y 100 to y 200 (from the page's top), label column from x 50, value column from x 200. */
    private static final List<Rule> ROW = List.of(new Rule(100f, 50f, 500f), new Rule(200f, 50f, 500f));

    @Test
    void aCentredLabelMovesToItsRowsFirstLine() {
        List<TextPosition> page = new ArrayList<>();
        values(page, 120f, 139f, 158f, 177f);
        text(page, "时间", 60f, 150f);
        assertThat(CentredRowLabels.lift(List.of(page), ROW)).isEqualTo(1);
        assertThat(yOf(page, "时")).isEqualTo(120f);
        assertThat(yOf(page, "间")).isEqualTo(120f);
        assertThat(page.get(0).getXDirAdj()).isEqualTo(200f); // values stay where they are
        assertThat(yOf(page, "值")).isEqualTo(120f);
        assertThat(page.stream()
                        .filter(t -> t.getUnicode().equals("时"))
                        .findFirst()
                        .orElseThrow()
                        .getXDirAdj())
                .isEqualTo(60f);
    }

    @Test
    void aWrappedCentredLabelMovesWholeKeepingItsLines() {
        List<TextPosition> page = new ArrayList<>();
        values(page, 120f, 139f, 158f, 177f);
        text(page, "参与单位名称", 60f, 150f);
        text(page, "及人员姓名", 60f, 163f);
        assertThat(CentredRowLabels.lift(List.of(page), ROW)).isEqualTo(1);
        assertThat(yOf(page, "参")).isEqualTo(120f);
        assertThat(yOf(page, "称")).isEqualTo(120f);
        assertThat(yOf(page, "及")).isEqualTo(133f);

        // centred across its cell too: the shorter second line starts half a character further right
        List<TextPosition> centred = new ArrayList<>();
        values(centred, 120f, 139f, 158f, 177f);
        text(centred, "参与单位名称", 60f, 150f);
        text(centred, "及人员姓名", 65f, 163f);
        assertThat(CentredRowLabels.lift(List.of(centred), ROW)).isEqualTo(1);
        assertThat(yOf(centred, "参")).isEqualTo(120f);
        assertThat(yOf(centred, "及")).isEqualTo(133f);
    }

    @Test
    void nothingMovesWithoutRulesOrForTextThatIsNoLabel() {
        List<TextPosition> page = new ArrayList<>();
        values(page, 120f, 139f, 158f);
        text(page, "时间", 60f, 139f);
        List<TextPosition> before = List.copyOf(page);
        assertThat(CentredRowLabels.lift(List.of(page), List.of())).isZero();
        assertThat(page).containsExactlyElementsOf(before);

        List<TextPosition> remark = new ArrayList<>();
        values(remark, 120f, 139f, 158f);
        text(remark, "备注", 60f, 139f);
        List<TextPosition> remarkBefore = List.copyOf(remark);
        assertThat(CentredRowLabels.lift(List.of(remark), ROW)).isZero();
        assertThat(remark).containsExactlyElementsOf(remarkBefore);
    }

    @Test
    void nothingMovesWhenTheLabelStartsTheRowOrTheRowIsNoTwoColumnRow() {
        List<TextPosition> top = new ArrayList<>();
        values(top, 120f, 139f, 158f);
        text(top, "时间", 60f, 120f);
        assertThat(CentredRowLabels.lift(List.of(top), ROW)).isZero();

        // other text in the label's column above it: the band holds more than one row (a rule is missing)
        List<TextPosition> twoRows = new ArrayList<>();
        values(twoRows, 120f, 139f, 158f);
        text(twoRows, "地点", 60f, 120f);
        text(twoRows, "时间", 60f, 158f);
        List<TextPosition> before = List.copyOf(twoRows);
        assertThat(CentredRowLabels.lift(List.of(twoRows), ROW)).isZero();
        assertThat(twoRows).containsExactlyElementsOf(before);

        // no rule below the label overlapping it: the row's extent is unknown
        List<TextPosition> open = new ArrayList<>();
        values(open, 120f, 139f, 158f);
        text(open, "时间", 60f, 139f);
        assertThat(CentredRowLabels.lift(List.of(open), List.of(new Rule(100f, 50f, 500f), new Rule(200f, 300f, 500f))))
                .isZero();
    }

    @Test
    void rulesAreLongHorizontalStrokesAndThinFilledBoxes() {
        CentredRowLabels.Rules rules = new CentredRowLabels.Rules();
        rules.moveTo(50f, 100f);
        rules.lineTo(500f, 100f);
        rules.lineTo(500f, 200f); // vertical: no rule
        rules.paint(true, false);
        rules.moveTo(50f, 110f);
        rules.lineTo(55f, 110f); // too short
        rules.paint(true, false);
        rules.rectangle(new float[] {50f, 500f, 500f, 50f}, new float[] {120f, 120f, 120.5f, 120.5f});
        rules.paint(false, true); // a thin filled box
        rules.rectangle(new float[] {50f, 500f, 500f, 50f}, new float[] {130f, 130f, 180f, 180f});
        rules.paint(false, true); // a cell's shading: no rule
        rules.rectangle(new float[] {50f, 500f, 500f, 50f}, new float[] {300f, 300f, 350f, 350f});
        rules.paint(true, false); // a stroked box: its top and bottom edges
        rules.moveTo(50f, 400f);
        rules.lineTo(500f, 400f);
        rules.discard(); // a clipping path (W n) paints nothing
        assertThat(rules.rules())
                .containsExactly(
                        new Rule(100f, 50f, 500f),
                        new Rule(120.25f, 50f, 500f),
                        new Rule(300f, 50f, 500f),
                        new Rule(350f, 50f, 500f));
        rules.clear();
        assertThat(rules.rules()).isEmpty();
    }

    /** One value line "值…" in the value column at each baseline. */
    private static void values(List<TextPosition> page, float... baselines) {
        for (float y : baselines) {
            text(page, "值值值值值值", 200f, y);
        }
    }

    private static void text(List<TextPosition> page, String s, float x, float y) {
        for (int i = 0; i < s.length(); i++) {
            float at = x + i * SIZE;
            page.add(new TextPosition(
                    0,
                    595f,
                    PAGE_HEIGHT,
                    new Matrix(SIZE, 0, 0, SIZE, at, PAGE_HEIGHT - y),
                    at + SIZE,
                    PAGE_HEIGHT - y,
                    SIZE * 0.8f,
                    SIZE,
                    SIZE / 4,
                    s.substring(i, i + 1),
                    new int[] {s.charAt(i)},
                    FONT,
                    1f,
                    (int) SIZE));
        }
    }

    private static float yOf(List<TextPosition> page, String ch) {
        return page.stream()
                .filter(t -> t.getUnicode().equals(ch))
                .findFirst()
                .orElseThrow()
                .getYDirAdj();
    }
}
