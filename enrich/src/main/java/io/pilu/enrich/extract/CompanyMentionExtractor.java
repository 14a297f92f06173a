package io.pilu.enrich.extract;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the companies an IR record's answers name as customers or as partners/suppliers.
 *
 * <p>Only explicit lists count: after a cue (客户(主要)包括/有/为/如, 主要客户包括, 合作伙伴(主要)包括, 供应商包括,
 * 合作方有 …), before one (为华为、小米等客户提供 → the names before 等…客户), or between 与 and 合作 (与华为、
 * 阿里云建立了战略合作关系). The list runs to the end of the clause and is split on 、，,和及与/; 等 and what
 * follows it is dropped. Items must look like names: generic groups (高等院校, 科研院所用户, 电信运营商, 下游客户 …),
 * phrases with 的, and numbers are not companies; a list where fewer than half the items look like names is
 * a description, not a list, and is dropped whole.
 */
public final class CompanyMentionExtractor {

    /** Customers and partners, each de-duplicated in order of first mention. */
    public record Mentions(List<String> customers, List<String> partners) {
        public Mentions {
            customers = List.copyOf(customers);
            partners = List.copyOf(partners);
        }
    }

    private static final String LIST = "([^。；！？：\\n]{2,200})";
    private static final String VERB = "(?:主要)?(?:包括|包含|涵盖|覆盖|有|为|是|如)[：:]?";
    private static final Pattern CUSTOMER_AFTER = Pattern.compile("客户(?:群体|对象|名单)?" + VERB + "\\s*" + LIST);
    private static final Pattern CUSTOMER_AFTER_COLON = Pattern.compile("客户(?:群体|对象|名单)?[：]" + LIST);
    private static final Pattern CUSTOMER_BEFORE = Pattern.compile(
            "(?:为|向|给|服务于|服务|覆盖|包括|进入|供货)([^，。；！？：\\n]{2,120}?)等(?:国内外|国内|海外|全球)?(?:知名|头部|主要|重要|大型|优质|核心)?(?:的)?(?:企业|公司|厂商)?客户");
    private static final Pattern PARTNER_AFTER = Pattern.compile(
            // the look-ahead lets the engine skip positions that cannot start any of the alternatives
            "(?=[合供])(?:合作伙伴|合作方|合作单位|供应商)" + VERB + "\\s*" + LIST);
    private static final Pattern PARTNER_WITH = Pattern.compile(
            "与([^，。；！？：\\n]{2,120}?)(?:等)?(?:公司|企业|厂商|机构|单位)?(?:之间)?(?:建立了?|达成了?|开展了?|保持(?:着)?|签署了?|签订了?|展开了?|进行了?|深化了?|形成了?)?"
                    + "(?:长期|深度|紧密|良好|稳定|战略|全面|密切|的|了){0,4}合作");
    /** The characters a match of each pattern starts with (see {@link #find}). */
    private static final String CUSTOMER_AFTER_FIRST = "客";

    private static final String PARTNER_AFTER_FIRST = "合供";
    private static final String CUSTOMER_BEFORE_FIRST = "为向给服覆包进供";
    private static final String PARTNER_WITH_FIRST = "与";
    private static final Pattern PARTNER_SCOPE = Pattern.compile("在|就|围绕|于");
    /** The characters neither CUSTOMER_BEFORE nor PARTNER_WITH can match across. */
    private static final String CLAUSE_END_CHARS = "，。；！？：";

    private static final Pattern ITEM_SEPARATORS = Pattern.compile("[、，,/]|以及|和|及|与");
    private static final Pattern GENERIC = Pattern.compile(
            ".*(?:用户|客户|院校|院所|高校|科研机构|机构|行业|领域|厂商|运营商|单位|部门|政府|市场|产品|业务|方面|类企业|型企业|类公司|群体|龙头|巨头|伙伴|同行|等)$"
                    + "|^(?:国内外|国内|海外|全球|知名|头部|主要|重要|大型|多家|众多|各类|下游|上游|其他|部分|相关|行业|各大|优质|更多).*");
    private static final Pattern DIGITS = Pattern.compile(".*\\d.*");

    private CompanyMentionExtractor() {}

