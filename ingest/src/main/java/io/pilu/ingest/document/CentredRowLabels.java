package io.pilu.ingest.document;

import io.pilu.model.text.IrRecordLabels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.text.TextPosition;
import org.apache.pdfbox.util.Matrix;

/**
 * Moves an IR record's row label that its table cell centres vertically to the row's first line, from the page's
 * geometry, before PDFBox orders the page's glyphs into lines. A word processor's table often centres the label cell
 * in a tall row: the label of a ten-line 参与单位名称及人员姓名 row sits beside its fifth line, so text sorted by
 * position reads four lines of institutions, then the label, and those four lines belong to the row above for any
 * later stage. Text alone cannot tell them apart; the table's horizontal rules can: they bound the row.
 *
 * <p>A row label is moved only when all of this holds, else the page is left exactly as it is:
 *
 * <ul>
 *   <li>the page has horizontal rules ({@link Rules}: stroked lines, the edges of stroked rectangles, thin filled
 *       rectangles, all at least {@value #MIN_RULE_LENGTH} pt long);</li>
 *   <li>the head of a line (its glyphs up to a {@value #COLUMN_GAP_EM} em gap), or the heads of consecutive lines
 *       in the same column (a label the cell wrapped), spell a row label of {@link IrRecordLabels} (a colon after it
 *       allowed);</li>
 *   <li>a rule above the label's first line and a rule below its last one overlap it horizontally: the row;</li>
 *   <li>every other glyph whose baseline lies in the row stands right of the label (a value column), and the row's
 *       first value line lies above the label's first line.</li>
 * </ul>
 *
 * The label's glyphs are then raised, all by the same distance and keeping their x, until its first line shares the
 * baseline of the row's first value line: the cell reads as if it were top-aligned, "label value" on the row's first
 * line, each value line in its place, and a wrapped label's lines as a top-aligned cell has them, which
 * {@link io.pilu.model.text.WrappedRowLabels} re-joins later. Only label glyphs ever move, and only upward inside
 * their row. Pages turned by /Rotate are left as they are. Pure.
 */
final class CentredRowLabels {

    /** A horizontal line shorter than this (a dash, a tick mark) is not a table rule. */
    static final float MIN_RULE_LENGTH = 10f;
    /** A filled rectangle at most this tall is a rule (word processors draw borders as thin filled boxes). */
    static final float MAX_RULE_THICKNESS = 3f;
    /** A gap between glyphs this many font sizes wide ends a cell's text on a line (as the stripper's column gap). */
    static final float COLUMN_GAP_EM = 0.75f;
    /** Glyphs whose baselines differ by at most this (pt) are on one line. */
    private static final float SAME_LINE = 1f;
    /** Consecutive lines of a wrapped label are at most this many of its font sizes apart. */
    private static final float MAX_LABEL_LEADING_EM = 2.5f;
    /** The most rules a page may draw for its labels to be moved (more: a drawing, not a table). */
    static final int MAX_RULES = 20_000;

    private CentredRowLabels() {}

    /** A horizontal rule in the stripper's page coordinates: y from the top of the page, as glyphs' YDirAdj. */
    record Rule(float y, float x0, float x1) {}

    /**
     * Moves centred row labels in the page's glyphs ({@code articles}, as the stripper collected them) in place; see
     * the class comment.
     *
     * @return how many labels were moved
     */
    static int lift(List<List<TextPosition>> articles, List<Rule> rules) {
        if (rules.isEmpty()) {
            return 0;
        }
        List<Glyph> glyphs = new ArrayList<>();
        for (List<TextPosition> article : articles) {
            for (int i = 0; i < article.size(); i++) {
                TextPosition t = article.get(i);
                String u = t.getUnicode();
                if (u != null && !u.isBlank() && t.getRotation() == 0 && t.getDir() == 0) {
                    glyphs.add(new Glyph(article, i, t));
                }
            }
        }
        if (glyphs.isEmpty()) {
            return 0;
        }
        glyphs.sort((a, b) -> Float.compare(a.y, b.y));
        List<Line> lines = new ArrayList<>();
        Line current = null;
        for (Glyph g : glyphs) {
            if (current == null || g.y - current.y > SAME_LINE) {
                current = new Line(g.y);
                lines.add(current);
            }
            current.glyphs.add(g);
        }
        for (Line line : lines) {
            line.glyphs.sort((a, b) -> Float.compare(a.x0, b.x0));
        }
        int moved = 0;
        for (int i = 0; i < lines.size(); i++) {
            int last = labelFrom(lines, i);
            if (last >= 0 && moveLabel(lines, i, last, rules)) {
                moved++;
                i = last;
            }
        }
        return moved;
    }

