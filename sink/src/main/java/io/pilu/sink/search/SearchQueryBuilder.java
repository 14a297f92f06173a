package io.pilu.sink.search;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilu.model.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the Elasticsearch {@code _search} body for a {@link SearchRequest}. Pure: the JSON it returns is exactly
 * what ES receives.
 *
 * <p>Scoring: every word must occur ({@code operator: and} over title, company name and text, which holds the IR questions and answers, so a query for a
 * company name does not match documents that merely share one character with it), and documents where the words
 * occur as a phrase, or name the query as a known entity, rank higher. Filters do not score; newer documents win
 * ties.
 *
 * <p>A word of one Chinese character (锂, or 铜 in {@code 铜 箔材}) is looked up in the {@code .char} subfields, which
 * hold every Chinese character as a term: in the bigram fields a lone character is a term only where it stands alone
 * in the text, so 锂 would miss 碳酸锂. Every other word keeps the bigram query, and a query without such a word is
 * sent exactly as before.
 */
public final class SearchQueryBuilder {

    /**
     * Q&amp;A pairs and figure contexts are part of {@code text}: searched there, so each piece of text is analysed
     * once at index time (the mapping keeps {@code ir.qa} and {@code figures.context} for display only).
     */
    static final String[] TEXT_FIELDS = {"title^3", "companyName.text^2", "text"};
    /**
     * Where a one-character word is looked up: the same fields with one term per Chinese character (mapping v4), and
     * the bigram fields themselves, where a character standing alone is a term (so an index without the subfields, one
     * the sink does not manage, finds what it found before).
     */
    static final String[] CHAR_FIELDS = {
        "title.char^3", "companyName.char^2", "text.char", "title^3", "companyName.text^2", "text"
    };
    /** What the result list shows; the full text stays on the server. */
    static final String[] SOURCE_FIELDS = {
        "id",
        "companyCode",
        "companyName",
        "title",
        "publishDate",
        "documentClass",
        "documentUrl",
        "ir.date",
        "ir.participants",
        "ir.customers",
        "enrichmentVersion",
        "exchange",
        "ir.activityTypes",
        "filingId",
        "sources"
    };

    private SearchQueryBuilder() {}

    public static ObjectNode build(SearchRequest r) {
        ObjectNode body = Json.mapper().createObjectNode();
        if (r.offset() > 0) {
            body.put("from", r.offset());
        }
        body.put("size", r.size());
        body.put("track_total_hits", true);
        ObjectNode bool = body.putObject("query").putObject("bool");
        boolean hasText = r.text() != null && !r.text().isBlank();
        boolean oneCharacterWords = false;
        if (hasText) {
            String q = r.text().trim();
            List<String> chars = new ArrayList<>();
            List<String> words = new ArrayList<>();
            // Java's trim() leaves an ideographic space (U+3000) at either end: split on every kind of space
            for (String word : q.split("[\\s\\p{Z}]+")) {
                if (!word.isEmpty()) {
                    (isOneChineseCharacter(word) ? chars : words).add(word);
                }
            }
            ArrayNode must = bool.putArray("must");
            if (!words.isEmpty()) {
                ObjectNode mm = must.addObject().putObject("multi_match");
                mm.put("query", chars.isEmpty() ? q : String.join(" ", words));
                fields(mm.putArray("fields"), TEXT_FIELDS);
                mm.put("type", "best_fields");
                mm.put("operator", "and");
            }
            for (String c : chars) {
                ObjectNode mm = must.addObject().putObject("multi_match");
                mm.put("query", c);
                fields(mm.putArray("fields"), CHAR_FIELDS);
                mm.put("type", "best_fields");
            }
            oneCharacterWords = !chars.isEmpty();
            ArrayNode should = bool.putArray("should");
            ObjectNode phrase = should.addObject().putObject("multi_match");
            phrase.put("query", q);
            fields(phrase.putArray("fields"), TEXT_FIELDS);
            phrase.put("type", "phrase");
            phrase.put("boost", 2);
            ObjectNode entity = should.addObject().putObject("term").putObject("entityNames");
            entity.put("value", q);
            entity.put("boost", 3);
        } else {
            bool.putArray("must").addObject().putObject("match_all");
        }
        ArrayNode filter = bool.putArray("filter");
        if (r.exchange() != null && !r.exchange().isBlank()) {
            filter.addObject().putObject("term").put("exchange", r.exchange().trim());
        }
        if (r.source() != null && !r.source().isBlank()) {
            // every source that reported the filing, not only the one whose arrival the document shows
            filter.addObject().putObject("term").put("sources", r.source().trim());
        }
        if (r.company() != null && !r.company().isBlank()) {
            anyOf(filter, r.company().trim(), "companyCode", "companyName");
        }
        if (r.documentClass() != null) {
            filter.addObject()
                    .putObject("term")
                    .put("documentClass", r.documentClass().name());
        }
        if (r.from() != null || r.to() != null) {
            ObjectNode range = filter.addObject().putObject("range").putObject("publishDate");
            if (r.from() != null) {
                range.put("gte", r.from().toString());
            }
            if (r.to() != null) {
                range.put("lte", r.to().toString());
            }
        }
        if (r.institution() != null && !r.institution().isBlank()) {
            anyOf(filter, r.institution().trim(), "ir.participants", "entityNames");
        }
        if (r.activityType() != null && !r.activityType().isBlank()) {
            filter.addObject()
                    .putObject("term")
                    .put("ir.activityTypes", r.activityType().trim());
        }
        ArrayNode sort = body.putArray("sort");
        if (r.order() == SearchRequest.Order.NEWEST) {
            sort.addObject().putObject("publishDate").put("order", "desc");
            sort.add("_score");
        } else {
            sort.add("_score");
            sort.addObject().putObject("publishDate").put("order", "desc");
        }
        ArrayNode source = body.putArray("_source");
        for (String f : SOURCE_FIELDS) {
            source.add(f);
        }
        if (hasText) {
            ObjectNode hl = body.putObject("highlight");
            hl.putArray("pre_tags").add(r.highlight().pre());
            hl.putArray("post_tags").add(r.highlight().post());
            ObjectNode fields = hl.putObject("fields");
            ObjectNode title = fields.putObject("title");
            title.put("number_of_fragments", 0);
            ObjectNode text = fields.putObject("text");
            text.put("fragment_size", 80);
            text.put("number_of_fragments", 2);
            if (oneCharacterWords) {
                // a character matched in title.char / text.char is marked in title / text: same source, same keys
                title.putArray("matched_fields").add("title").add("title.char");
                text.putArray("matched_fields").add("text").add("text.char");
            }
        }
        return body;
    }

    /** One Chinese (Han) character: what the {@code .char} subfields hold. */
    static boolean isOneChineseCharacter(String word) {
        return word.codePointCount(0, word.length()) == 1
                && Character.UnicodeScript.of(word.codePointAt(0)) == Character.UnicodeScript.HAN;
    }

    private static void fields(ArrayNode array, String[] fields) {
        for (String f : fields) {
            array.add(f);
        }
    }

    private static void anyOf(ArrayNode filter, String value, String... fields) {
        ObjectNode b = filter.addObject().putObject("bool");
        ArrayNode should = b.putArray("should");
        for (String f : fields) {
            should.addObject().putObject("term").put(f, value);
        }
        b.put("minimum_should_match", 1);
    }
}
