package io.pilu.sink.search;

import io.pilu.model.DocumentClass;
import java.time.LocalDate;

/**
 * What {@code pilu search} asks for. Every filter is optional (null = not filtered).
 *
 * @param text          full-text query over title, text and IR Q&amp;A, e.g. {@code 智谱华章}; null or blank = everything
 * @param company       company code ({@code 839493}) or exact short name ({@code 并行科技})
 * @param documentClass document class
 * @param from          first publish date, inclusive
 * @param to            last publish date, inclusive
 * @param institution   an IR participant (as written or canonical), e.g. {@code 中邮证券}
 * @param size          hits to return
 * @param highlight     markers put around matched words
 */
public record SearchRequest(String text, String company, DocumentClass documentClass, LocalDate from, LocalDate to,
                            String institution, int size, HighlightStyle highlight) {

    public SearchRequest {
        if (size < 1 || size > 10_000) {
            throw new IllegalArgumentException("size must be between 1 and 10000, got " + size);
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("--from " + from + " is after --to " + to);
        }
        if (highlight == null) {
            highlight = HighlightStyle.BRACKETS;
        }
    }

    /** How matched words are marked in fragments. */
    public enum HighlightStyle {
        /** 【智谱华章】: readable when piped or redirected. */
        BRACKETS("【", "】"),
        /** ANSI bold, for a terminal. */
        ANSI_BOLD("\u001b[1m", "\u001b[0m");

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