    /**
     * The index of the last line of a row label whose first line is {@code first} (the heads of the lines in the
     * label's column, top-down, spell a label), the longest such label, or -1.
     */
    private static int labelFrom(List<Line> lines, int first) {
        Line start = lines.get(first);
        if (!IrRecordLabels.canStartLabel(start.glyphs.get(0).firstChar())) {
            return -1; // most lines: their head is measured only when it can be a label
        }
        start.findHead();
        String text = withoutColon(start.headText);
        if (!IrRecordLabels.startsLabel(text)) {
            return -1;
        }
        int found = IrRecordLabels.isLabel(text) ? first : -1;
        int previous = first;
        for (int k = first + 1; k < lines.size() && !text.isEmpty(); k++) {
            Line next = lines.get(k);
            Line prev = lines.get(previous);
            if (next.y - prev.y > MAX_LABEL_LEADING_EM * prev.headSize) {
                break;
            }
            if (next.headX0() >= start.headX1()) {
                continue; // a value line between two lines of the label
            }
            // a line starting in the label's column (a shorter line of a centred cell starts further right)
            next.findHead();
            String extended = text + withoutColon(next.headText);
            if (!IrRecordLabels.startsLabel(extended) || endsWithColon(prev.headText)) {
                break;
            }
            text = extended;
            previous = k;
            if (IrRecordLabels.isLabel(text)) {
                found = k;
            }
        }
        return found;
    }

    private static boolean moveLabel(List<Line> lines, int first, int last, List<Rule> rules) {
        List<Line> pieces = new ArrayList<>();
        float x0 = Float.MAX_VALUE;
        float x1 = -Float.MAX_VALUE;
        for (int k = first; k <= last; k++) {
            Line line = lines.get(k);
            if (k == first || line.headX0() < lines.get(first).headX1()) {
                pieces.add(line);
                x0 = Math.min(x0, line.headX0());
                x1 = Math.max(x1, line.headX1());
            }
        }
        Line top = pieces.get(0);
        float labelTop = top.y - 0.6f * top.headSize;
        float labelBottom = pieces.get(pieces.size() - 1).y;
        float above = -Float.MAX_VALUE;
        float below = Float.MAX_VALUE;
        for (Rule r : rules) {
            if (r.x0() < x1 && r.x1() > x0) {
                if (r.y() <= labelTop && r.y() > above) {
                    above = r.y();
                }
                if (r.y() > labelBottom && r.y() < below) {
                    below = r.y();
                }
            }
        }
        if (above == -Float.MAX_VALUE || below == Float.MAX_VALUE) {
            return false;
        }
        // the row's value lines: every glyph of the row but the label's, which must all stand right of the label
        List<Float> valueLines = new ArrayList<>();
        for (Line line : lines) {
            if (line.y <= above || line.y >= below) {
                continue;
            }
            int from = pieces.contains(line) ? line.headEnd : 0;
            if (from == line.glyphs.size()) {
                continue;
            }
            for (int g = from; g < line.glyphs.size(); g++) {
                if (line.glyphs.get(g).x0 < x1 - 0.5f) {
                    return false; // not a label column beside a value column
                }
            }
            valueLines.add(line.y);
        }
        if (valueLines.isEmpty() || valueLines.get(0) >= top.y - SAME_LINE) {
            return false; // the label already starts the row
        }
        float shift = top.y - valueLines.get(0);
        for (Line piece : pieces) {
            for (int g = 0; g < piece.headEnd; g++) {
                piece.glyphs.get(g).raise(shift);
            }
        }
        return true;
    }

    private static boolean endsWithColon(String s) {
        return !s.isEmpty() && (s.charAt(s.length() - 1) == '：' || s.charAt(s.length() - 1) == ':');
    }

    private static String withoutColon(String s) {
        return endsWithColon(s) ? s.substring(0, s.length() - 1) : s;
    }

    /** A glyph and where the stripper keeps it. */
    private static final class Glyph {
        final List<TextPosition> article;
        final int index;
        final TextPosition position;
        final float x0;
        final float x1;
        final float y;
        final float size;

        Glyph(List<TextPosition> article, int index, TextPosition position) {
            this.article = article;
            this.index = index;
            this.position = position;
            this.x0 = position.getXDirAdj();
            this.x1 = x0 + position.getWidthDirAdj();
            this.y = position.getYDirAdj();
            this.size = position.getFontSizeInPt() > 0 ? position.getFontSizeInPt() : position.getHeightDir();
        }

        char firstChar() {
            String u = position.getUnicode().strip();
            return u.isEmpty() ? ' ' : u.charAt(0);
        }

        /** Replaces the stripper's glyph by one {@code by} points higher on the page (an unrotated page). */
        void raise(float by) {
            TextPosition t = position;
            Matrix m = t.getTextMatrix();
            Matrix up = new Matrix(
                    m.getScaleX(),
                    m.getShearY(),
                    m.getShearX(),
                    m.getScaleY(),
                    m.getTranslateX(),
                    m.getTranslateY() + by);
            float[] widths = t.getIndividualWidths();
            article.set(
                    index,
                    new TextPosition(
                            t.getRotation(),
                            t.getPageWidth(),
                            t.getPageHeight(),
                            up,
                            t.getEndX(),
                            t.getEndY() + by,
                            t.getHeight(),
                            widths.length == 1 ? widths[0] : t.getWidth(),
                            t.getWidthOfSpace(),
                            t.getUnicode(),
                            t.getCharacterCodes(),
                            t.getFont(),
                            t.getFontSize(),
                            (int) t.getFontSizeInPt()));
        }
    }

