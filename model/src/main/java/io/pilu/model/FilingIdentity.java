package io.pilu.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one rule that says when two raw records are the same filing: a Beijing filing reached through bse.cn and
 * through cninfo ({@code column=bj}) arrives twice, under two ids, and must count once.
 *
 * <p><b>Rule.</b> Two records are one filing when they have the same exchange, company code, publish date and
 * {@linkplain #normalizedTitle normalised title}. The {@code filingId} is {@code
 * {exchange}:{companyCode}:{publishDate}:{first 16 hex digits of sha-256(normalised title)}}, e.g. {@code
 * BSE:839493:2024-06-17:…}: readable where people debug (which company, which day), short and free of title
 * characters where it is a document id or a topic key. A record without a company code or a publish date cannot be
 * matched and keeps an identity of its own, {@code raw:{id}}.
 *
 * <p><b>Title normalisation</b> removes what the two sites write differently and nothing that tells two filings
 * apart: Unicode NFKC (full-width letters, digits and punctuation become their half-width forms), {@code <em>}
 * highlight tags, leading bracketed labels ({@code [临时公告]}, {@code 【…】}), a leading {@code {company name}:}
 * (or the company code) prefix, whitespace and every punctuation character; letters are lower-cased. What stays —
 * the words and numbers — still tells {@code 投资者关系活动记录表（一）} from {@code （二）}.
 *
 * <p><b>Why not the document hash.</b> Whether both sites serve byte-identical PDFs is unconfirmed; a hash in the
 * identity would split the very filings this rule exists to merge whenever the bytes differ (a re-saved or
 * re-stamped copy), and a record whose download failed has none. The hash stays on each arrival for audit.
 *
 * <p><b>Known limits</b> (documented in the README): two distinct filings of one company on one day with the same
 * title after normalisation merge into one (the exchanges number same-day repeats, e.g. {@code （一）}/{@code （二）},
 * so this is rare); a filing the two sites date differently (a publication around midnight) or list under
 * different codes (e.g. the Beijing exchange's move to {@code 920xxx} codes) stays two filings.
 */
public final class FilingIdentity {

    /**
     * When two arrivals of one filing have the same enrichment version, the one whose source comes first here stands
     * for the filing (its title, link and visits are shown): the exchange's own site before the aggregator; a source
     * not listed comes last, then the smaller raw id wins. Used by the sink and the analytics alike.
     */
    public static final List<String> SOURCE_PREFERENCE = List.of("bse", "cninfo");

    /** Prefix of the identity of a record that cannot be matched (no company code or publish date). */
    public static final String UNMATCHED_PREFIX = "raw:";

    private static final Pattern EM_TAGS = Pattern.compile("(?i)</?em\\s*>");
    /** Leading labels such as [临时公告], 【公告】 (after NFKC, full-width brackets are ASCII). */
    private static final Pattern LEADING_LABELS = Pattern.compile("^(\\s*(\\[[^\\]]{0,20}]|【[^】]{0,20}】))+\\s*");

    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00a0\\u3000]+");
    private static final Pattern PUNCTUATION = Pattern.compile("\\p{P}+");

    private FilingIdentity() {}

    /** The filing identity of {@code raw}. */
    public static String of(RawAnnouncement raw) {
        return of(raw.id(), raw.exchange(), raw.companyCode(), raw.companyName(), raw.publishDate(), raw.title());
    }

    /**
     * The filing identity from its parts.
     *
     * @param id          the raw record's id, used only when the record cannot be matched
     * @param companyName the listed short name, used to strip a {@code name:} title prefix (may be null)
     */
    public static String of(
            String id, String exchange, String companyCode, String companyName, LocalDate publishDate, String title) {
        if (companyCode == null || companyCode.isBlank() || publishDate == null || exchange == null) {
            return UNMATCHED_PREFIX + id;
        }
        String normalized = normalizedTitle(title, companyName, companyCode);
        return exchange.strip().toUpperCase(Locale.ROOT) + ":" + companyCode.strip() + ":" + publishDate + ":"
                + shortHash(normalized);
    }

    /** The title as the identity compares it (see the class comment); empty for a null title. */
    public static String normalizedTitle(String title, String companyName, String companyCode) {
        if (title == null) {
            return "";
        }
        String t = Normalizer.normalize(title, Normalizer.Form.NFKC);
        t = EM_TAGS.matcher(t).replaceAll("");
        t = LEADING_LABELS.matcher(t).replaceFirst("");
        t = stripCompanyPrefix(t.strip(), companyName);
        t = stripCompanyPrefix(t, companyCode);
        t = WHITESPACE.matcher(t).replaceAll("");
        t = PUNCTUATION.matcher(t).replaceAll("");
        return t.toLowerCase(Locale.ROOT);
    }

    /** {@code 并行科技:投资者关系活动记录表} → {@code 投资者关系活动记录表}, comparing the prefix without spaces. */
    private static String stripCompanyPrefix(String title, String prefix) {
        if (prefix == null || prefix.isBlank()) {
            return title;
        }
        int colon = title.indexOf(':');
        if (colon <= 0) {
            return title;
        }
        String head = compact(title.substring(0, colon));
        return head.equals(compact(prefix)) ? title.substring(colon + 1).strip() : title;
    }

    private static String compact(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC);
        n = EM_TAGS.matcher(n).replaceAll("");
        return WHITESPACE.matcher(n).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /** Rank of {@code source} in {@link #SOURCE_PREFERENCE}: lower is preferred. */
    public static int sourceRank(String source) {
        int i = source == null ? -1 : SOURCE_PREFERENCE.indexOf(source);
        return i < 0 ? SOURCE_PREFERENCE.size() : i;
    }

    private static String shortHash(String normalized) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
