package io.pilu.enrich.extract;

import io.pilu.model.text.PageNumberLine;
import io.pilu.model.text.WrappedRowLabels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Undoes the damage PDF text extraction does to Chinese disclosures, so the parsers can work on one canonical
 * form. Line structure is kept (records are line-oriented); everything else is canonicalised:
 * <ul>
 *   <li>check glyphs: √ ✓ ✔ ☑ ■ ▇ ▉ █ ◼ ☒ ⊠ þ become {@link #CHECKED}; □ ☐ ◻ ▢ become {@link #UNCHECKED}. So do the
 *       private-use code points a symbol font's glyphs extract as (Wingdings U+F0FE ticked box, U+F0FC check mark,
 *       U+F0FD crossed box; U+F06F, U+F0A8, U+F071 empty boxes; Wingdings 2 U+F052 ticked and U+F0A3 empty box):
 *       a private-use code point carries no text, and þ is what Wingdings' ticked box (code 0xFE) reads as when the
 *       PDF gives no Unicode for it. The letter R (Wingdings 2's ticked box) and the Han character 口 are left
 *       alone: they are words elsewhere, so only {@code ActivityTypeParser} reads them as boxes, where a box
 *       stands;</li>
 *   <li>full-width digits, Latin letters, ％ and ．become ASCII, because numbers are parsed;</li>
 *   <li>half-width , : ; ( ) ? become the full-width forms Chinese typesetting uses, because labels and
 *       list separators are matched in that form (kept half-width between two digits: 1,000 and 14:00);</li>
 *   <li>letter-spacing is removed (上 海 证 券 报 → 上海证券报): a space between two Han characters goes when
 *       the Han runs on both sides of it are a single character, so 中信证券 张三 keeps its meaningful space
 *       while 张 三 (a name padded to three columns) closes up; spaces beside full-width punctuation and between
 *       Han characters and digits go too (2024 年 6 月 → 2024年6月), spaces beside Latin words stay (AI 云). This
 *       canonical spacing is enrich's alone: ingest publishes the document's own spacing;</li>
 *   <li>record labels broken over lines are re-joined (活动时\n间： → 活动时间：), also a table's row label that a
 *       narrow label column wrapped inside its cell, each piece at the head of a line beside a piece of the value
 *       (参与单位名称 中信证券…\n及人员姓名 华泰证券… → 参与单位名称及人员姓名 中信证券…\n华泰证券…;
 *       {@link WrappedRowLabels}, which ingest applies to PDF text too: this covers text from any source);</li>
 *   <li>page-number lines ({@link PageNumberLine}, the rule ingest applies at page edges) are dropped anywhere,
 *       since text that did not come through ingest has no page boundaries; so are repeats of page headers
 *       (证券代码…, the document's first lines);</li>
 *   <li>runs of blank lines become one blank line; blank lines carry no meaning in extracted PDF text (the BSE
 *       seed is double-spaced and a page break looks exactly like a paragraph gap).</li>
 * </ul>
 * Pure and thread-safe.
 */
public final class TextNormalizer {

    /** The canonical ticked-box glyph. */
    public static final char CHECKED = '☑';
    /** The canonical empty-box glyph. */
    public static final char UNCHECKED = '☐';

    private static final String CHECKED_GLYPHS = "√✓✔☑■▇▉█◼☒⊠þ\uF0FE\uF0FC\uF0FD\uF052";
    private static final String UNCHECKED_GLYPHS = "□☐◻▢\uF06F\uF0A8\uF071\uF0A3";

    /** Without page boundaries a page number can be any line: bare numbers up to this many pages. */
    private static final int MAX_PAGE = 999;

    private static final Pattern PAGE_HEADER = Pattern.compile("证券代码|证券简称|公告编号");
    /** The characters LEADING_NUMBERING can start with. */
    private static final String LEADING_NUMBERING_FIRST = "一二三四五六七八九十（";

    private static final Pattern LEADING_NUMBERING = Pattern.compile("^(?:[一二三四五六七八九十]+[、.]|（[一二三四五六七八九十\\d]+）)");

    /** Normalizes {@code text}; null gives the empty string. Never throws. */
    public String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String chars = mapCharacters(text);
        // Wrapped row labels first, while the gap between a label's piece and the value beside it is still the
        // document's: the spacing rule below closes 如 无 (附件清单（如 / 有） beside 无) into one word.
        List<String> lines = new ArrayList<>(Arrays.asList(chars.split("\n", -1)));
        BitSet pieceOnly = WrappedRowLabels.reassemble(lines);
        for (int i = 0; i < lines.size(); i++) {
            lines.set(i, fixSpacing(lines.get(i)));
        }
        if (!pieceOnly.isEmpty()) {
            lines = withoutPieceOnlyLines(lines, pieceOnly);
        }
        lines = dropPageFurniture(lines);
        lines = rejoinBrokenLabels(lines);
        return joinCollapsingBlankRuns(lines);
    }

    /**
     * Re-flows wrapped lines into running text: a line break is kept only after a sentence end (。！？), blank
     * lines are dropped, and two Latin/digit ends that meet get one space. A PDF wraps at the margin and breaks
     * pages mid-sentence, so any other break is an artefact.
     */
    public static String reflow(List<String> lines) {
        StringBuilder sb = new StringBuilder(totalLength(lines)); // sized once: growing it copied the text again
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (!sb.isEmpty()) {
                char last = sb.charAt(sb.length() - 1);
                char next = line.charAt(0);
                if (last == '。' || last == '！' || last == '？') {
                    sb.append('\n');
                } else if (isWordChar(last) && isWordChar(next)) {
                    sb.append(' ');
                }
            }
            sb.append(line);
        }
        return sb.toString();
    }

    /** {@link #reflow(List)} of a block of text. */
    public static String reflow(String block) {
        return block == null ? "" : reflow(List.of(block.split("\n", -1)));
    }

    private static boolean isWordChar(char c) {
        return ChineseText.isLatin(c) || ChineseText.isAsciiDigit(c);
    }

    private static String mapCharacters(String text) {
        // A char array, not a StringBuilder: every character passes here, and the output is never longer than the
        // input (characters map one to one or are dropped).
        char[] out = new char[text.length()];
        int len = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if ((c >= '\u4E00' && c <= '\u9FFF') || (c >= ' ' && c <= '~')) {
                // Han characters and printable ASCII, most of any text, map to themselves (none is special below)
                out[len++] = c;
            } else if (c == '\r') {
                if (i + 1 < n && text.charAt(i + 1) == '\n') {
                    continue;
                }
                out[len++] = '\n';
            } else if (c == '\f' || c == '\u2028' || c == '\u2029' || c == '\u000B') {
                out[len++] = '\n';
            } else if (c == '\t' || c == '\u00A0' || c == '\u3000' || (c >= '\u2000' && c <= '\u200A')) {
                out[len++] = ' ';
            } else if (c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\uFEFF' || c == '\u00AD') {
                // zero-width characters PDF producers insert between glyphs
            } else if (Character.isSurrogate(c)) {
                // keep valid pairs (rare ideographs), drop lone halves that garbled extraction leaves behind
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    out[len++] = c;
                    out[len++] = text.charAt(++i);
                }
            } else if (Character.isISOControl(c) && c != '\n') {
                // other control characters carry nothing
            } else if (CHECKED_GLYPHS.indexOf(c) >= 0) {
                out[len++] = CHECKED;
            } else if (UNCHECKED_GLYPHS.indexOf(c) >= 0) {
                out[len++] = UNCHECKED;
            } else if ((c >= '０' && c <= '９')
                    || (c >= 'Ａ' && c <= 'Ｚ')
                    || (c >= 'ａ' && c <= 'ｚ')
                    || c == '％'
                    || c == '．'
                    || c == '＋'
                    || c == '－'
                    || c == '／'
                    || c == '＝') {
                out[len++] = (char) (c - 0xFEE0);
            } else {
                out[len++] = c;
            }
        }
        // Half-width punctuation is decided after the full-width digits became ASCII, so 1，000 style is seen.
        for (int i = 0; i < len; i++) {
            char c = out[i];
            char full = switch (c) {
                case '(' -> '（';
                case ')' -> '）';
                case ';' -> '；';
                case '?' -> '？';
                case ':', ',' -> betweenDigits(out, len, i) ? c : (c == ':' ? '：' : '，');
                default -> c;
            };
            out[i] = full;
        }
        return new String(out, 0, len);
    }

    private static boolean betweenDigits(char[] s, int len, int i) {
        return i > 0 && i + 1 < len && ChineseText.isAsciiDigit(s[i - 1]) && ChineseText.isAsciiDigit(s[i + 1]);
    }

    /** Removes extraction spaces from one line; see the class comment for the rule. */
    static String fixSpacing(String line) {
        String s = line.strip();
        if (s.indexOf(' ') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c != ' ') {
                out.append(c);
                i++;
                continue;
            }
            int j = i;
            while (j < n && s.charAt(j) == ' ') {
                j++;
            }
            // i > 0 and j < n because s is stripped; runs are measured on the original line, so a letter-spaced
            // run (上 海 证 券 报) closes up completely
            if (!removableSpace(s, i, j)) {
                out.append(' ');
            }
            i = j;
        }
        return out.toString();
    }

    private static boolean removableSpace(String s, int spaceStart, int afterIndex) {
        char before = s.charAt(spaceStart - 1);
        char after = s.charAt(afterIndex);
        boolean beforeHan = ChineseText.isHan(before);
        boolean afterHan = ChineseText.isHan(after);
        if (ChineseText.isCjkPunctuation(before) || ChineseText.isCjkPunctuation(after)) {
            return true;
        }
        if ((beforeHan && (ChineseText.isAsciiDigit(after) || after == '%'))
                || (ChineseText.isAsciiDigit(before) && (afterHan || after == '%'))) {
            return true;
        }
        if (beforeHan && afterHan) {
            return hanRunEndingAt(s, spaceStart) == 1 && hanRunStartingAt(s, afterIndex) == 1;
        }
        // a check glyph belongs to the label it ticks
        return (before == CHECKED || before == UNCHECKED) && afterHan;
    }

    private static int hanRunEndingAt(String s, int end) {
        int k = end - 1;
        int run = 0;
        while (k >= 0 && ChineseText.isHan(s.charAt(k))) {
            run++;
            k--;
        }
        return run;
    }

    private static int hanRunStartingAt(String s, int from) {
        int k = from;
        while (k < s.length() && ChineseText.isHan(s.charAt(k))) {
            k++;
        }
        return k - from;
    }

    private static List<String> dropPageFurniture(List<String> lines) {
        List<String> compacts = new ArrayList<>(lines.size());
        Set<String> headers = new HashSet<>();
        int nonBlank = 0;
        for (String line : lines) {
            String c = line.indexOf(' ') < 0 ? line : ChineseText.compact(line);
            compacts.add(c);
            // The first lines of a document are what a page header repeats (company name, document title).
            if (!c.isEmpty() && nonBlank++ < 3 && c.length() >= 6) {
                headers.add(c);
            }
        }
        Set<String> emitted = new HashSet<>();
        List<String> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String c = compacts.get(i);
            if (c.length() <= 12 && PageNumberLine.matches(c, MAX_PAGE)) {
                continue;
            }
            boolean header = headers.contains(c)
                    || (c.length() <= 60
                            && (c.indexOf('证') >= 0 || c.indexOf('告') >= 0)
                            && PAGE_HEADER.matcher(c).find());
            if (header && !emitted.add(c)) {
                continue;
            }
            out.add(lines.get(i));
        }
        return out;
    }

    private static List<String> rejoinBrokenLabels(List<String> lines) {
        List<String> out = new ArrayList<>(lines);
        for (int i = 0; i < out.size(); i++) {
            String stripped = out.get(i).strip();
            // Only a short head can be half a label: a line longer than 12 non-space characters is skipped at once
            // unless it starts with a numbering (which LEADING_NUMBERING removes before measuring)
            if (ChineseText.compactLengthExceeds(stripped, 12)
                    && (stripped.isEmpty() || LEADING_NUMBERING_FIRST.indexOf(stripped.charAt(0)) < 0)) {
                continue;
            }
            String head =
                    ChineseText.compact(LEADING_NUMBERING.matcher(stripped).replaceFirst(""));
            if (head.isEmpty() || head.length() > 12) {
                continue;
            }
            int next = i + 1;
            while (next < out.size() && out.get(next).isBlank()) {
                next++;
            }
            if (next >= out.size()) {
                break;
            }
            String tail = out.get(next).strip();
            for (String label : RecordLabels.rejoinable()) {
                if (head.length() < label.length()
                        && label.startsWith(head)
                        && head.length() >= 2
                        && tail.startsWith(label.substring(head.length()))) {
                    out.set(i, out.get(i).strip() + tail);
                    out.subList(i + 1, next + 1).clear();
                    break;
                }
            }
        }
        return out;
    }

    /**
     * {@code lines} without those that held only pieces of a re-assembled label and without the blank lines just
     * before them (blank lines carry nothing, and the label's line now stands where they were).
     */
    private static List<String> withoutPieceOnlyLines(List<String> lines, BitSet pieceOnly) {
        List<String> kept = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            if (!pieceOnly.get(i)) {
                kept.add(lines.get(i));
                continue;
            }
            while (!kept.isEmpty() && kept.get(kept.size() - 1).isEmpty()) {
                kept.remove(kept.size() - 1);
            }
        }
        return kept;
    }

    /** Characters in {@code lines} plus one separator each: the most that joining them can give. */
    private static int totalLength(List<String> lines) {
        int n = 0;
        for (String line : lines) {
            n += line.length() + 1;
        }
        return n;
    }

    private static String joinCollapsingBlankRuns(List<String> lines) {
        StringBuilder sb = new StringBuilder(totalLength(lines));
        boolean lastBlank = true;
        for (String line : lines) {
            boolean blank = line.isEmpty();
            if (blank && lastBlank) {
                continue;
            }
            sb.append(line).append('\n');
            lastBlank = blank;
        }
        int end = sb.length();
        while (end > 0 && (sb.charAt(end - 1) == '\n')) {
            end--;
        }
        sb.setLength(end);
        return sb.toString();
    }
}
