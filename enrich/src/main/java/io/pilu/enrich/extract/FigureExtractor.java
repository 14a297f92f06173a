package io.pilu.enrich.extract;

import io.pilu.model.Figure;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds financial figures with the period they refer to.
 *
 * <p><b>Metrics.</b> Only named metrics are read, from a fixed vocabulary mapped to canonical labels: 营业收入
 * (营业收入, 营收), 营业总收入, 主营业务收入, 归母净利润 (归属于上市公司股东的净利润 …), 扣非净利润, 净利润, 毛利率
 * (毛利率, 综合毛利率), 净利率, 研发投入, 研发费用, 经营活动现金流量净额, 总资产, 净资产, 净资产收益率, 每股收益,
 * 在手订单, 客单价. The number must follow the metric within a few filler characters (实现, 为, 约, 达到 …) in the
 * same clause. A growth rate is named after its metric: 营业收入同比增长 / 营业收入环比增长 / 营业收入增长 when the
 * comparison is not stated; a decline (下降, 减少, 下滑) is stored as a negative growth. A growth rate standing
 * alone (…1.31亿元，较上年同期同比增长32.90%) belongs to the figure just before it, but only if no other number
 * stands between them: in …其中算力服务相关收入约1.27亿，同比增长约90% the 90% is not 营业收入's.
 * Ranges (2-3万元) are skipped: a figure has one value.
 *
 * <p><b>Periods</b> come from the nearest period expression before the figure in the same sentence: 2024年第一季度 /
 * 2024年一季度 → 2024-Q1, 2024年上半年 / 半年度 → 2024-H1, 下半年 → 2024-H2, 2024年前三季度 → 2024-Q1-Q3,
 * 2023年度 / 2023年 → 2023, 2019-2022年 → 2019-2022, and, given the announcement's year, 今年/本年 and 去年/上年
 * (with an optional quarter or half). A figure with no period in its sentence has none.
 */
public final class FigureExtractor {

    private static final Map<String, String> METRICS = new LinkedHashMap<>();

    static {
        String[][] pairs = {
            {"归属于上市公司股东的扣除非经常性损益的净利润", "扣非净利润"},
            {"扣除非经常性损益后的净利润", "扣非净利润"},
            {"扣非归母净利润", "扣非净利润"},
            {"扣非净利润", "扣非净利润"},
            {"归属于上市公司股东的净利润", "归母净利润"},
            {"归属于母公司所有者的净利润", "归母净利润"},
            {"归属于母公司股东的净利润", "归母净利润"},
            {"归母净利润", "归母净利润"},
            {"经营活动产生的现金流量净额", "经营活动现金流量净额"},
            {"加权平均净资产收益率", "净资产收益率"},
            {"净资产收益率", "净资产收益率"},
            {"基本每股收益", "每股收益"},
            {"每股收益", "每股收益"},
            {"营业总收入", "营业总收入"},
            {"主营业务收入", "主营业务收入"},
            {"营业收入", "营业收入"},
            {"营收", "营业收入"},
            {"综合毛利率", "毛利率"},
            {"毛利率", "毛利率"},
            {"净利率", "净利率"},
            {"净利润", "净利润"},
            {"研发投入", "研发投入"},
            {"研发费用", "研发费用"},
            {"总资产", "总资产"},
            {"净资产", "净资产"},
            {"在手订单", "在手订单"},
            {"客单价", "客单价"},
        };
        for (String[] p : pairs) {
            METRICS.put(p[0], p[1]);
        }
    }

    private static final String NUMBER = "(-?\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|-?\\d+(?:\\.\\d+)?)";
    private static final String UNIT = "(亿元|万元|千元|元|亿|万|%|个百分点)";
    /**
     * Any metric name, longest first. The leading look-ahead on the names' first characters lets the engine skip the
     * vast majority of positions without trying every alternative there (it was the extractor's hottest spot).
     */
    static final Pattern METRIC = Pattern.compile("(?=["
            + METRICS.keySet().stream()
                    .map(k -> Pattern.quote(k.substring(0, 1)))
                    .distinct()
                    .collect(java.util.stream.Collectors.joining())
            + "])(?:"
            + String.join(
                    "|",
                    METRICS.keySet().stream()
                            .sorted((a, b) -> b.length() - a.length())
                            .toList())
            + ")");
    /**
     * The metric names' first characters, and per first character the names in METRIC's order (longest first):
     * {@link #findMetric} finds what METRIC finds, with a look-up per character instead of the regex engine's steps.
     */
    private static final String METRIC_FIRSTS;

    private static final String[][] METRICS_BY_FIRST;

    static {
        Map<Character, List<String>> byFirst = METRICS.keySet().stream()
                .sorted((a, b) -> b.length() - a.length())
                .collect(java.util.stream.Collectors.groupingBy(
                        k -> k.charAt(0), LinkedHashMap::new, java.util.stream.Collectors.toList()));
        StringBuilder firsts = new StringBuilder();
        METRICS_BY_FIRST = new String[byFirst.size()][];
        byFirst.forEach((first, names) -> {
            METRICS_BY_FIRST[firsts.length()] = names.toArray(String[]::new);
            firsts.append(first.charValue());
        });
        METRIC_FIRSTS = firsts.toString();
    }

