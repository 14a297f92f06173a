package io.pilu.ingest.document;

import io.pilu.model.text.IrRecordLabels;
import io.pilu.model.text.PageNumberLine;
import io.pilu.model.text.WrappedRowLabels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the per-page text a PDF (or HTML) text layer gives into readable Chinese text. Pure: no I/O, so every rule
 * is tested on strings.
 *
 * <ol>
 *   <li>A single space between two CJK characters is removed: Chinese has no word spaces, so "上 海 证 券 报" is an
 *       artefact of glyph positioning; a wider gap between fields stays as one space, and "2024 年 6 月" (digits
 *       next to Han) is kept as the document has it: the raw record carries the document's text, and the canonical
 *       spacing the parsers need (2024年6月) is enrich's {@code TextNormalizer}'s one rule.</li>
 *   <li>Page numbers ({@link PageNumberLine}: "3", "- 3 -", "第 3 页 共 8 页", "3/8", "Page 3 of 8") at the top or
 *       bottom of a page are removed.</li>
 *   <li>Running headers/footers (a line at the top or bottom of at least half of the pages, digits ignored) are kept
 *       once, where they first appear, and removed elsewhere: the first occurrence often carries information such
 *       as the announcement number. The kept one stays a line of its own, never joined to the text around it: when
 *       the header first appears on page 2, in the middle of a wrapped sentence, joining would glue it into that
 *       sentence where no later stage could tell it apart.</li>
 *   <li>Lines broken by the layout are re-joined: a line that fills the text width and does not end a sentence
 *       continues on the next line (also across a page break), unless that line starts a new structural item
 *       (a section number, 问题/答/回答/回复, a check box) or a new row of an IR record's table (a row label of
 *       {@link IrRecordLabels} followed by its value, e.g. "上市公司接待人员姓名 董事会秘书…"). A row label that a
 *       narrow label column wrapped inside its cell ("参与单位名称" then "及人员姓名", each piece at the head of a
 *       line beside a piece of the value) is first put back whole at the head of the row's first line
 *       ({@link WrappedRowLabels}), so its pieces neither stay unrecognised nor get joined into the value.
 *       Which lines fill the width: the lines nearly as wide as the document's typical line, by characters; in
 *       text from a PDF, where the extractor marks where lines end, the lines it marked {@link #WRAPPED} because
 *       their last glyph reaches the right edge of the document's text, and the lines wide enough by characters
 *       only if it marked them {@link #NEAR_EDGE}. Characters alone misjudge tables: a cell's lines are shorter than the page's
 *       ("…、兴业证券、富" then "国基金、…"), and a short row ("参与单位名称及人员姓名 申万宏源证券 郑凯、吴桐")
 *       can count as many characters as a full line.</li>
 *   <li>Check glyphs (√ ☑ □ ■ …, and the private-use code points or raw codes such as þ that a symbol font's boxes
 *       extract as) are kept as they are, and a line starting with one starts a new item: the enrich stage reads
 *       them.</li>
 * </ol>
 */
public final class ChineseTextCleaner {

    /**
     * Ends a line (before its line break) that the PDF's layout filled to the right edge of the page's text. A
     * private-use code point, so no document text is taken for it; the cleaner removes it.
     */
    static final char WRAPPED = '\uE001';

    /**
     * Ends a line that the PDF's layout ended near, but not at, the right edge of the text (see
     * {@link PdfTextExtractor#markWrappedLines}); a line of a PDF without a mark ends well short of the edge.
     */
    static final char NEAR_EDGE = '\uE004';

    /** Line flags: no layout mark, {@link #NEAR_EDGE}, {@link #WRAPPED}. */
    private static final byte UNMARKED = 0;

    private static final byte NEAR = 1;
    private static final byte AT_EDGE = 2;

    /** How many lines at each end of a page are candidates for a page number or a running header/footer. */
    private static final int EDGE_LINES = 2;
    /** A line at least this fraction of the typical full line width is taken to be wrapped by the layout. */
    private static final double FULL_LINE_RATIO = 0.85;
    /**
     * Below this width (half-width cells, i.e. 20 Han characters) no line is taken as wrapped: in a document of a
     * few short lines the "typical width" says nothing about the page width.
     */
    private static final int MIN_WRAP_WIDTH = 40;

    private static final Pattern WHITESPACE_RUN = Pattern.compile("[\\s\\u00A0\\u3000]+");
    /** Starts of lines that open a new item, so the previous line must not be joined to them. */
    private static final Pattern STRUCTURAL_START = Pattern.compile("^(?:第[一二三四五六七八九十百零\\d]+[章节条部分]"
            + "|[一二三四五六七八九十]+\\s*[、.．]"
            + "|[（(]\\s*[一二三四五六七八九十\\d]+\\s*[）)]"
            + "|\\d{1,3}\\s*[、.．](?!\\d)"
            + "|问题\\s*\\d*|问\\s*[:：]|答\\s*[:：]|回答\\s*[:：]|回复\\s*[:：]|答复\\s*[:：]|[QA]\\s*[:：\\d]"
            + "|[√☑☒□■☐✓✔✗●•◆▪◇○⊠◻▢þ\\uF0FE\\uF0FC\\uF0FD\\uF052\\uF06F\\uF0A8\\uF071\\uF0A3]"
            + "|附件|特此公告)");
    /** Characters that end a sentence or introduce a list: a line ending with one ends its paragraph. */
    private static final String SENTENCE_END = "。！？!?；;：:";

    /** Cleans the text of a document given page by page. */
    public String clean(List<String> pages) {
        List<List<String>> lines = new ArrayList<>(pages.size());
        List<List<Byte>> wrapped = new ArrayList<>(pages.size());
        for (String page : pages) {
            List<String> pageLines = new ArrayList<>();
            List<Byte> pageWrapped = new ArrayList<>();
            for (String raw : page.split("\\R", -1)) {
                char last = raw.isEmpty() ? 0 : raw.charAt(raw.length() - 1);
                byte mark = last == WRAPPED ? AT_EDGE : last == NEAR_EDGE ? NEAR : UNMARKED;
                pageWrapped.add(mark);
                pageLines.add(normalizeLine(mark == UNMARKED ? raw : raw.substring(0, raw.length() - 1)));
            }
            lines.add(pageLines);
            wrapped.add(pageWrapped);
        }
        removePageNumbers(lines);
        Set<String> keptRunning = removeRunningLines(lines);
        List<String> flat = new ArrayList<>();
        List<Byte> flatWrapped = new ArrayList<>();
        for (int p = 0; p < lines.size(); p++) {
            flat.addAll(lines.get(p));
            flatWrapped.addAll(wrapped.get(p));
        }
        // before lines are joined: a wrapped value line would otherwise swallow the next piece of its row's label
        WrappedRowLabels.reassemble(flat);
        return joinParagraphs(flat, flatWrapped, keptRunning);
    }

    /**
     * Cleans text whose lines are already logical blocks (HTML paragraphs, table cells): whitespace is normalised
     * and blank lines dropped, but lines are never re-joined since no layout wrapped them.
     */
    public String cleanBlocks(String text) {
        List<String> out = new ArrayList<>();
        for (String raw : text.split("\\R")) {
            String line = normalizeLine(raw);
            if (!line.isEmpty()) {
                out.add(line);
            }
        }
        return String.join("\n", out);
    }

    /**
     * Trims, collapses whitespace runs to one space, and drops a single space between two CJK characters: that is
     * a glyph-positioning artefact ("上 海 证 券 报"), while a wider gap ("并行科技    公告编号") separates columns
     * or fields and stays as one space.
     */
    static String normalizeLine(String line) {
        String s = line.strip();
        Matcher m = WHITESPACE_RUN.matcher(s);
        StringBuilder sb = new StringBuilder(s.length());
        int last = 0;
        while (m.find()) {
            sb.append(s, last, m.start());
            boolean single = m.end() - m.start() == 1 && s.charAt(m.start()) != '\u3000';
            boolean betweenCjk = m.start() > 0
                    && m.end() < s.length()
                    && isCjk(s.codePointBefore(m.start()))
                    && isCjk(s.codePointAt(m.end()));
            if (!(single && betweenCjk)) {
                sb.append(' ');
            }
            last = m.end();
        }
        sb.append(s, last, s.length());
        return sb.toString().strip();
    }

    private static void removePageNumbers(List<List<String>> pages) {
        int pageCount = pages.size();
        for (List<String> page : pages) {
            for (int idx : edgeIndexes(page)) {
                if (isPageNumber(page.get(idx), pageCount)) {
                    page.set(idx, "");
                }
            }
        }
    }

    /** Whether {@code line} is only a page number of a document of {@code pageCount} pages. */
    static boolean isPageNumber(String line, int pageCount) {
        // A bare number beyond the page count (with some slack for front matter) is data, not a page number.
        return PageNumberLine.matches(line, pageCount + 5);
    }

    /** Blanks every occurrence of a running line but its first; returns the lines kept that way. */
    private static Set<String> removeRunningLines(List<List<String>> pages) {
        if (pages.size() < 2) {
            return Set.of();
        }
        Map<String, Integer> pagesWithKey = new HashMap<>();
        for (List<String> page : pages) {
            Set<String> keys = new HashSet<>();
            for (int idx : edgeIndexes(page)) {
                keys.add(runningKey(page.get(idx)));
            }
            keys.forEach(k -> pagesWithKey.merge(k, 1, Integer::sum));
        }
        int threshold = Math.max(2, (pages.size() + 1) / 2);
        Set<String> kept = new HashSet<>();
        Set<String> keptLines = new HashSet<>();
        for (List<String> page : pages) {
            for (int idx : edgeIndexes(page)) {
                String key = runningKey(page.get(idx));
                if (pagesWithKey.getOrDefault(key, 0) >= threshold) {
                    if (kept.add(key)) {
                        keptLines.add(page.get(idx));
                    } else {
                        page.set(idx, "");
                    }
                }
            }
        }
        return keptLines;
    }

    /** A running line compared with its digits (page numbers, dates) and spaces ignored. */
    private static String runningKey(String line) {
        return line.replaceAll("\\d+", "#").replace(" ", "");
    }

    /** Indexes of the first and last {@link #EDGE_LINES} non-blank lines of a page. */
    private static List<Integer> edgeIndexes(List<String> page) {
        List<Integer> nonBlank = new ArrayList<>();
        for (int i = 0; i < page.size(); i++) {
            if (!page.get(i).isEmpty()) {
                nonBlank.add(i);
            }
        }
        Set<Integer> edges = new java.util.TreeSet<>();
        for (int i = 0; i < Math.min(EDGE_LINES, nonBlank.size()); i++) {
            edges.add(nonBlank.get(i));
            edges.add(nonBlank.get(nonBlank.size() - 1 - i));
        }
        return new ArrayList<>(edges);
    }

    private static String joinParagraphs(List<String> lines, List<Byte> wrapped, Set<String> standalone) {
        int fullWidth = typicalFullWidth(lines);
        // a PDF's marks (there is at least one: the lines at the edge) say which lines may be full
        boolean layoutKnown = wrapped.contains(AT_EDGE);
        List<String> out = new ArrayList<>();
        StringBuilder paragraph = null;
        String previousLine = null;
        byte previousMark = UNMARKED;
        boolean previousAlone = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                // Blank lines from the layout (or left by a removed header/footer) do not end a paragraph by
                // themselves: a wrapped paragraph continues after a page's footer. The text decides.
                continue;
            }
            boolean alone = !standalone.isEmpty() && standalone.contains(line);
            if (paragraph != null
                    && !alone
                    && !previousAlone
                    && continues(previousLine, previousMark, layoutKnown, line, fullWidth)) {
                if (needsSpace(previousLine.codePointBefore(previousLine.length()), line.codePointAt(0))) {
                    paragraph.append(' ');
                }
                paragraph.append(line);
            } else {
                if (paragraph != null) {
                    out.add(paragraph.toString());
                }
                paragraph = new StringBuilder(line);
            }
            previousLine = line;
            previousMark = wrapped.get(i);
            previousAlone = alone;
        }
        if (paragraph != null) {
            out.add(paragraph.toString());
        }
        return String.join("\n", out);
    }

    /**
     * Whether {@code next} continues the paragraph whose last source line is {@code previous}, which the extractor
     * marked {@code mark} (see the class comment).
     */
    private static boolean continues(String previous, byte mark, boolean layoutKnown, String next, int fullWidth) {
        int width = displayWidth(previous);
        boolean full = mark == AT_EDGE || ((mark == NEAR || !layoutKnown) && width >= FULL_LINE_RATIO * fullWidth);
        if (width < MIN_WRAP_WIDTH || !full) {
            return false;
        }
        if (SENTENCE_END.indexOf(previous.charAt(previous.length() - 1)) >= 0) {
            return false;
        }
        return !STRUCTURAL_START.matcher(next).lookingAt() && IrRecordLabels.delimitedAtStart(next) == null;
    }

    /**
     * The width a wrapped line fills: the 90th percentile of line widths, so a few over-long lines (a URL, a table
     * row) do not make every normal line look short.
     */
    private static int typicalFullWidth(List<String> lines) {
        int[] widths = lines.stream()
                .filter(l -> !l.isEmpty())
                .mapToInt(ChineseTextCleaner::displayWidth)
                .toArray();
        if (widths.length == 0) {
            return Integer.MAX_VALUE;
        }
        Arrays.sort(widths);
        return widths[(int) Math.floor(0.9 * (widths.length - 1))];
    }

    /** Width in half-width cells: CJK and full-width characters count 2, others 1. */
    static int displayWidth(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += isWide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return w;
    }

    private static boolean needsSpace(int before, int after) {
        return isAsciiWord(before) && isAsciiWord(after);
    }

    private static boolean isAsciiWord(int cp) {
        return cp < 128 && (Character.isLetterOrDigit(cp) || cp == '%' || cp == ')' || cp == ',');
    }

    /** Han ideographs and CJK punctuation / full-width forms: the characters between which a space is noise. */
    static boolean isCjk(int cp) {
        if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
            return true;
        }
        Character.UnicodeBlock block = Character.UnicodeBlock.of(cp);
        return block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS
                || block == Character.UnicodeBlock.CJK_COMPATIBILITY_FORMS
                || block == Character.UnicodeBlock.VERTICAL_FORMS;
    }

    private static boolean isWide(int cp) {
        return isCjk(cp)
                || Character.UnicodeBlock.of(cp) == Character.UnicodeBlock.GEOMETRIC_SHAPES
                || cp == '√'
                || cp == '“'
                || cp == '”'
                || cp == '‘'
                || cp == '’'
                || cp == '…'
                || cp == '—';
    }
}
