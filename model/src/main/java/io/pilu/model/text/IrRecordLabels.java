package io.pilu.model.text;

import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one list of the row labels of an IR activity record (投资者关系活动记录表 / 登记表) across the BSE, Shenzhen and
 * Shanghai templates and their older variants, by the section each opens. Both text stages use it: ingest's text
 * cleaner never joins a wrapped line into a line that starts a new table row (so a full-width cell line does not
 * swallow the next row's label), and enrich sections the record by them. Pure.
 */
public final class IrRecordLabels {

    /** What a labelled section of the record holds. */
    public enum Section {
        CATEGORY,
        SITUATION,
        TIME,
        LOCATION,
        PARTICIPANTS,
        RECEPTIONISTS,
        CONTENT,
        ATTACHMENTS,
        DATE,
        DISCLOSURE_NOTE
    }

    private static final Map<Section, List<String>> BY_SECTION = build();

    /** Every label, longest first, so that a prefix test finds 参与单位名称及人员姓名 before 参与单位. */
    private static final List<String> ALL = BY_SECTION.values().stream()
            .flatMap(List::stream)
            .distinct()
            .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
            .toList();

    /** Every label and every non-empty prefix of one, for a test that a cell's text so far can still be a label. */
    private static final Set<String> PREFIXES = prefixes();

    private static final Set<String> LABELS = Set.copyOf(ALL);

    /** The first characters of the labels, by code unit. */
    private static final BitSet FIRST_CHARS = firstChars();

    private IrRecordLabels() {}

    private static Set<String> prefixes() {
        Set<String> out = new HashSet<>();
        for (String label : ALL) {
            for (int n = 1; n <= label.length(); n++) {
                out.add(label.substring(0, n));
            }
        }
        return Set.copyOf(out);
    }

    private static BitSet firstChars() {
        BitSet first = new BitSet(Character.MAX_VALUE + 1);
        for (String label : ALL) {
            first.set(label.charAt(0));
        }
        return first;
    }

    /** Whether a row label starts with {@code c}: a cheap test before a line's head is looked at. */
    public static boolean canStartLabel(char c) {
        return FIRST_CHARS.get(c);
    }

    /** Whether {@code text} is exactly a row label. */
    public static boolean isLabel(String text) {
        return LABELS.contains(text);
    }

    /** Whether {@code text} is a row label or the start of one (a piece of a label that a cell wrapped). */
    public static boolean startsLabel(String text) {
        return PREFIXES.contains(text);
    }

    private static Map<Section, List<String>> build() {
        Map<Section, List<String>> m = new EnumMap<>(Section.class);
        m.put(Section.CATEGORY, List.of("投资者关系活动类别", "投资者关系活动类型", "活动类别", "活动类型"));
        m.put(Section.SITUATION, List.of("投资者关系活动情况"));
        m.put(Section.TIME, List.of("活动时间", "调研时间", "会议时间", "接待时间", "交流时间", "时间"));
        m.put(Section.LOCATION, List.of("活动地点", "调研地点", "会议地点", "接待地点", "交流地点", "地点"));
        m.put(
                Section.PARTICIPANTS,
                List.of(
                        "参与单位名称及人员姓名",
                        "参与单位名称及人员",
                        "参与单位及人员姓名",
                        "参与单位及人员",
                        "参会单位及人员",
                        "参加单位及人员",
                        "来访单位及人员",
                        "调研单位及人员",
                        "参与单位名称",
                        "参与单位",
                        "参会单位",
                        "参加单位",
                        "来访单位",
                        "调研单位",
                        "调研机构",
                        "参会机构",
                        "参会人员",
                        "参与人员",
                        "来访人员"));
        m.put(
                Section.RECEPTIONISTS,
                List.of(
                        "上市公司接待人员姓名",
                        "上市公司接待人员",
                        "上市公司参会人员",
                        "上市公司参与人员",
                        "上市公司出席人员",
                        "公司接待人员",
                        "接待人员姓名",
                        "接待人员",
                        "公司参会人员",
                        "公司出席人员"));
        m.put(
                Section.CONTENT,
                List.of("投资者关系活动主要内容介绍", "投资者关系活动主要内容", "交流内容及具体问答记录", "活动主要内容", "主要内容介绍", "主要内容", "交流内容", "会议内容"));
        m.put(Section.ATTACHMENTS, List.of("附件清单（如有）", "附件清单", "附件"));
        m.put(Section.DATE, List.of("记录日期", "填表日期", "日期"));
        m.put(Section.DISCLOSURE_NOTE, List.of("关于本次活动是否涉及应披露重大信息的说明", "是否涉及应披露重大信息"));
        return m;
    }

    /** The labels of {@code section}, as written in the templates. */
    public static List<String> of(Section section) {
        return BY_SECTION.get(section);
    }

    /** Every row label, longest first. */
    public static List<String> all() {
        return ALL;
    }

    /**
     * The row label {@code line} starts with, if it is followed by what separates a label from its value: the line
     * end, white space, a colon, a digit or a check glyph; else null. The separator is required because a label
     * word also occurs at the start of running prose (时间内…, 主要内容包括…), which no rule may cut.
     */
    public static String delimitedAtStart(String line) {
        for (String label : ALL) {
            if (line.startsWith(label)) {
                if (line.length() == label.length()) {
                    return label;
                }
                char next = line.charAt(label.length());
                if (label.endsWith("）")
                        || Character.isWhitespace(next)
                        || next == '：'
                        || next == ':'
                        || (next >= '0' && next <= '9')
                        || isCheckGlyph(next)) {
                    return label;
                }
            }
        }
        return null;
    }

    /** A check-box glyph (ticked or empty, or a symbol font's private-use code point). */
    static boolean isCheckGlyph(char c) {
        return "√☑☒□■☐✓✔✗þ".indexOf(c) >= 0 || (c >= '\uF000' && c <= '\uF0FF');
    }

    /** A copy of every section's labels, for a stage that keeps its own section type. */
    public static Map<Section, List<String>> bySection() {
        return new EnumMap<>(BY_SECTION);
    }
}
