package io.pilu.enrich.extract;

import io.pilu.model.EntityType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ahocorasick.trie.PayloadEmit;
import org.ahocorasick.trie.PayloadTrie;

/**
 * Knows the institutions that attend IR activities: brokers, fund managers, insurers' asset managers, private
 * funds, bank wealth arms, trusts and QFIIs, each with its canonical legal name and the short names it is written
 * under (中金公司 → 中国国际金融股份有限公司).
 *
 * <p>Known names are found with an Aho-Corasick automaton, longest match first and without overlaps, so 东方财富证券
 * is not read as 东方证券 and 上海证券报 (a newspaper) is not read as 上海证券. Names the list does not know are still
 * recognised and typed by their suffix, see {@link #typeBySuffix(String)}.
 *
 * <p>Immutable and thread-safe once built; building parses the list and the automaton, so share one instance.
 */
public final class InstitutionGazetteer {

    /** Classpath location of the curated list shipped with Pilu. */
    public static final String DEFAULT_RESOURCE = "/io/pilu/enrich/gazetteer/institutions.tsv";

    /** An institution: its canonical name and kind. */
    public record Institution(String canonicalName, EntityType type) {}

    /** A name found in a text: {@code [start, end)} and what it refers to. */
    public record Match(int start, int end, String surface, Institution institution) {}

    /**
     * Suffix → type, tried longest first. An unknown name ending in one of these (with at least two characters
     * before it) is an institution of that type: 地泽投资 → PRIVATE_FUND, 某某证券 → BROKER, 某某理财 → BANK,
     * 某某研究院 → OTHER. 投资/资产/资本/资管 read as PRIVATE_FUND because that is what such names are in IR
     * participant lists (public fund managers and insurers are nearly all in the list by name).
     */
    private static final List<Map.Entry<String, EntityType>> SUFFIX_RULES;

    static {
        Map<String, EntityType> rules = new HashMap<>();
        for (String s : List.of("证券股份有限公司", "证券有限责任公司", "证券有限公司", "证券公司", "证券研究所", "证券")) {
            rules.put(s, EntityType.BROKER);
        }
        for (String s : List.of(
                "私募基金管理有限公司",
                "私募基金",
                "私募",
                "资产管理有限公司",
                "资产管理股份有限公司",
                "资产管理合伙企业（有限合伙）",
                "投资管理有限公司",
                "投资管理合伙企业（有限合伙）",
                "投资中心（有限合伙）",
                "合伙企业（有限合伙）",
                "（有限合伙）",
                "资产管理",
                "投资管理",
                "资管",
                "资产",
                "投资",
                "资本",
                "创投")) {
            rules.put(s, EntityType.PRIVATE_FUND);
        }
        for (String s : List.of("基金管理有限公司", "基金管理股份有限公司", "基金管理有限责任公司", "基金")) {
            rules.put(s, EntityType.FUND_MANAGER);
        }
        for (String s : List.of("保险资产管理有限公司", "保险资产管理股份有限公司", "保险股份有限公司", "保险", "人寿", "养老")) {
            rules.put(s, EntityType.INSURER);
        }
        for (String s : List.of("银行股份有限公司", "银行", "理财有限责任公司", "理财")) {
            rules.put(s, EntityType.BANK);
        }
        for (String s : List.of("信托有限责任公司", "信托有限公司", "信托")) {
            rules.put(s, EntityType.TRUST);
        }
        for (String s : List.of("研究院", "研究所", "研究中心", "股份有限公司", "有限责任公司", "有限公司", "集团", "公司")) {
            rules.put(s, EntityType.OTHER);
        }
        List<Map.Entry<String, EntityType>> sorted = new ArrayList<>(rules.entrySet());
        sorted.sort((a, b) -> b.getKey().length() - a.getKey().length());
        SUFFIX_RULES = List.copyOf(sorted);
    }

    private final Map<String, Institution> byAlias;
    private final int institutionCount;
    private final int longestAlias;
    private final PayloadTrie<Institution> trie;

    private InstitutionGazetteer(Map<String, Institution> byAlias, int institutionCount) {
        this.byAlias = Map.copyOf(byAlias);
        this.institutionCount = institutionCount;
        this.longestAlias =
                byAlias.keySet().stream().mapToInt(String::length).max().orElse(0);
        PayloadTrie.PayloadTrieBuilder<Institution> builder =
                PayloadTrie.<Institution>builder().ignoreOverlaps();
        byAlias.forEach(builder::addKeyword);
        this.trie = builder.build();
    }

