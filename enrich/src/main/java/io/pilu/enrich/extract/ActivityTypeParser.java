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
 * Reads the ticked categories of 投资者关系活动类别 from its check list.
 *
 * <p><b>Which items are ticked.</b> Items marked {@link TextNormalizer#CHECKED} are ticked. When none is, but some
 * items still carry an empty box and others carry no box at all, the boxless ones are the ticked ones: PDF
 * extraction loses the tick glyph (often drawn from a symbol font) while the empty boxes survive. When every box
 * is lost, a list of at most three categories is taken as written ("活动类别：特定对象调研"), while a longer list is
 * the bare template and says nothing: no category is reported rather than a guess.
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
 *   <li>其他/其它 → 其他, with the text after it (其他（线上交流会）, 其他：…) as the detail unless it is the template's
 *       own prompt (请文字说明其他活动内容);</li>
 *   <li>any other ticked label → 其他, with the label as the detail, so nothing ticked is lost.</li>
 * </ul>
 */
final class ActivityTypeParser {

    /** The canonical categories in their output order. */
    enum Category {
        特定对象调研, 业绩说明会, 媒体采访, 现场参观, 新闻发布会, 分析师会议, 路演活动, 其他
    }

    /** Ticked categories in canonical order and the 其他 detail (null if none). */
    record Result(List<String> types, String otherDetail) {
    }

    private enum Mark { CHECKED, UNCHECKED, NONE }

    private record Item(Mark mark, Category category, String detail) {
    }

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
            .sorted(Comparator.comparingInt(String::length).reversed()).toList();

    private static final Pattern TEMPLATE_PROMPT = Pattern.compile("请.{0,4}(?:说明|注明|填写)|如有|具体说明|文字说明");

    private ActivityTypeParser() {
    }

    /** Parses the lines of the category section (label removed). */
    static Result parse(List<String> lines) {
        List<Item> items = new ArrayList<>();
        for (String line : lines) {
            collectItems(line, items);
        }
        List<Item> ticked = ticked(items);
        Set<Category> categories = EnumSet.noneOf(Category.class);
        String detail = null;
        for (Item item : ticked) {
            categories.add(item.category());
            if (item.category() == Category.其他 && item.detail() != null && detail == null) {
                detail = item.detail();
            }
        }
        List<String> types = categories.stream().map(Enum::name).toList();
        return new Result(types, detail);
    }

    private static List<Item> ticked(List<Item> items) {
        List<Item> checked = items.stream().filter(i -> i.mark() == Mark.CHECKED).toList();
        if (!checked.isEmpty()) {
            return checked;
        }
        List<Item> boxless = items.stream().filter(i -> i.mark() == Mark.NONE).toList();
        boolean someBoxes = items.stream().anyMatch(i -> i.mark() == Mark.UNCHECKED);
        if (someBoxes || boxless.size() <= 3) {
            return boxless;
        }
        return List.of();
    }

    private static void collectItems(String line, List<Item> out) {
        String s = line.strip();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            Mark mark = c == TextNormalizer.CHECKED ? Mark.CHECKED : c == TextNormalizer.UNCHECKED ? Mark.UNCHECKED : Mark.NONE;
            int start = mark == Mark.NONE ? i : i + 1;
            int end = start;
            while (end < s.length() && s.charAt(end) != TextNormalizer.CHECKED && s.charAt(end) != TextNormalizer.UNCHECKED) {
                end++;
            }
            String text = s.substring(start, end).strip();
            if (mark == Mark.NONE) {
                // text without a box: possibly several labels whose boxes were all lost
                for (String part : splitOutsideBrackets(text)) {
                    addItem(Mark.NONE, part, out);
                }
            } else {
                addItem(mark, text, out);
            }
            i = end;
        }
    }

    private static void addItem(Mark mark, String text, List<Item> out) {
        if (text.isEmpty()) {
            return;
        }
        String compact = ChineseText.compact(text);
        if (mark == Mark.NONE && compact.length() > 15) {
            return; // a sentence, not a category label that lost its box
        }
        if (compact.startsWith("其他") || compact.startsWith("其它")) {
            out.add(new Item(mark, Category.其他, otherDetail(compact.substring(2))));
            return;
        }
        for (String variant : VARIANT_ORDER) {
            if (compact.contains(variant)) {
                out.add(new Item(mark, VARIANTS.get(variant), null));
                return;
            }
        }
        // An unknown label counts only when ticked; unticked or boxless stray text is not a category.
        if (mark == Mark.CHECKED && ChineseText.hanCount(compact) >= 2) {
            out.add(new Item(mark, Category.其他, compact));
        }
    }

    private static String otherDetail(String rest) {
        String d = rest.strip();
        while (!d.isEmpty() && "：（(【".indexOf(d.charAt(0)) >= 0) {
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

    /** Splits on spaces and list punctuation, but not inside （…）, so 其他（线上、线下交流） stays one item. */
    private static List<String> splitOutsideBrackets(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '（' || c == '(') {
                depth++;
            } else if ((c == '）' || c == ')') && depth > 0) {
                depth--;
            } else if (depth == 0 && (Character.isWhitespace(c) || "、，；/".indexOf(c) >= 0)) {
                parts.add(text.substring(from, k));
                from = k + 1;
            }
        }
        parts.add(text.substring(from));
        return parts;
    }
}