    /**
     * The glyphs of one baseline, left to right, and its head: the glyphs up to the first column gap (measured only
     * for a line that can start or continue a label).
     */
    private static final class Line {
        final float y;
        final List<Glyph> glyphs = new ArrayList<>();
        int headEnd;
        String headText = "";
        float headSize;

        Line(float y) {
            this.y = y;
        }

        /** Measures the head, once. */
        void findHead() {
            if (headEnd > 0) {
                return;
            }
            Glyph previous = glyphs.get(0);
            int end = 1;
            while (end < glyphs.size()) {
                Glyph g = glyphs.get(end);
                if (g.x0 - previous.x1 >= COLUMN_GAP_EM * Math.max(previous.size, 1f)) {
                    break;
                }
                previous = g;
                end++;
            }
            headEnd = end;
            StringBuilder sb = new StringBuilder();
            float size = 0;
            for (int g = 0; g < end; g++) {
                sb.append(glyphs.get(g).position.getUnicode().strip());
                size = Math.max(size, glyphs.get(g).size);
            }
            headText = sb.toString();
            headSize = Math.max(size, 1f);
        }

        float headX0() {
            return glyphs.get(0).x0;
        }

        float headX1() {
            return glyphs.get(headEnd - 1).x1;
        }
    }

    /**
     * Collects a page's horizontal rules from its path operators, in the stripper's page coordinates (x from the crop
     * box's left, y from its top); the caller transforms each point by the current transformation matrix. A path
     * counts only when it is painted: a clipping path or one ended by {@code n} draws nothing.
     */
    static final class Rules {
        private final List<Rule> rules = new ArrayList<>();
        /** The current path's horizontal segments, and the box of each filled subpath candidate. */
        private final List<float[]> segments = new ArrayList<>();

        private final List<float[]> boxes = new ArrayList<>();
        private float startX;
        private float startY;
        private float atX;
        private float atY;
        /** The current subpath's box: min x, min y, max x, max y. */
        private float[] box;

        private boolean overflow;

        void clear() {
            rules.clear();
            segments.clear();
            boxes.clear();
            box = null;
            overflow = false;
        }

        void moveTo(float x, float y) {
            closeBox();
            startX = x;
            startY = y;
            atX = x;
            atY = y;
            box = new float[] {x, y, x, y};
        }

        void lineTo(float x, float y) {
            segment(atX, atY, x, y);
            atX = x;
            atY = y;
            if (box != null) {
                box[0] = Math.min(box[0], x);
                box[1] = Math.min(box[1], y);
                box[2] = Math.max(box[2], x);
                box[3] = Math.max(box[3], y);
            }
        }

        /** A curve: it moves the current point but is no rule, and its subpath no thin box. */
        void curveTo(float x, float y) {
            atX = x;
            atY = y;
            box = null;
        }

        void closePath() {
            segment(atX, atY, startX, startY);
            atX = startX;
            atY = startY;
        }

        /** A rectangle given by its four transformed corners, in drawing order. */
        void rectangle(float[] xs, float[] ys) {
            moveTo(xs[0], ys[0]);
            for (int i = 1; i < 4; i++) {
                lineTo(xs[i], ys[i]);
            }
            closePath();
            closeBox();
        }

        /** The path is painted: stroked lines and thin filled boxes become rules. */
        void paint(boolean stroke, boolean fill) {
            closeBox();
            if (stroke) {
                for (float[] s : segments) {
                    add(s[0], s[1], s[2]);
                }
            }
            if (fill) {
                for (float[] b : boxes) {
                    if (b[3] - b[1] <= MAX_RULE_THICKNESS && b[2] - b[0] >= MIN_RULE_LENGTH) {
                        add((b[1] + b[3]) / 2, b[0], b[2]);
                    }
                }
            }
            discard();
        }

        void discard() {
            segments.clear();
            boxes.clear();
            box = null;
        }

        /** The page's rules, or none when it drew more than {@value #MAX_RULES} of them. */
        List<Rule> rules() {
            return overflow ? List.of() : rules;
        }

        private void closeBox() {
            if (box != null) {
                if (boxes.size() >= MAX_RULES) {
                    overflow = true;
                } else {
                    boxes.add(box);
                }
            }
            box = null;
        }

        private void segment(float xa, float ya, float xb, float yb) {
            if (Math.abs(ya - yb) <= 0.5f && Math.abs(xb - xa) >= MIN_RULE_LENGTH) {
                if (segments.size() >= MAX_RULES) {
                    overflow = true;
                    return;
                }
                segments.add(new float[] {(ya + yb) / 2, Math.min(xa, xb), Math.max(xa, xb)});
            }
        }

        private void add(float y, float x0, float x1) {
            if (rules.size() >= MAX_RULES) {
                overflow = true;
                return;
            }
            rules.add(new Rule(y, x0, x1));
        }

        @Override
        public String toString() {
            return "Rules" + Arrays.toString(rules.toArray());
        }
    }
}