    /** Filler between a metric and its number: no digits, no clause punctuation, a few characters. */
    private static final Pattern LEVEL_OR_GROWTH = Pattern.compile("([^\\d，。；！？、\\n]{0,12}?)" + NUMBER + UNIT);

    private static final Pattern GROWTH_WORD = Pattern.compile("增长|增加|上升|提升|提高|下降|减少|下滑|降低");
    private static final Pattern DECLINE_WORD = Pattern.compile("下降|减少|下滑|降低");
    private static final Pattern STANDALONE_GROWTH =
            Pattern.compile("(?:较上年同期|较去年同期|比上年同期|较上年|比上年|同比|环比)[^\\d，。；！？\\n]{0,8}?"
                    + "(增长|增加|上升|提升|提高|下降|减少|下滑|降低)[了约近超逾达]{0,3}" + NUMBER + "(%|个百分点)");
    private static final Pattern ANY_NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final Pattern PERIOD = Pattern.compile("(\\d{4})[-—~至到](\\d{4})年?度?"
            + "|(\\d{4})年(?:第)?([一二三四1-4])季度"
            + "|(\\d{4})年前三季度"
            + "|(\\d{4})年(上半年|半年度|中期|1-6月|下半年)"
            + "|(\\d{4})年(?:度|全年)?(?![\\d年])"
            + "|(今年|本年|去年|上年)(?:(?:第)?([一二三四])季度|(上半年|下半年|前三季度))?");

    private static final Pattern CONTEXT_MARKER = Pattern.compile("^(?:问题?\\d*|答|回答|回复|[QA]\\d*)[：、]");

    private FigureExtractor() {}

