package io.pilu.enrich.extract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the ticked categories of 投资者关系活动类别 from its check list, as PDF text extraction delivers it.
 *
 * <p><b>Marks.</b> {@link TextNormalizer} has already turned every tick glyph (including symbol-font private-use
 * code points and a stray þ) into {@link TextNormalizer#CHECKED} and every empty box into
 * {@link TextNormalizer#UNCHECKED}. Three glyphs are ambiguous and are read as a mark only here, only where a box
 * stands: directly before a category label and not inside a word. They are {@code R} (Wingdings 2's ticked box
 * extracted without its font), {@code £} (Wingdings 2's empty box) and {@code 口} (the Han character an empty box is
 * sometimes mis-encoded as). So R&amp;D, 出口 or 进口商 are never marks.
 *
 * <p><b>Items.</b> A mark belongs to the first label after it; other labels in the same run of text (items glued
 * together, or separated only by spaces, one per line or all on one line) carry no mark. A run of text without
 * a mark counts only when it consists of labels alone, so a sentence that happens to contain 调研 is not an item.
 *
 * <p><b>Which items are ticked.</b>
 * <ol>
 *   <li>Items marked {@link TextNormalizer#CHECKED} are ticked.</li>
 *   <li>When none is, and most items carry an empty box, the items without any mark are the ticked ones: PDF
 *       extraction loses the tick glyph (often drawn from a symbol font) while the empty boxes survive.</li>
 *   <li>When the row has no mark at all, a list of at most three categories is a value written as text
 *       ("活动类别：特定对象调研") and is taken as written; a longer list is the bare template and says nothing.</li>
 *   <li>Otherwise nothing is decidable from the row. Then the title or the document's first lines decide when they
 *       name the activity (…2023年度业绩说明会…, …路演活动…); if they do not, the list stays empty: the template's
 *       list of items is never a guess.</li>
 * </ol>
 *
 * <p><b>Canonical labels</b>, in output order: 特定对象调研, 业绩说明会, 媒体采访, 现场参观, 新闻发布会, 分析师会议,
 * 路演活动, 其他. Shenzhen/Shanghai and older templates use other words; they map as follows:
 * <ul>
 *   <li>一对一沟通/交流/会议, 一对多, 小范围交流, 机构调研, 实地调研, 调研 → 特定对象调研 (a visit or talk requested by
 *       named investors is what 特定对象调研 means);</li>
 *   <li>业绩交流会, 业绩发布会, 年度报告说明会, 年报说明会, 业绩会 → 业绩说明会;</li>
 *   <li>采访 → 媒体采访; 参观, 实地参观 → 现场参观; 发布会 → 新闻发布会;</li>
 *   <li>电话会议, 线上会议, 网络会议, 视频会议, 电话交流/沟通, 线上交流, 策略会 → 分析师会议 (broker-organised calls
 *       and conferences for many analysts at once);</li>
 *   <li>路演, 反路演, 网上路演 → 路演活动;</li>
 *   <li>其他/其它 → 其他, with its note (其他（线上交流会）, 其他：策略会) as the detail; the template's own prompt
 *       (请文字说明其他活动内容) is removed first and is never a detail;</li>
 *   <li>any other ticked label → 其他, with the label as the detail, so nothing ticked is lost.</li>
 * </ul>
 */
final class ActivityTypeParser {

    /** The canonical categories in their output order. */
    enum Category {
        特定对象调研,
        业绩说明会,
        媒体采访,
        现场参观,
        新闻发布会,
        分析师会议,
        路演活动,
        其他
    }

    /** Ticked categories in canonical order and the 其他 detail (null if none). */
    record Result(List<String> types, String otherDetail) {}

    private enum Mark {
        CHECKED,
        UNCHECKED,
        NONE
    }

    private record Item(Mark mark, Category category, String detail) {}

    private static final Map<String, Category> VARIANTS;

    static {
        Map<String, Category> v = new LinkedHashMap<>();
        for (Category c : Category.values()) {
            v.put(c.name(), c);
        }
        for (String s : List.of("一对一沟通", "一对一交流", "一对一会议", "一对多", "小范围交流", "机构调研", "实地调研", "调研")) {
            v.put(s, Category.特定对象调研);
        }
        for (String s : List.of("业绩交流会", "业绩发布会", "年度报告说明会", "年报说明会", "业绩会")) {
            v.put(s, Category.业绩说明会);
        }
        v.put("采访", Category.媒体采访);
        v.put("实地参观", Category.现场参观);
        v.put("参观", Category.现场参观);
        v.put("发布会", Category.新闻发布会);
        for (String s : List.of("电话会议", "线上会议", "网络会议", "视频会议", "电话交流", "电话沟通", "线上交流", "策略会")) {
            v.put(s, Category.分析师会议);
        }
        for (String s : List.of("反路演", "网上路演", "路演")) {
            v.put(s, Category.路演活动);
        }
        v.put("其它", Category.其他);
        VARIANTS = v;
    }

    /** Variant words, longest first, so 业绩发布会 is matched before 发布会. */
    private static final List<String> VARIANT_ORDER = VARIANTS.keySet().stream()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();

    /**
     * Words that name the activity in a title or a heading line: the canonical labels and the variants that name an
     * event. Bare 调研, 参观, 采访, 发布会 and 其他 are left out: in a heading they say too little ("调研周报").
     */
    private static final List<String> HEADING_WORDS = VARIANT_ORDER.stream()
            .filter(w -> !List.of("调研", "参观", "采访", "发布会", "其他", "其它").contains(w))
            .toList();

    /** How many heading lines (title first, then the document's first lines) may name the activity. */
    private static final int MAX_HEADING_LINES = 5;
    /** A longer line is prose (the disclaimer), not a heading. */
    private static final int MAX_HEADING_CHARS = 60;
    /** A line with sentence punctuation is prose too ("…机构调研热度环比回升。"), however short. */
    private static final Pattern SENTENCE_PUNCTUATION = Pattern.compile("[。，；！？]");

    /** The template's own prompt beside 其他, removed before reading (spaces between its characters allowed). */
    private static final Pattern TEMPLATE_HINT = Pattern.compile(String.join("\\s*", "请文字说明其他活动内容".split("")));

    private static final Pattern TEMPLATE_PROMPT = Pattern.compile("请.{0,4}(?:说明|注明|填写)|如有|具体说明|文字说明");

    /** Glyphs that are a box only where a box stands (see the class comment): R ticked, £ and 口 empty. */
    private static final String AMBIGUOUS_MARKS = "R£口";
    /** Characters that separate items. */
    private static final String SEPARATORS = "、，；/|,;";

    private ActivityTypeParser() {}

    /** Parses the lines of the category section (label removed). */
    static Result parse(List<String> lines) {
        return parse(lines, List.of());
    }

    /**
     * Parses the lines of the category section (label removed); when they decide nothing, the categories that
     * {@code headings} (the title, then the document's lines before its first label) name are the answer.
     */
    static Result parse(List<String> lines, List<String> headings) {
        List<Item> ticked = ticked(items(String.join("\n", lines)));
        if (ticked.isEmpty()) {
            return new Result(fromHeadings(headings), null);
        }
        Set<Category> categories = EnumSet.noneOf(Category.class);
        String detail = null;
        for (Item item : ticked) {
            categories.add(item.category());
            if (item.category() == Category.其他 && item.detail() != null && detail == null) {
                detail = item.detail();
            }
        }
        return new Result(categories.stream().map(Enum::name).toList(), detail);
    }

    private static List<Item> ticked(List<Item> items) {
        List<Item> checked =
                items.stream().filter(i -> i.mark() == Mark.CHECKED).toList();
        if (!checked.isEmpty()) {
            return checked;
        }
        List<Item> boxless = items.stream().filter(i -> i.mark() == Mark.NONE).toList();
        long unchecked = items.stream().filter(i -> i.mark() == Mark.UNCHECKED).count();
        if (!boxless.isEmpty() && unchecked > boxless.size()) {
            return boxless; // most items kept their empty box: the unmarked ones lost their tick
        }
        if (unchecked == 0 && boxless.size() <= 3) {
            return boxless; // no check list at all: a value written as text
        }
        return List.of();
    }

    /** The items of a category row, each with the mark it carries. */
    private static List<Item> items(String row) {
        String s = TEMPLATE_HINT.matcher(row).replaceAll("");
        List<Item> out = new ArrayList<>();
        Mark pending = null;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            Mark mark = markAt(s, i);
            if (mark != null) {
                pending = mark;
                i++;
            } else if (Character.isWhitespace(c) || SEPARATORS.indexOf(c) >= 0) {
                i++;
            } else {
                i = readRun(s, i, pending, out);
                pending = null;
            }
        }
        return out;
    }

    /**
     * Reads one run of text (up to a space, a separator or a mark) starting at {@code from}. The first label in it
     * takes {@code mark}; the others carry none and count only if the run is made of labels alone. A ticked run
     * without any label is an unknown category, kept as 其他 with the run as the detail.
     *
     * @return the index after the run
     */
    private static int readRun(String s, int from, Mark mark, List<Item> out) {
        boolean markUsed = mark == null;
        boolean labelsOnly = true;
        List<Item> unmarked = new ArrayList<>();
        int i = from;
        while (i < s.length()
                && !Character.isWhitespace(s.charAt(i))
                && SEPARATORS.indexOf(s.charAt(i)) < 0
                && markAt(s, i) == null) {
            if (isOpenBracket(s.charAt(i))) {
                i = afterBracket(s, i); // a remark beside a label, e.g. the template's own hint
                continue;
            }
            String label = labelAt(s, i);
            if (label == null) {
                labelsOnly = false;
                i++;
                continue;
            }
            Category category = VARIANTS.get(label);
            i += label.length();
            String detail = null;
            if (category == Category.其他) {
                int noteEnd = otherNoteEnd(s, i);
                detail = otherDetail(ChineseText.compact(s.substring(i, noteEnd)));
                i = noteEnd;
            }
            if (!markUsed) {
                out.add(new Item(mark, category, detail));
                markUsed = true;
            } else {
                unmarked.add(new Item(Mark.NONE, category, detail));
            }
        }
        String text = ChineseText.compact(s.substring(from, i));
        if (!markUsed && mark == Mark.CHECKED && ChineseText.hanCount(text) >= 2) {
            out.add(new Item(mark, Category.其他, text)); // an unknown label counts only when ticked
        }
        if (labelsOnly) {
            out.addAll(unmarked);
        }
        return i;
    }

    /**
     * Where the note of 其他 ending at {@code from} ends: a bracketed note (其他（电话会议）), the rest of the line after
     * a colon (其他：策略会), or the rest of the line when it names no other category (其他 投资者接待日).
     */
    private static int otherNoteEnd(String s, int from) {
        int k = from;
        while (k < s.length() && s.charAt(k) == ' ') {
            k++;
        }
        if (k < s.length() && isOpenBracket(s.charAt(k))) {
            return afterBracket(s, k);
        }
        int lineEnd = k;
        while (lineEnd < s.length() && s.charAt(lineEnd) != '\n' && markAt(s, lineEnd) == null) {
            lineEnd++;
        }
        if (k < s.length() && (s.charAt(k) == '：' || s.charAt(k) == ':')) {
            return lineEnd;
        }
        for (int j = k; j < lineEnd; j++) {
            if (labelAt(s, j) != null) {
                return from;
            }
        }
        return lineEnd;
    }

    /** The mark at {@code i}, or null. See the class comment for R, £ and 口. */
    private static Mark markAt(String s, int i) {
        char c = s.charAt(i);
        if (c == TextNormalizer.CHECKED) {
            return Mark.CHECKED;
        }
        if (c == TextNormalizer.UNCHECKED) {
            return Mark.UNCHECKED;
        }
        if (AMBIGUOUS_MARKS.indexOf(c) < 0) {
            return null;
        }
        if (i > 0) {
            char before = s.charAt(i - 1);
            boolean boxPosition = Character.isWhitespace(before)
                    || SEPARATORS.indexOf(before) >= 0
                    || ChineseText.isCjkPunctuation(before)
                    || before == TextNormalizer.CHECKED
                    || before == TextNormalizer.UNCHECKED
                    || labelEndsAt(s, i);
            if (!boxPosition) {
                return null; // inside a word: 出口, 进口商, R&D
            }
        }
        int k = i + 1;
        while (k < s.length() && s.charAt(k) == ' ') {
            k++;
        }
        if (k >= s.length() || labelAt(s, k) == null) {
            return null;
        }
        return c == 'R' ? Mark.CHECKED : Mark.UNCHECKED;
    }

    /** The longest category word starting at {@code i}, or null. */
    private static String labelAt(String s, int i) {
        for (String variant : VARIANT_ORDER) {
            if (s.startsWith(variant, i)) {
                return variant;
            }
        }
        return null;
    }

    private static boolean labelEndsAt(String s, int end) {
        for (String variant : VARIANT_ORDER) {
            if (end >= variant.length() && s.startsWith(variant, end - variant.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOpenBracket(char c) {
        return c == '（' || c == '(' || c == '【';
    }

    /**
     * The index after the bracket opened at {@code open} closes (a note may wrap onto the next line of the row), or
     * the line end if it never closes.
     */
    private static int afterBracket(String s, int open) {
        int depth = 0;
        for (int k = open; k < s.length(); k++) {
            char c = s.charAt(k);
            if (isOpenBracket(c)) {
                depth++;
            } else if (c == '）' || c == ')' || c == '】') {
                if (--depth == 0) {
                    return k + 1;
                }
            }
        }
        int lineEnd = s.indexOf('\n', open);
        return lineEnd < 0 ? s.length() : lineEnd;
    }

    private static String otherDetail(String rest) {
        String d = rest.strip();
        while (!d.isEmpty() && "：:（(【".indexOf(d.charAt(0)) >= 0) {
            d = d.substring(1);
        }
        while (!d.isEmpty() && "）)】。".indexOf(d.charAt(d.length() - 1)) >= 0) {
            d = d.substring(0, d.length() - 1);
        }
        d = d.strip();
        if (d.isEmpty() || TEMPLATE_PROMPT.matcher(d).find()) {
            return null;
        }
        return d;
    }

    /**
     * The categories the title or the first lines name. Only heading-like lines count: a long line or one with
     * sentence punctuation is prose, a line with box marks is a check list and a line naming three or more
     * categories is the template's list.
     */
    private static List<String> fromHeadings(List<String> headings) {
        Set<Category> found = EnumSet.noneOf(Category.class);
        int seen = 0;
        for (String heading : headings) {
            String line = heading == null ? "" : ChineseText.compact(heading);
            if (line.isEmpty()) {
                continue;
            }
            if (seen++ >= MAX_HEADING_LINES) {
                break;
            }
            if (line.length() > MAX_HEADING_CHARS
                    || SENTENCE_PUNCTUATION.matcher(line).find()
                    || line.indexOf(TextNormalizer.CHECKED) >= 0
                    || line.indexOf(TextNormalizer.UNCHECKED) >= 0) {
                continue;
            }
            Set<Category> named = EnumSet.noneOf(Category.class);
            int i = 0;
            while (i < line.length()) {
                String word = null;
                for (String w : HEADING_WORDS) {
                    if (line.startsWith(w, i)) {
                        word = w;
                        break;
                    }
                }
                if (word == null) {
                    i++;
                } else {
                    named.add(VARIANTS.get(word));
                    i += word.length();
                }
            }
            if (named.size() < 3) {
                found.addAll(named);
            }
        }
        return found.stream().map(Enum::name).toList();
    }
}
