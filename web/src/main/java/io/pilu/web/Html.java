package io.pilu.web;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;

/**
 * The one way pages make HTML. A {@link Safe} is markup this class built; everything else that goes into a page is
 * text and is escaped on the way in. {@link #html(String, Object...)} takes a template written in this code base
 * (never one built from outside data) and escapes each argument unless it is already {@link Safe}, so a title
 * fetched from the internet can only ever become text — in element content and in quoted attribute values alike.
 */
public final class Html {

    private Html() {}

    /** Markup built by this class (or a constant of this code base). */
    public record Safe(String markup) {
        public static final Safe EMPTY = new Safe("");

        @Override
        public String toString() {
            return markup;
        }
    }

    /**
     * Escapes {@code & < > " '} and drops characters that have no business in HTML text (C0 controls other than
     * tab and newlines, and the private-use highlight markers, which only {@link #highlighted} turns into tags).
     */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                case '\t', '\n', '\r' -> sb.append(c);
                default -> {
                    if (c >= 0x20 && c != 0x7f && c != MARK_OPEN && c != MARK_CLOSE) {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** Text as markup: escaped. */
    public static Safe text(Object value) {
        return new Safe(escape(value == null ? "" : value.toString()));
    }

    /**
     * Fills the {@code {}} placeholders of {@code template} in order; a {@link Safe} argument goes in as it is,
     * anything else ({@code null} as empty) as escaped text. The template itself must be a constant of this code.
     */
    public static Safe html(String template, Object... args) {
        StringBuilder sb = new StringBuilder(template.length() + 64);
        int arg = 0;
        int i = 0;
        while (true) {
            int at = template.indexOf("{}", i);
            if (at < 0) {
                break;
            }
            if (arg >= args.length) {
                throw new IllegalArgumentException("template has more {} than the " + args.length + " arguments given");
            }
            sb.append(template, i, at);
            Object a = args[arg++];
            sb.append(a instanceof Safe safe ? safe.markup() : escape(a == null ? null : a.toString()));
            i = at + 2;
        }
        if (arg != args.length) {
            throw new IllegalArgumentException("template has " + arg + " {} but " + args.length + " arguments");
        }
        sb.append(template, i, template.length());
        return new Safe(sb.toString());
    }

    /** Several pieces of markup one after another. */
    public static Safe join(Collection<Safe> parts) {
        StringBuilder sb = new StringBuilder();
        for (Safe p : parts) {
            sb.append(p.markup());
        }
        return new Safe(sb.toString());
    }

    public static Safe join(Safe... parts) {
        return join(java.util.List.of(parts));
    }

    /** Opens a highlighted span in an Elasticsearch fragment ({@code SearchRequest.HighlightStyle.PRIVATE_USE}). */
    public static final char MARK_OPEN = '\uE000';
    /** Closes it. */
    public static final char MARK_CLOSE = '\uE001';

    /**
     * An Elasticsearch fragment as markup: escaped whole, then each marker pair — and nothing else — becomes
     * {@code <mark>…</mark>}. An unpaired marker is dropped, so the tags always balance.
     */
    public static Safe highlighted(String fragment) {
        if (fragment == null) {
            return Safe.EMPTY;
        }
        StringBuilder sb = new StringBuilder(fragment.length() + 32);
        int i = 0;
        while (i < fragment.length()) {
            int open = fragment.indexOf(MARK_OPEN, i);
            if (open < 0) {
                sb.append(escape(fragment.substring(i)));
                break;
            }
            int close = fragment.indexOf(MARK_CLOSE, open + 1);
            if (close < 0) {
                sb.append(escape(fragment.substring(i)));
                break;
            }
            sb.append(escape(fragment.substring(i, open)));
            sb.append("<mark>")
                    .append(escape(fragment.substring(open + 1, close)))
                    .append("</mark>");
            i = close + 1;
        }
        return new Safe(sb.toString());
    }

    /** A path segment, percent-encoded ({@code 中邮证券} → {@code %E4%B8%AD…}; a space as {@code %20}). */
    public static String segment(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A query-string value, percent-encoded. */
    public static String param(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    /**
     * {@code url} when it is an absolute http(s) URL, else null: a link to a document found on the internet must
     * never be a {@code javascript:} or {@code data:} URL.
     */
    public static String externalUrl(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI u = new URI(url.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null ? u.toString() : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /**
     * JSON to embed in a {@code <script type="application/json">} element: {@code <}, {@code >}, {@code &} and the
     * JavaScript line separators as {@code \\u} escapes, so no string in it can close the element.
     */
    public static Safe jsonForScript(String json) {
        StringBuilder sb = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> sb.append("\\u003c");
                case '>' -> sb.append("\\u003e");
                case '&' -> sb.append("\\u0026");
                case '\u2028' -> sb.append("\\u2028");
                case '\u2029' -> sb.append("\\u2029");
                default -> sb.append(c);
            }
        }
        return new Safe(sb.toString());
    }
}