    /** The curated list shipped on the classpath. */
    public static InstitutionGazetteer loadDefault() {
        InputStream in = InstitutionGazetteer.class.getResourceAsStream(DEFAULT_RESOURCE);
        if (in == null) {
            throw new IllegalStateException("gazetteer resource missing from the classpath: " + DEFAULT_RESOURCE);
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(reader, DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    /**
     * Parses a list in the shipped format: {@code canonical<TAB>TYPE<TAB>alias|alias…}, {@code #} comments and
     * blank lines ignored. A malformed line, an unknown type or one alias claimed by two institutions fails with
     * the line number: a silently wrong gazetteer would mislabel every record.
     */
    public static InstitutionGazetteer parse(Reader source, String sourceName) throws IOException {
        BufferedReader reader = new BufferedReader(source);
        Map<String, Institution> byAlias = new HashMap<>();
        Set<String> canonicals = new LinkedHashSet<>();
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length < 2 || cols.length > 3 || cols[0].isBlank()) {
                throw new IllegalArgumentException(
                        sourceName + ":" + lineNo + ": expected canonical<TAB>TYPE<TAB>aliases");
            }
            EntityType type;
            try {
                type = EntityType.valueOf(cols[1].strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(sourceName + ":" + lineNo + ": unknown type " + cols[1], e);
            }
            String canonical = cols[0].strip();
            if (!canonicals.add(canonical)) {
                throw new IllegalArgumentException(sourceName + ":" + lineNo + ": duplicate institution " + canonical);
            }
            Institution institution = new Institution(canonical, type);
            List<String> aliases = new ArrayList<>();
            aliases.add(canonical);
            if (cols.length == 3 && !cols[2].isBlank()) {
                for (String alias : cols[2].split("\\|")) {
                    if (!alias.isBlank()) {
                        aliases.add(alias.strip());
                    }
                }
            }
            for (String alias : aliases) {
                Institution previous = byAlias.put(alias, institution);
                if (previous != null && !previous.equals(institution)) {
                    throw new IllegalArgumentException(sourceName + ":" + lineNo + ": alias " + alias
                            + " already names " + previous.canonicalName());
                }
            }
        }
        return new InstitutionGazetteer(byAlias, canonicals.size());
    }

    /** How many institutions the list holds. */
    public int size() {
        return institutionCount;
    }

    /** The institution {@code name} is an alias of, exactly. */
    public Optional<Institution> lookup(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byAlias.get(name.strip()));
    }

    /** Every known name in {@code text}, left to right, longest match wins, no overlaps. */
    public List<Match> findAll(CharSequence text) {
        if (text == null || text.length() == 0) {
            return List.of();
        }
        Collection<PayloadEmit<Institution>> emits = trie.parseText(text);
        List<Match> out = new ArrayList<>(emits.size());
        for (PayloadEmit<Institution> e : emits) {
            out.add(new Match(e.getStart(), e.getEnd() + 1, e.getKeyword(), e.getPayload()));
        }
        out.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return out;
    }

    /**
     * The longest known name of at least three characters that {@code token} starts with (中信证券研究部 →
     * 中信证券). Two-character aliases (高毅, 嘉实) only ever match a whole token: as a prefix they would swallow
     * personal names such as 高毅鹏.
     */
    public Optional<Match> matchPrefix(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Institution whole = byAlias.get(token);
        if (whole != null) {
            return Optional.of(new Match(0, token.length(), token, whole));
        }
        for (int len = Math.min(token.length() - 1, longestAlias); len >= 3; len--) {
            Institution institution = byAlias.get(token.substring(0, len));
            if (institution != null) {
                return Optional.of(new Match(0, len, token.substring(0, len), institution));
            }
        }
        return Optional.empty();
    }

    /** The type an unknown institution name implies by its suffix, see the rules above; empty if none applies. */
    public static Optional<EntityType> typeBySuffix(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, EntityType> rule : SUFFIX_RULES) {
            String suffix = rule.getKey();
            if (name.endsWith(suffix)
                    && ChineseText.hanCount(name.substring(0, name.length() - suffix.length())) >= 2) {
                return Optional.of(rule.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * What {@code name} (as written in a participant list) refers to: the listed institution it is an alias of or
     * starts with, else an unlisted one typed by suffix (canonical name = the name as written), else empty.
     */
    public Optional<Institution> resolve(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        Optional<Institution> exact = lookup(name);
        if (exact.isPresent()) {
            return exact;
        }
        Optional<Match> prefix = matchPrefix(name);
        if (prefix.isPresent()) {
            return Optional.of(prefix.get().institution());
        }
        return typeBySuffix(name).map(type -> new Institution(name, type));
    }
}