    /**
     * Figures in {@code text} (normalized), de-duplicated; {@code referenceYear} (the announcement's year, or null)
     * resolves 今年/去年.
     */
    public static List<Figure> extract(String text, Integer referenceYear) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String flowed = TextNormalizer.reflow(text);
        Map<String, Figure> out = new LinkedHashMap<>();
        // Sentences end at 。！？ and paragraph ends; a ；-clause still shares its sentence's period.
        int sentenceStart = 0;
        int n = flowed.length();
        while (sentenceStart < n) {
            int sentenceEnd = sentenceStart;
            boolean digit = false;
            char c;
            while (sentenceEnd < n && (c = flowed.charAt(sentenceEnd)) != '。' && c != '！' && c != '？' && c != '\n') {
                digit |= c >= '0' && c <= '9';
                sentenceEnd++;
            }
            // every figure needs a number: most sentences end here, before they are copied
            if (digit) {
                extractSentence(flowed.substring(sentenceStart, sentenceEnd), referenceYear, out);
            }
            sentenceStart = sentenceEnd + 1;
        }
        return new ArrayList<>(out.values());
    }

    private record Found(int numberStart, int numberEnd, String metric) {}

    private static void extractSentence(String sentence, Integer referenceYear, Map<String, Figure> out) {
        List<Found> found = new ArrayList<>();
        int from = 0;
        int metricStart;
        while (from < sentence.length() && (metricStart = findMetric(sentence, from)) >= 0) {
            String metricName = metricAt(sentence, metricStart);
            int metricEnd = metricStart + metricName.length();
            from = metricEnd;
            Matcher m = LEVEL_OR_GROWTH.matcher(sentence).region(metricEnd, sentence.length());
            if (!m.lookingAt() || isRange(sentence, m.start(2), m.end(2))) {
                continue;
            }
            String canonical = METRICS.get(metricName);
            String filler = m.group(1);
            String name = canonical;
            BigDecimal value = new BigDecimal(m.group(2).replace(",", ""));
            if (GROWTH_WORD.matcher(filler).find()) {
                name = canonical + growthKind(filler);
                if (DECLINE_WORD.matcher(filler).find()) {
                    value = value.negate();
                }
            }
            int contextStart = contextStart(sentence, metricStart);
            put(
                    out,
                    new Figure(
                            name,
                            value,
                            m.group(3),
                            period(sentence, metricStart, referenceYear),
                            context(sentence, contextStart, m.end())));
            found.add(new Found(m.start(2), m.end(2), canonical));
            from = m.end();
        }
        if (found.isEmpty()) {
            return; // a standalone growth rate belongs to a figure before it: there is none
        }
        Matcher g = STANDALONE_GROWTH.matcher(sentence);
        while (g.find()) {
            Found owner = ownerOf(found, sentence, g.start(2));
            if (owner == null || isRange(sentence, g.start(2), g.end(2))) {
                continue;
            }
            BigDecimal value = new BigDecimal(g.group(2));
            if (DECLINE_WORD.matcher(g.group(1)).find()) {
                value = value.negate();
            }
            int contextStart = contextStart(sentence, owner.numberStart());
            put(
                    out,
                    new Figure(
                            owner.metric() + growthKind(g.group()),
                            value,
                            g.group(3),
                            period(sentence, owner.numberStart(), referenceYear),
                            context(sentence, contextStart, g.end())));
        }
    }

    /** The figure a standalone growth rate belongs to: the last one before it, if no other number intervenes. */
    private static Found ownerOf(List<Found> found, String sentence, int growthNumberStart) {
        Found owner = null;
        for (Found f : found) {
            if (f.numberEnd() <= growthNumberStart) {
                owner = f;
            }
        }
        if (owner == null) {
            return null;
        }
        if (owner.numberEnd() == growthNumberStart
                || found.stream().anyMatch(f -> f.numberStart() == growthNumberStart)) {
            return null; // the rate was already read with its own metric
        }
        String between = sentence.substring(owner.numberEnd(), growthNumberStart);
        return ANY_NUMBER.matcher(between).find() || METRIC.matcher(between).find() ? null : owner;
    }

    /** Where the first metric name at or after {@code from} starts (METRIC's leftmost match), or -1. */
    static int findMetric(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (metricAt(s, i) != null) {
                return i;
            }
        }
        return -1;
    }

    /** The metric name METRIC's alternation picks at {@code i} (the first, i.e. longest, that fits), or null. */
    static String metricAt(String s, int i) {
        int first = METRIC_FIRSTS.indexOf(s.charAt(i));
        if (first < 0) {
            return null;
        }
        for (String name : METRICS_BY_FIRST[first]) {
            if (s.startsWith(name, i)) {
                return name;
            }
        }
        return null;
    }

    private static String growthKind(String phrase) {
        if (phrase.contains("环比")) {
            return "环比增长";
        }
        if (phrase.contains("同比") || phrase.contains("上年") || phrase.contains("去年")) {
            return "同比增长";
        }
        return "增长";
    }

    private static boolean isRange(String s, int start, int end) {
        boolean dashBefore =
                start >= 2 && "-—~至到".indexOf(s.charAt(start - 1)) >= 0 && Character.isDigit(s.charAt(start - 2));
        boolean dashAfter =
                end + 1 < s.length() && "-—~至到".indexOf(s.charAt(end)) >= 0 && Character.isDigit(s.charAt(end + 1));
        // a leading minus directly after a digit is a range dash, not a sign
        boolean signAfterDigit = s.charAt(start) == '-' && start > 0 && Character.isDigit(s.charAt(start - 1));
        return dashBefore || dashAfter || signAfterDigit;
    }

    private static String context(String sentence, int start, int end) {
        return CONTEXT_MARKER.matcher(sentence.substring(start, end).strip()).replaceFirst("");
    }

    private static int contextStart(String sentence, int anchor) {
        int clause = Math.max(
                Math.max(sentence.lastIndexOf('，', anchor - 1), sentence.lastIndexOf('、', anchor - 1)),
                sentence.lastIndexOf('；', anchor - 1));
        int start = Math.max(clause + 1, anchor - 40);
        return Math.max(0, start);
    }

    /** The period of the last period expression starting before {@code limit} in the sentence, or null. */
    static String period(String sentence, int limit, Integer referenceYear) {
        Matcher p = PERIOD.matcher(sentence).region(0, Math.max(0, limit));
        String last = null;
        while (p.find()) {
            String value = periodOf(p, referenceYear);
            if (value != null) {
                last = value;
            }
        }
        return last;
    }

    private static String periodOf(Matcher p, Integer referenceYear) {
        if (p.group(1) != null) {
            return p.group(1) + "-" + p.group(2);
        }
        if (p.group(3) != null) {
            return p.group(3) + "-Q" + quarter(p.group(4));
        }
        if (p.group(5) != null) {
            return p.group(5) + "-Q1-Q3";
        }
        if (p.group(6) != null) {
            return p.group(6) + ("下半年".equals(p.group(7)) ? "-H2" : "-H1");
        }
        if (p.group(8) != null) {
            return p.group(8);
        }
        if (p.group(9) != null && referenceYear != null) {
            int year = switch (p.group(9)) {
                case "去年", "上年" -> referenceYear - 1;
                default -> referenceYear;
            };
            if (p.group(10) != null) {
                return year + "-Q" + quarter(p.group(10));
            }
            if (p.group(11) != null) {
                return year
                        + switch (p.group(11)) {
                            case "上半年" -> "-H1";
                            case "下半年" -> "-H2";
                            default -> "-Q1-Q3";
                        };
            }
            return String.valueOf(year);
        }
        return null;
    }

    private static int quarter(String q) {
        return switch (q) {
            case "一", "1" -> 1;
            case "二", "2" -> 2;
            case "三", "3" -> 3;
            default -> 4;
        };
    }

    private static void put(Map<String, Figure> out, Figure f) {
        out.putIfAbsent(f.metric() + "|" + f.value().toPlainString() + "|" + f.unit() + "|" + f.period(), f);
    }
}
