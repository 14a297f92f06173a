package io.pilu.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The company-mention search was made cheaper (issue 17: candidate start characters, clause bounds) without changing
 * what it finds. This test keeps the previous implementation, as it was, as the reference and compares both on
 * generated answers dense in cues (客户, 为…等…客户, 与…合作, 合作伙伴包括, 供应商有, separators, clause ends).
 */
class CompanyMentionEquivalenceTest {

    private static final String[] PIECES = {
        "客户",
        "主要客户包括",
        "客户主要包括：",
        "客户名单：",
        "客户有",
        "客户为",
        "公司",
        "为",
        "向",
        "给",
        "服务于",
        "覆盖",
        "包括",
        "进入",
        "供货",
        "等",
        "等知名企业客户",
        "等客户",
        "等国内外头部客户",
        "与",
        "合作",
        "建立了长期合作",
        "开展深度合作",
        "在",
        "就",
        "合作伙伴包括",
        "合作方有",
        "供应商有",
        "供应商包括：",
        "华为",
        "小米",
        "宁德时代",
        "比亚迪",
        "国家电网",
        "英伟达",
        "AMD",
        "阿里云",
        "中科曙光",
        "高等院校",
        "科研院所用户",
        "的",
        "我们",
        "2024年",
        "30%",
        "、",
        "、",
        "，",
        "。",
        "；",
        "！",
        "？",
        "：",
        ",",
        "/",
        "和",
        "及",
        "以及",
        " ",
        "\n",
        "《",
        "》",
        "“",
        "”"
    };

    @Test
    void findsWhatThePreviousImplementationFound() {
        Random random = new Random(17);
        int withMentions = 0;
        for (int i = 0; i < 5_000; i++) {
            List<String> texts = new ArrayList<>();
            int answers = 1 + random.nextInt(3);
            for (int a = 0; a < answers; a++) {
                StringBuilder sb = new StringBuilder();
                int pieces = 1 + random.nextInt(40);
                for (int p = 0; p < pieces; p++) {
                    sb.append(PIECES[random.nextInt(PIECES.length)]);
                }
                texts.add(sb.toString());
            }
            CompanyMentionExtractor.Mentions expected = Reference.extract(texts);
            assertThat(CompanyMentionExtractor.extract(texts))
                    .as("texts %s", texts)
                    .isEqualTo(expected);
            if (!expected.customers().isEmpty() || !expected.partners().isEmpty()) {
                withMentions++;
            }
        }
        // the generated answers must exercise the search, not only its early exits
        assertThat(withMentions).isGreaterThan(500);
    }

    /** {@link CompanyMentionExtractor} before issue 17, unchanged. */
    private static final class Reference {

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
        private static final Pattern PARTNER_SCOPE = Pattern.compile("在|就|围绕|于");
        /** The characters neither CUSTOMER_BEFORE nor PARTNER_WITH can match across. */
        private static final Pattern CLAUSE_END = Pattern.compile("[，。；！？：]");

        private static final Pattern ITEM_SEPARATORS = Pattern.compile("[、，,/]|以及|和|及|与");
        private static final Pattern GENERIC = Pattern.compile(
                ".*(?:用户|客户|院校|院所|高校|科研机构|机构|行业|领域|厂商|运营商|单位|部门|政府|市场|产品|业务|方面|类企业|型企业|类公司|群体|龙头|巨头|伙伴|同行|等)$"
                        + "|^(?:国内外|国内|海外|全球|知名|头部|主要|重要|大型|多家|众多|各类|下游|上游|其他|部分|相关|行业|各大|优质|更多).*");
        private static final Pattern DIGITS = Pattern.compile(".*\\d.*");

        private Reference() {}

        /** Customers and partners named in {@code texts} (typically the answers). */
        static CompanyMentionExtractor.Mentions extract(List<String> texts) {
            Set<String> customers = new LinkedHashSet<>();
            Set<String> partners = new LinkedHashSet<>();
            for (String text : texts) {
                if (text == null || text.isEmpty()) {
                    continue;
                }
                String s = text.replace("\n", "");
                collect(CUSTOMER_AFTER, s, customers, true);
                collect(CUSTOMER_AFTER_COLON, s, customers, true);
                collect(PARTNER_AFTER, s, partners, true);
                // These two expand lazily over up to 120 characters after every 为/向/与…, which made them the costliest
                // patterns. Neither can match across clause punctuation, so only clauses with their keyword are tried:
                // the same matches, in the same order, for a fraction of the work.
                for (String clause : CLAUSE_END.split(s)) {
                    if (clause.contains("客户")) {
                        collect(CUSTOMER_BEFORE, clause, customers, false);
                    }
                    if (clause.contains("合作")) {
                        collect(PARTNER_WITH, clause, partners, false);
                    }
                }
            }
            return new CompanyMentionExtractor.Mentions(new ArrayList<>(customers), new ArrayList<>(partners));
        }

        private static void collect(Pattern cue, String text, Set<String> into, boolean cutAtClauseEnd) {
            Matcher m = cue.matcher(text);
            while (m.find()) {
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
}
