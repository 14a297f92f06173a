package io.pilu.enrich.extract;

import io.pilu.model.EntityType;
import io.pilu.model.IrActivity.Participant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads 参与单位及人员: the institutions that took part, the people named beside each, and the declared totals of a
 * summary (华泰证券、中金公司…等31家机构34人 → 31 institutions, 34 people).
 *
 * <p>The list is cut into tokens at spaces, list punctuation and brackets, then read left to right: an
 * institution opens a participant, and the personal names that follow it (中信证券 张三、李四, 中信证券（张三）,
 * 中信证券：张三) are its people. A token is an institution when the gazetteer knows it (or it starts with a
 * known name of 3+ characters: 中信证券研究部, 中信证券张三), when it ends in an institution suffix (地泽投资), or
 * when it is a Latin-script name (Point72). A 2–4 character token is a person when it starts with a common surname
 * and an institution precedes it; job titles around names are dropped. A short token that is neither is read as an
 * institution of type OTHER, since that is what an unknown short fund name is. Generic audiences (个人投资者,
 * 网上投资者, 线上参与公司2024年度业绩说明会的投资者) are not institutions and are skipped, so a cell naming only
 * an audience gives no participants. Labels inside the cell (参与机构与人数：, 机构名称:, 参会人员：, see
 * {@link RecordLabels#participantCellLabels()}) are field names and are skipped too; the list's closing words
 * (…等机构的29位投资者) give the declared totals. The same institution listed twice is merged.
 */
final class ParticipantParser {

    /** Participants in document order plus the declared totals. */
    record Result(List<Participant> participants, Integer declaredInstitutionCount, Integer declaredPersonCount) {}

    private static final String NUM = "(\\d{1,5}|[一二三四五六七八九十百零〇两]{1,6})";
    private static final Pattern INSTITUTION_COUNT = Pattern.compile(NUM + "家(?:机构|单位|公司|投资机构|券商|基金公司|投资者)?");
    private static final Pattern PERSON_COUNT =
            Pattern.compile(NUM + "(?:人(?!民)|名(?:投资者|人员|分析师|机构投资者|嘉宾)?|位(?:投资者|人员|分析师|嘉宾)?)");
    private static final Pattern NOISE =
            Pattern.compile("（?(?:排名不分先后|排名不分前后|以上排名不分先后|具体(?:名单|参会人员)?详见附件(?:清单)?|详见附件(?:清单)?|名单见附件)）?"
                    + "|(?:共计|合计|共)(?=" + NUM + "[家人名位])"
                    // …等机构的29位投资者, …等共36家机构, …等机构投资者: the end of the list, not a name
                    + "|等(?:投资)?(?:机构|单位|公司)?(?:投资者)?的?(?=(?:共计|合计|共)?" + NUM + "[家人名位])"
                    + "|等(?:投资)?(?:机构|单位)(?:投资者)?的?|的(?=" + NUM + "[人名位])");
    /** A label inside the cell (参与机构与人数：, 机构名称:), with either colon. */
    private static final Pattern CELL_LABEL =
            Pattern.compile("(?:" + String.join("|", RecordLabels.participantCellLabels()) + ")\\s*[：:]");

    /**
     * A cell that only describes an audience, in one clause: 通过深圳证券交易所“互动易”平台“云访谈”栏目参与公司2023年度
     * 网上业绩说明会的投资者. Its quotes would otherwise split it into a platform and its parts read as institutions.
     */
    private static final Pattern AUDIENCE =
            Pattern.compile("[^、，,；;。]*(?:参与|参加|出席|收看|观看)[^、，,；;。]*的(?:广大)?(?:" + NUM + "[名位])?(?:投资者|股东|网友)们?");

    private static final Pattern SEPARATORS = Pattern.compile("[\\s、，,；;。：:（）()【】\\[\\]“”\"…/|]+");
    private static final Pattern DEPARTMENT = Pattern.compile(".{0,4}(?:部|研究所|研究院|团队|小组|中心|办公室)");
    private static final Pattern LATIN_SPACE = Pattern.compile("(?<=[A-Za-z0-9&.]) +(?=[A-Za-z&])");
    private static final Pattern LATIN_NAME = Pattern.compile(".*[A-Za-z]{2,}.*");

    private static final Set<String> CELL_LABELS = Set.copyOf(RecordLabels.participantCellLabels());

    private final InstitutionGazetteer gazetteer;

    ParticipantParser(InstitutionGazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    Result parse(String text) {
        if (text == null || text.isBlank()) {
            return new Result(List.of(), null, null);
        }
        String s = text.replace('\n', '、');
        s = CELL_LABEL.matcher(s).replaceAll("、");
        // before the counts are cut out: its lookaheads need them
        s = NOISE.matcher(s).replaceAll("、");
        Integer institutions = null;
        Integer persons = null;
        Matcher ic = INSTITUTION_COUNT.matcher(s);
        if (ic.find()) {
            institutions = positive(ChineseText.parseNumber(ic.group(1)));
            int after = ic.end();
            Matcher pc = PERSON_COUNT.matcher(s);
            // the person count of a summary follows its institution count (31家机构34人), else anywhere
            persons = pc.find(after) ? positive(ChineseText.parseNumber(pc.group(1))) : null;
            s = s.substring(0, ic.start()) + "、" + s.substring(after);
        }
        if (persons == null) {
            Matcher pc = PERSON_COUNT.matcher(s);
            if (pc.find()) {
                persons = positive(ChineseText.parseNumber(pc.group(1)));
            }
        }
        if (AUDIENCE.matcher(ChineseText.compact(text)).matches()) {
            return new Result(List.of(), institutions, persons);
        }
        s = PERSON_COUNT.matcher(s).replaceAll("、");
        // a space inside a Latin-script name (Millennium Capital) is part of the name, not a separator
        s = LATIN_SPACE.matcher(s).replaceAll("\u00A0");

        Map<String, Builder> byName = new LinkedHashMap<>();
        Builder current = null;
        for (String raw : SEPARATORS.split(s)) {
            String token = trimToken(raw.replace('\u00A0', ' '));
            if (token.isEmpty() || isFiller(token) || CELL_LABELS.contains(token)) {
                continue;
            }
            if (token.contains("投资者")
                    && InstitutionGazetteer.typeBySuffix(token).isEmpty()) {
                continue; // 个人投资者, 网络投资者: an audience, not an institution
            }
            Optional<InstitutionGazetteer.Match> prefix = gazetteer.matchPrefix(token);
            if (prefix.isPresent()) {
                String rest = token.substring(prefix.get().end());
                String person = personOf(rest);
                String name = person != null ? prefix.get().surface() : token;
                current = byName.computeIfAbsent(
                        prefix.get().institution().canonicalName(),
                        k -> new Builder(
                                name,
                                prefix.get().institution().canonicalName(),
                                prefix.get().institution().type()));
                if (person != null) {
                    current.addPerson(person);
                }
                continue;
            }
            Optional<EntityType> bySuffix = InstitutionGazetteer.typeBySuffix(token);
            if (bySuffix.isEmpty()) {
                // 地泽投资张三: a suffix followed by a name, written without a space
                Builder split = splitInstitutionAndPerson(token, byName);
                if (split != null) {
                    current = split;
                    continue;
                }
            }
            if (bySuffix.isPresent()) {
                current = byName.computeIfAbsent(token, k -> new Builder(token, token, bySuffix.get()));
                continue;
            }
            String person = personOf(token);
            if (person != null && current != null && PersonNames.isLikelyName(person)) {
                current.addPerson(person);
                continue;
            }
            if (PersonNames.isTitleOnly(token)
                    || (current != null && DEPARTMENT.matcher(token).matches())) {
                continue; // 分析师, 研究部: about the person or institution beside it, not a participant
            }
            if (LATIN_NAME.matcher(token).matches()
                    || (ChineseText.hanCount(token) >= 2 && person == null)
                    || (person != null && !PersonNames.isLikelyName(person))) {
                current = byName.computeIfAbsent(token, k -> new Builder(token, token, EntityType.OTHER));
            }
            // else: a personal name with no institution before it; it names nobody's participant
        }
        List<Participant> participants =
                byName.values().stream().map(Builder::build).toList();
        return new Result(participants, institutions, persons);
    }

    private Builder splitInstitutionAndPerson(String token, Map<String, Builder> byName) {
        for (int cut = token.length() - 2; cut >= 2; cut--) {
            String head = token.substring(0, cut);
            String person = personOf(token.substring(cut));
            if (person == null || !PersonNames.isLikelyName(person)) {
                continue;
            }
            Optional<EntityType> type = InstitutionGazetteer.typeBySuffix(head);
            if (type.isPresent()) {
                Builder b = byName.computeIfAbsent(head, k -> new Builder(head, head, type.get()));
                b.addPerson(person);
                return b;
            }
        }
        return null;
    }

    /** The personal name in {@code token} once titles and honorifics are removed, or null. */
    static String personOf(String token) {
        String s = PersonNames.stripHonorific(token.strip());
        String lead;
        while (!s.isEmpty() && (lead = PersonNames.leadingTitle(s)) != null) {
            s = s.substring(lead.length());
        }
        String trail;
        while ((trail = PersonNames.trailingTitle(s)) != null) {
            s = s.substring(0, s.length() - trail.length());
        }
        s = PersonNames.stripHonorific(s);
        return PersonNames.looksLikeName(s) ? s : null;
    }

    private static String trimToken(String raw) {
        String t = raw.strip();
        while (t.startsWith("等") || t.startsWith("和") || t.startsWith("及")) {
            t = t.substring(1);
        }
        while (t.endsWith("等")) {
            t = t.substring(0, t.length() - 1);
        }
        return t.strip();
    }

    private static boolean isFiller(String token) {
        return switch (token) {
            case "以及", "其他", "其它", "机构", "人员", "投资者", "如下", "无", "线上", "线下", "现场", "电话", "网络" -> true;
            default -> token.length() < 2 && !ChineseText.isLatin(token.charAt(0));
        };
    }

    private static Integer positive(int n) {
        return n > 0 ? n : null;
    }

    private static final class Builder {
        private final String name;
        private final String normalizedName;
        private final EntityType type;
        private final List<String> people = new ArrayList<>();

        Builder(String name, String normalizedName, EntityType type) {
            this.name = name;
            this.normalizedName = normalizedName;
            this.type = type;
        }

        void addPerson(String person) {
            if (!people.contains(person)) {
                people.add(person);
            }
        }

        Participant build() {
            return new Participant(name, normalizedName, type, people);
        }
    }
}
