package io.pilu.model.text;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Re-assembles an IR record's row label that a narrow label column wrapped inside its cell. A table's text reads row
 * by row, "label value", but a label wider than its column breaks over two or more lines of the cell ("参与单位名称"
 * then "及人员姓名"), and each piece lands at the head of a different text line, each followed by that line's piece
 * of the value column (or alone, where the value has fewer lines):
 *
 * <pre>
 * 参与单位名称 中信证券许哲、梁悦；易方达基金陈亦舟；华泰证
 * 及人员姓名 券黄川；中金公司顾远航；高毅资产周岚；
 * </pre>
 *
 * becomes
 *
 * <pre>
 * 参与单位名称及人员姓名 中信证券许哲、梁悦；易方达基金陈亦舟；华泰证
 * 券黄川；中金公司顾远航；高毅资产周岚；
 * </pre>
 *
 * so the row starts with its whole label and the value lines follow as if the column were wide; a line that held
 * only a piece of the label becomes empty. Where the label's first line holds no value and only blank lines stand
 * between it and the next pieces (活动时 / 间：2024年9月3日, or 上市公司接待 / 人员姓名 董事会秘书…), the value after
 * the last of them joins the label's line: the row then reads as one line, as a wide column gives it.
 *
 * <p>It never glues unrelated text: a piece is a line's head token (up to white space, a colon, a digit, a check
 * glyph or the line end, as {@link IrRecordLabels#delimitedAtStart} delimits a label from its value), the first
 * piece must be a proper prefix of a label of {@link IrRecordLabels}, every next piece must extend the pieces so far
 * to a prefix of a label, and the pieces are joined only when together they spell a whole label. A next piece comes
 * within {@value #MAX_DISTANCE} non-blank lines of the previous one, and the search stops at a line that starts a
 * row of its own; a piece that is itself a label is taken only when it completes a label of its own section
 * (投资者关系活动 + 主要内容介绍). The value's text keeps its order and is never cut. Pure.
 */
public final class WrappedRowLabels {

    /** The most non-blank lines from one piece of a label to the next (value lines of the row in between). */
    static final int MAX_DISTANCE = 3;

    /** Every proper prefix (2+ characters) of a label. */
    private static final Set<String> PROPER_PREFIXES;
    /**
     * Every proper prefix (1+ characters) of a label → the characters that can follow it in a label: a line whose
     * first character is not among them cannot continue the pieces so far, and is passed over without a copy.
     */
    private static final Map<String, String> NEXT_CHARS;
    /** Every label and its section. */
    private static final Map<String, IrRecordLabels.Section> SECTION_OF;
    /** The longest label's length: a longer head is rejected without a look-up. */
    private static final int MAX_LABEL_LENGTH;
    /**
     * The first characters of the labels, by code unit: a line starting with another is rejected at once (a set
     * look-up, not a search: every line of every document passes here).
     */
    private static final BitSet FIRST_CHARS = new BitSet(Character.MAX_VALUE + 1);

    static {
        Set<String> prefixes = new HashSet<>();
        Map<String, IrRecordLabels.Section> sections = new HashMap<>();
        Map<String, String> next = new HashMap<>();
        int max = 0;
        for (Map.Entry<IrRecordLabels.Section, List<String>> e :
                IrRecordLabels.bySection().entrySet()) {
            for (String label : e.getValue()) {
                sections.putIfAbsent(label, e.getKey());
                FIRST_CHARS.set(label.charAt(0));
                max = Math.max(max, label.length());
                for (int n = 1; n < label.length(); n++) {
                    String prefix = label.substring(0, n);
                    if (n >= 2) {
                        prefixes.add(prefix);
                    }
                    String c = label.substring(n, n + 1);
                    next.merge(prefix, c, (a, b) -> a.contains(b) ? a : a + b);
                }
            }
        }
        PROPER_PREFIXES = Set.copyOf(prefixes);
        NEXT_CHARS = Map.copyOf(next);
        SECTION_OF = Map.copyOf(sections);
        MAX_LABEL_LENGTH = max;
    }

    private WrappedRowLabels() {}

    /**
     * Re-assembles wrapped labels in {@code lines} in place (see the class comment); a line left holding nothing
     * becomes the empty string, so a caller keeping data parallel to the lines keeps its indexes. Lines are expected
     * stripped of layout marks, with a column gap written as white space.
     *
     * @return the indexes of the lines that held only pieces of a label and are now empty (none: nothing moved or
     *     only values stayed beside pieces)
     */
    public static BitSet reassemble(List<String> lines) {
        BitSet emptied = new BitSet();
        int n = lines.size();
        for (int i = 0; i < n; i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            // most lines end here: no label starts with their first character (white space is measured only when a
            // line starts with it)
            int start = FIRST_CHARS.get(line.charAt(0)) ? 0 : leadingSpace(line);
            if (start == line.length() || !FIRST_CHARS.get(line.charAt(start))) {
                continue;
            }
            int headEnd = headEnd(line);
            if (headEnd < 0) {
                continue;
            }
            String first = line.substring(start, headEnd);
            if (!PROPER_PREFIXES.contains(first)) {
                continue;
            }
            String joined = first;
            List<Integer> pieces = new ArrayList<>();
            List<Integer> ends = new ArrayList<>();
            String whole = null;
            int wholePieces = 0;
            int at = i;
            while (PROPER_PREFIXES.contains(joined)) {
                int found = -1;
                int seen = 0;
                String follows = NEXT_CHARS.getOrDefault(joined, "");
                for (int k = at + 1; k < n && seen < MAX_DISTANCE; k++) {
                    String candidate = lines.get(k);
                    int from = leadingSpace(candidate);
                    if (from == candidate.length()) {
                        continue; // blank
                    }
                    seen++;
                    char head = candidate.charAt(from);
                    int end = follows.indexOf(head) >= 0 ? headEnd(candidate) : -1;
                    if (end >= 0) {
                        String piece = candidate.substring(from, end);
                        String extended = joined + piece;
                        if ((PROPER_PREFIXES.contains(extended) || SECTION_OF.containsKey(extended))
                                && completesOwnSection(piece, extended)) {
                            found = k;
                            joined = extended;
                            pieces.add(k);
                            ends.add(end);
                            break;
                        }
                    }
                    if (FIRST_CHARS.get(head) && IrRecordLabels.delimitedAtStart(candidate.strip()) != null) {
                        break; // the next row started: the label did not continue
                    }
                }
                if (found < 0) {
                    break;
                }
                at = found;
                if (SECTION_OF.containsKey(joined)) {
                    whole = joined;
                    wholePieces = pieces.size();
                }
            }
            if (whole == null) {
                continue;
            }
            // The label line takes the value that follows the label on the next lines while nothing else stands
            // between them (活动时 / 间：2024年…  or a piece alone, then the last piece with the value): the row then
            // reads as one line. Past a value line, each piece's value stays on its own line, in its place.
            String labelLine = whole;
            String rest = line.substring(headEnd);
            boolean open = rest.isBlank();
            int previous = i;
            for (int p = 0; p < wholePieces; p++) {
                int k = pieces.get(p);
                String after = lines.get(k).substring(ends.get(p));
                if (open && onlyBlankBetween(lines, previous, k)) {
                    rest = after;
                    lines.set(k, "");
                    emptied.set(k);
                    open = after.isBlank();
                } else {
                    open = false;
                    String value = valueAfter(after);
                    lines.set(k, value);
                    if (value.isEmpty()) {
                        emptied.set(k);
                    }
                }
                previous = k;
            }
            lines.set(i, withLabel(labelLine, rest));
        }
        return emptied;
    }

    private static boolean onlyBlankBetween(List<String> lines, int from, int to) {
        for (int k = from + 1; k < to; k++) {
            if (!lines.get(k).isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** A piece that is a label itself is taken only into a label of the same section. */
    private static boolean completesOwnSection(String piece, String extended) {
        IrRecordLabels.Section own = SECTION_OF.get(piece);
        if (own == null) {
            return true;
        }
        IrRecordLabels.Section joined = SECTION_OF.get(extended);
        return joined == null ? isPrefixOfSection(extended, own) : joined == own;
    }

    private static boolean isPrefixOfSection(String prefix, IrRecordLabels.Section section) {
        for (String label : IrRecordLabels.of(section)) {
            if (label.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The label followed by the rest of its line: a colon stays against it, else one space separates them. */
    private static String withLabel(String label, String rest) {
        String value = rest.strip();
        if (value.isEmpty()) {
            return label;
        }
        return value.charAt(0) == '：' || value.charAt(0) == ':' ? label + value : label + " " + value;
    }

    /** What follows a continuation piece: its value, without the colon that delimited the piece. */
    private static String valueAfter(String rest) {
        String value = rest.strip();
        while (!value.isEmpty() && (value.charAt(0) == '：' || value.charAt(0) == ':')) {
            value = value.substring(1).strip();
        }
        return value;
    }

    private static int leadingSpace(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * The end of {@code line}'s head token (after leading white space), or -1 when the head cannot be a piece of a
     * label: empty, or longer than any label before its delimiter.
     */
    private static int headEnd(String line) {
        int start = leadingSpace(line);
        int i = start;
        int limit = Math.min(line.length(), start + MAX_LABEL_LENGTH + 1);
        while (i < limit && !isDelimiter(line.charAt(i))) {
            i++;
        }
        return i == start || i - start > MAX_LABEL_LENGTH ? -1 : i;
    }

    private static boolean isDelimiter(char c) {
        return Character.isWhitespace(c)
                || c == '：'
                || c == ':'
                || (c >= '0' && c <= '9')
                || IrRecordLabels.isCheckGlyph(c);
    }
}
