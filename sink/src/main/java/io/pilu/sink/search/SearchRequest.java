package io.pilu.sink.search;

import io.pilu.model.DocumentClass;
import java.time.LocalDate;

/**
 * What {@code pilu search} (and the search page of {@code pilu web}) asks for. Every filter is optional (null = not
 * filtered).
 *
 * @param text          full-text query over title, text and IR Q&amp;A, e.g. {@code 智谱华章}; null or blank = everything
 * @param company       company code ({@code 839493}) or exact short name ({@code 并行科技})
 * @param documentClass document class
 * @param from          first publish date, inclusive
 * @param to            last publish date, inclusive
 * @param institution   an IR participant (as written or canonical), e.g. {@code 中邮证券}
 * @param size          hits to return
 * @param highlight     markers put around matched words
 * @param exchange      exchange code as indexed, e.g. {@code BSE}
 * @param activityType  an IR activity type, canonical label, e.g. {@code 特定对象调研}
 * @param offset        hits to skip (pagination)
 * @param order         relevance (default) or newest first
 * @param source        a source that reported the filing, as indexed in {@code sources}: {@code bse}, {@code cninfo}
 */
public record SearchRequest(
        String text,
        String company,
        DocumentClass documentClass,
        LocalDate from,
        LocalDate to,
        String institution,
        int size,
        HighlightStyle highlight,
        String exchange,
        String activityType,
        int offset,
        Order order,
        String source) {

    /** Elasticsearch's default {@code index.max_result_window}: from + size beyond it is refused. */
    public static final int MAX_WINDOW = 10_000;

    public SearchRequest {
        if (size < 1 || size > MAX_WINDOW) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_WINDOW + ", got " + size);
        }
        if (offset < 0 || offset + size > MAX_WINDOW) {
            throw new IllegalArgumentException(
                    "offset must be >= 0 with offset + size <= " + MAX_WINDOW + ", got " + offset);
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("--from " + from + " is after --to " + to);
        }
        if (highlight == null) {
            highlight = HighlightStyle.BRACKETS;
        }
        if (order == null) {
            order = Order.RELEVANCE;
        }
    }

    /** Without a source filter. */
    public SearchRequest(
            String text,
            String company,
            DocumentClass documentClass,
            LocalDate from,
            LocalDate to,
            String institution,
            int size,
            HighlightStyle highlight,
            String exchange,
            String activityType,
            int offset,
            Order order) {
        this(
                text,
                company,
                documentClass,
                from,
                to,
                institution,
                size,
                highlight,
                exchange,
                activityType,
                offset,
                order,
                null);
    }

    /** The first {@code size} hits by relevance, with no exchange or activity-type filter. */
    public SearchRequest(
            String text,
            String company,
            DocumentClass documentClass,
            LocalDate from,
            LocalDate to,
            String institution,
            int size,
            HighlightStyle highlight) {
        this(text, company, documentClass, from, to, institution, size, highlight, null, null, 0, Order.RELEVANCE);
    }

    /** How hits are sorted; ties always go to the newer publish date. */
    public enum Order {
        /** Best match first. */
        RELEVANCE,
        /** Newest publish date first, best match among the same day. */
        NEWEST
    }

    /** How matched words are marked in fragments. */
    public enum HighlightStyle {
        /** 【智谱华章】: readable when piped or redirected. */
        BRACKETS("【", "】"),
        /** ANSI bold, for a terminal. */
        ANSI_BOLD("\u001b[1m", "\u001b[0m"),
        /**
         * Two private-use characters: HTML renderers escape the whole fragment first and only then turn these into
         * their own tags, so no markup from the indexed text can ever survive.
         */
        PRIVATE_USE("\uE000", "\uE001");

        private final String pre;
        private final String post;

        HighlightStyle(String pre, String post) {
            this.pre = pre;
            this.post = post;
        }

        public String pre() {
            return pre;
        }

        public String post() {
            return post;
        }
    }
}
