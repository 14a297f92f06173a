package io.pilu.enrich.extract;

import io.pilu.model.IrActivity.Receptionist;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads 上市公司接待人员: the company's people, each with their title.
 *
 * <p>Handles a title glued to the name (董事会秘书师健伟先生 → 师健伟 / 董事会秘书), several titles for one person
 * (董事长兼总经理张三; 副总经理、董事会秘书王五 → title 副总经理、董事会秘书), "title：name" (董事会秘书：张三), a title
 * in brackets on either side (张三（董事会秘书）), a title after the name (张三 董事长), several people in one
 * line, and honorifics (先生, 女士 …), which are dropped. A token that is not shaped like a personal name once
 * titles are removed is skipped rather than reported as a person.
 */
final class ReceptionistParser {

    private static final Pattern SEPARATORS = Pattern.compile("[\\n、，,；;。]+");
    private static final Pattern BRACKETED = Pattern.compile("(.*?)（(.*?)）(.*)");
    private static final Pattern COMPANY_PREFIX = Pattern.compile("^(?:上市公司|本公司|公司)");

    private ReceptionistParser() {}

    static List<Receptionist> parse(String text) {
        List<Receptionist> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        List<String> tokens = new ArrayList<>();
        for (String part : SEPARATORS.split(text)) {
            // A space separates a title from a name (董事会秘书 师健伟) or two people; a colon binds title to name.
            for (String t : part.strip().replace('：', ' ').split("\\s+")) {
                if (!t.isBlank()) {
                    tokens.add(t.strip());
                }
            }
        }
        List<String> pendingTitles = new ArrayList<>();
        for (String raw : tokens) {
            String token =
                    COMPANY_PREFIX.matcher(PersonNames.stripHonorific(raw)).replaceFirst("");
            if (token.isEmpty()) {
                continue;
            }
            Matcher b = BRACKETED.matcher(token);
            if (b.matches()) {
                String outside = PersonNames.stripHonorific((b.group(1) + b.group(3)).strip());
                String inside = b.group(2).strip();
                if (PersonNames.isTitleOnly(inside) && PersonNames.looksLikeName(outside)) {
                    add(out, outside, join(pendingTitles, inside));
                    pendingTitles.clear();
                    continue;
                }
                if (PersonNames.isTitleOnly(outside) && PersonNames.looksLikeName(PersonNames.stripHonorific(inside))) {
                    add(out, PersonNames.stripHonorific(inside), join(pendingTitles, outside));
                    pendingTitles.clear();
                    continue;
                }
                token = outside;
            }
            if (PersonNames.isTitleOnly(token)) {
                if (lastWithoutTitleFollowedBy(out, token)) {
                    continue; // 张三 董事长: the title belongs to the name before it
                }
                pendingTitles.add(token);
                continue;
            }
            StringBuilder titles = new StringBuilder();
            String rest = token;
            String lead;
            while ((lead = leadingTitleOrConnector(rest)) != null) {
                if (!"兼".equals(lead) && !"及".equals(lead)) {
                    titles.append(titles.isEmpty() ? "" : "兼").append(lead);
                }
                rest = rest.substring(lead.length());
            }
            String trail = null;
            String t;
            while ((t = PersonNames.trailingTitle(rest)) != null) {
                trail = trail == null ? t : t + "兼" + trail;
                rest = rest.substring(0, rest.length() - t.length());
            }
            rest = PersonNames.stripHonorific(rest);
            if (!PersonNames.looksLikeName(rest)) {
                pendingTitles.clear();
                continue;
            }
            String own = titles.isEmpty() ? trail : titles.toString();
            add(out, rest, join(pendingTitles, own));
            pendingTitles.clear();
        }
        return out;
    }

    /** Attaches a title that follows a name which has none yet (张三 董事长); true when attached. */
    private static boolean lastWithoutTitleFollowedBy(List<Receptionist> out, String title) {
        if (out.isEmpty() || out.get(out.size() - 1).title() != null) {
            return false;
        }
        Receptionist last = out.remove(out.size() - 1);
        out.add(new Receptionist(last.name(), title));
        return true;
    }

    private static String leadingTitleOrConnector(String s) {
        if (s.startsWith("兼") || s.startsWith("及")) {
            return s.substring(0, 1);
        }
        String title = PersonNames.leadingTitle(s);
        // never eat the whole token: what remains must be the name
        return title != null && title.length() < s.length() ? title : null;
    }

    private static String join(List<String> pending, String own) {
        List<String> all = new ArrayList<>(pending);
        if (own != null && !own.isEmpty()) {
            all.add(own);
        }
        return all.isEmpty() ? null : String.join("、", all);
    }

    private static void add(List<Receptionist> out, String name, String title) {
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).name().equals(name)) {
                if (out.get(i).title() == null && title != null) {
                    out.set(i, new Receptionist(name, title));
                }
                return;
            }
        }
        out.add(new Receptionist(name, title));
    }
}