    /** Customers and partners named in {@code texts} (typically the answers). */
    public static Mentions extract(List<String> texts) {
        Set<String> customers = new LinkedHashSet<>();
        Set<String> partners = new LinkedHashSet<>();
        for (String text : texts) {
            if (text == null || text.isEmpty()) {
                continue;
            }
            String s = text.replace("\n", "");
            // Every pattern needs a literal cue (客户, or 合作/供应商 for the partner ones): most answers carry none,
            // and a contains() is far cheaper than running the patterns to find nothing.
            boolean customerCue = s.contains("客户");
            boolean partnerCue = s.contains("合作");
            if (customerCue) {
                collect(CUSTOMER_AFTER, CUSTOMER_AFTER_FIRST, s, 0, s.length(), customers, true);
                collect(CUSTOMER_AFTER_COLON, CUSTOMER_AFTER_FIRST, s, 0, s.length(), customers, true);
            }
            if (partnerCue || s.contains("供应商")) {
                collect(PARTNER_AFTER, PARTNER_AFTER_FIRST, s, 0, s.length(), partners, true);
            }
            if (!customerCue && !partnerCue) {
                continue;
            }
            // These two expand lazily over up to 120 characters after every 为/向/与…, which made them the costliest
            // patterns. Neither can match across clause punctuation, so only clauses with their keyword are tried,
            // and only up to the clause's last 客户 (resp. 合作), where every match of theirs ends: the same
            // matches, in the same order, for a fraction of the work.
            int clauseStart = 0;
            while (clauseStart <= s.length()) {
                int clauseEnd = clauseStart;
                while (clauseEnd < s.length() && CLAUSE_END_CHARS.indexOf(s.charAt(clauseEnd)) < 0) {
                    clauseEnd++;
                }
                int lastCustomer = lastIndexIn(s, "客户", clauseStart, clauseEnd);
                if (lastCustomer >= 0) {
                    collect(CUSTOMER_BEFORE, CUSTOMER_BEFORE_FIRST, s, clauseStart, lastCustomer + 2, customers, false);
                }
                int lastCooperation = lastIndexIn(s, "合作", clauseStart, clauseEnd);
                if (lastCooperation >= 0) {
                    collect(PARTNER_WITH, PARTNER_WITH_FIRST, s, clauseStart, lastCooperation + 2, partners, false);
                }
                clauseStart = clauseEnd + 1;
            }
        }
        return new Mentions(new ArrayList<>(customers), new ArrayList<>(partners));
    }

    /** The last index of {@code word} lying wholly inside {@code text[from, to)}, or -1. */
    private static int lastIndexIn(String text, String word, int from, int to) {
        // scans back no further than the clause (String.lastIndexOf would go on to the text's start)
        for (int i = to - word.length(); i >= from; i--) {
            if (text.startsWith(word, i)) {
                return i;
            }
        }
        return -1;
    }

    /** Adds the names listed by every match of {@code cue} inside {@code text[from, to)}. */
    private static void collect(
            Pattern cue, String firsts, String text, int from, int to, Set<String> into, boolean cutAtClauseEnd) {
        Matcher m = cue.matcher(text);
        while (find(m, firsts, text, from, to)) {
            from = m.end();
            String list = m.group(1);
            if (cue == PARTNER_WITH) {
                // 与华为在昇腾生态方面开展合作: the partner is what comes before 在/就/围绕
                list = PARTNER_SCOPE.split(list, 2)[0];
            }
            if (cutAtClauseEnd) {
                list = cutAtDeng(list);
            }
            into.addAll(names(list));
        }
    }

    /**
     * {@code m.find()} from {@code from} in the region up to {@code to}, trying only the positions holding one of {@code firsts}, the characters
     * every match of {@code m}'s pattern starts with: the same matches (none of these patterns looks behind), found
     * without the regex engine stepping through every character of a long answer.
     */
    private static boolean find(Matcher m, String firsts, String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (firsts.indexOf(text.charAt(i)) >= 0 && m.region(i, to).lookingAt()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A list after a cue ends at 等 (…、北京智源人工智能研究院等。) or at the first comma: company lists are written
     * with 、, and a comma starts the next clause (主要客户为国家电网，合作多年).
     */
    private static String cutAtDeng(String list) {
        int end = list.length();
        int deng = list.indexOf('等');
        int comma = list.indexOf('，');
        if (deng >= 0) {
            end = deng;
        }
        if (comma >= 0 && comma < end) {
            end = comma;
        }
        return list.substring(0, end);
    }

    private static List<String> names(String list) {
        List<String> items = new ArrayList<>();
        int total = 0;
        for (String raw : ITEM_SEPARATORS.split(list)) {
            String item = clean(raw);
            if (item.isEmpty()) {
                continue;
            }
            total++;
            if (looksLikeName(item)) {
                items.add(item);
            }
        }
        // fewer than half looking like names: this is a description, not a list of companies
        return items.size() * 2 >= total ? items : List.of();
    }

    private static String clean(String raw) {
        String s = raw.strip();
        s = s.replaceAll("^[“”\"'《》「」（）]+|[“”\"'《》「」（）]+$", "");
        if (s.endsWith("等")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.strip();
    }

    private static boolean looksLikeName(String item) {
        int han = ChineseText.hanCount(item);
        boolean latin = item.chars().anyMatch(c -> ChineseText.isLatin((char) c));
        if (item.length() < 2 || item.length() > 25 || (han < 2 && !latin)) {
            return false;
        }
        return !item.contains("的")
                && !item.contains("我们")
                && !DIGITS.matcher(item).matches()
                && !GENERIC.matcher(item).matches()
                && !item.startsWith("公司");
    }
}
