package io.pilu.enrich.extract;

import io.pilu.enrich.extract.RecordLabels.Label;
import io.pilu.enrich.extract.RecordLabels.Section;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a normalized IR record into its labelled sections. Works for both layouts: the BSE one (一、类别 with the
 * check list below it; 二、活动情况 with 活动时间：… lines; 三、主要内容) and the table one, whose extracted text
 * reads row by row as "label value" (投资者关系活动类别 ☑特定对象调研 …, 时间 2024年7月15日 …).
 *
 * <p>A label counts only at the start of a line (after a section number such as 一、 or （二）). Short labels
 * (时间, 地点, 日期, 附件) also need a delimiter, a digit or the line end after them. Once the main content has
 * started, only the labels that can follow it in a template (附件清单, 日期, the disclosure note) end it, so a
 * sentence in an answer that starts with 时间 or 主要内容 stays in the answer.
 *
 * <p>A page header line (证券代码：000333 证券简称：美的集团 公告编号：…) belongs to no section and is dropped
 * wherever it falls, most often inside an answer that runs over a page break. {@link TextNormalizer} drops its
 * repeats but keeps the first occurrence (it may carry the announcement number), which in a record whose first page
 * has no header is the one in the middle of an answer.
 */
final class RecordSections {

    /** A label found at a line start, the value on the same line, and whether a section number preceded it. */
    record LabelHit(Label label, String value, boolean numbered) {}

    /**
     * Section → its lines (the same-line value first), whether the BSE numbered layout was seen, and the lines
     * before the first label (company name, document title, disclaimer).
     */
    record Sections(Map<Section, List<String>> lines, boolean bseLayout, List<String> preamble) {
        List<String> get(Section section) {
            return lines.getOrDefault(section, List.of());
        }

        String joined(Section section) {
            return String.join("\n", get(section)).strip();
        }
    }

    private static final Pattern SECTION_NUMBER =
            Pattern.compile("^(?:[一二三四五六七八九十]{1,2}[、.]|（[一二三四五六七八九十\\d]{1,2}）)\\s*");
    /** The characters SECTION_NUMBER can start with. */
    private static final String SECTION_NUMBER_FIRST = "一二三四五六七八九十（";

    /**
     * A whole line made only of page-header fields: a field name, a colon or space (or nothing before digits:
     * 证券代码000333), and a short value without sentence punctuation.
     */
    private static final Pattern PAGE_HEADER =
            Pattern.compile("(?:\\s*(?:证券代码|股票代码|证券简称|股票简称|公告编号)(?:\\s*：\\s*|\\s+|(?=\\d))[^\\s：，。；？！]{1,20}?)+\\s*");

    private static final Pattern SIGNATURE =
            Pattern.compile("特此公告。?|.{2,40}(?:股份有限公司|有限责任公司|有限公司)(?:董事会)?|董事会|监事会|证券事务部|董事会办公室"
                    + "|\\d{4}年\\d{1,2}月\\d{1,2}日|[〇零一二三四五六七八九O]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日");

    private RecordSections() {}

    /** The label {@code line} starts with, or null. Inside the content only content-ending labels count. */
    static LabelHit labelAt(String line, boolean inContent) {
        String s = line.strip();
        boolean numbered = false;
        // SECTION_NUMBER starts with a numeral or （: most lines are ruled out by their first character
        if (!s.isEmpty() && SECTION_NUMBER_FIRST.indexOf(s.charAt(0)) >= 0) {
            Matcher number = SECTION_NUMBER.matcher(s);
            numbered = number.lookingAt();
            if (numbered) {
                s = s.substring(number.end());
            }
        }
        if (s.isEmpty()) {
            return null;
        }
        // Only the line's head can hold a label, and only the labels sharing its first character can match. s is
        // stripped, so its first character is the compact head's: most lines end here, before any copy is made.
        List<Label> candidates = RecordLabels.startingWith(s.charAt(0));
        if (candidates.isEmpty()) {
            return null;
        }
        String compact = ChineseText.compactPrefix(s, RecordLabels.MAX_LENGTH);
        for (Label label : candidates) {
            if (!compact.startsWith(label.text())) {
                continue;
            }
            if (inContent && !endsContent(label.section())) {
                return null;
            }
            int valueStart = skipLabel(s, label.text());
            String rest = s.substring(valueStart);
            boolean delimited = rest.isEmpty()
                    || label.text().endsWith("）")
                    || rest.charAt(0) == '：'
                    || Character.isWhitespace(rest.charAt(0))
                    || ChineseText.isAsciiDigit(rest.charAt(0))
                    || rest.charAt(0) == TextNormalizer.CHECKED
                    || rest.charAt(0) == TextNormalizer.UNCHECKED;
            if ((RecordLabels.needsDelimiter(label) || inContent) && !delimited) {
                return null;
            }
            String value = rest.strip();
            while (value.startsWith("：")) {
                value = value.substring(1).strip();
            }
            return new LabelHit(label, value, numbered);
        }
        return null;
    }

    private static boolean endsContent(Section section) {
        return section == Section.ATTACHMENTS || section == Section.DATE || section == Section.DISCLOSURE_NOTE;
    }

    /** Index in {@code s} just after the characters of {@code label}, skipping spaces between them. */
    private static int skipLabel(String s, String label) {
        int i = 0;
        int k = 0;
        while (i < s.length() && k < label.length()) {
            if (Character.isWhitespace(s.charAt(i))) {
                i++;
                continue;
            }
            i++;
            k++;
        }
        return i;
    }

    /** Splits normalized record text into sections; lines before the first label are the preamble. */
    static Sections split(String text) {
        Map<Section, List<String>> out = new EnumMap<>(Section.class);
        List<String> preamble = new ArrayList<>();
        Section current = null;
        boolean inContent = false;
        boolean bse = false;
        for (String line : text.split("\n")) {
            if (isPageHeader(line)) {
                continue;
            }
            LabelHit hit = labelAt(line, inContent);
            if (hit != null) {
                current = hit.label().section();
                inContent = current == Section.CONTENT;
                if (current == Section.SITUATION || (hit.numbered() && current == Section.CATEGORY)) {
                    bse = true;
                }
                List<String> lines = out.computeIfAbsent(current, k -> new ArrayList<>());
                if (!hit.value().isEmpty()) {
                    lines.add(hit.value());
                }
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            if (current != null) {
                out.computeIfAbsent(current, k -> new ArrayList<>()).add(line.strip());
            } else {
                preamble.add(line.strip());
            }
        }
        out.computeIfPresent(Section.CONTENT, (k, lines) -> withoutSignature(lines));
        return new Sections(out, bse, preamble);
    }

    /** Whether {@code line} is nothing but page-header fields (see the class comment). */
    static boolean isPageHeader(String line) {
        String s = line.strip();
        if (s.length() < 6 || s.length() > 80 || (s.charAt(0) != '证' && s.charAt(0) != '股' && s.charAt(0) != '公')) {
            return false;
        }
        return PAGE_HEADER.matcher(s).matches();
    }

    /** The content without the closing 特此公告 / company name / 董事会 / date lines. */
    static List<String> withoutSignature(List<String> lines) {
        int end = lines.size();
        while (end > 0
                && SIGNATURE.matcher(ChineseText.compact(lines.get(end - 1))).matches()) {
            end--;
        }
        return new ArrayList<>(lines.subList(0, end));
    }
}
