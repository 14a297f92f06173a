package io.pilu.sink.search;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilu.model.Json;

/**
 * Builds the Elasticsearch {@code _search} body for a {@link SearchRequest}. Pure: the JSON it returns is exactly
 * what ES receives.
 *
 * <p>Scoring: every word must occur ({@code operator: and} over title, company name and text, which holds the IR questions and answers, so a query for a
 * company name does not match documents that merely share one character with it), and documents where the words
 * occur as a phrase, or name the query as a known entity, rank higher. Filters do not score; newer documents win
 * ties.
 */
public final class SearchQueryBuilder {

    /**
     * Q&amp;A pairs and figure contexts are part of {@code text}: searched there, so each piece of text is analysed
     * once at index time (the mapping keeps {@code ir.qa} and {@code figures.context} for display only).
     */
    static final String[] TEXT_FIELDS = {"title^3", "companyName.text^2", "text"};
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
        if (hasText) {
            String q = r.text().trim();
            ObjectNode mm = bool.putArray("must").addObject().putObject("multi_match");
            mm.put("query", q);
            fields(mm.putArray("fields"));
            mm.put("type", "best_fields");
            mm.put("operator", "and");
            ArrayNode should = bool.putArray("should");
            ObjectNode phrase = should.addObject().putObject("multi_match");
            phrase.put("query", q);
            fields(phrase.putArray("fields"));
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
            fields.putObject("title").put("number_of_fragments", 0);
            ObjectNode text = fields.putObject("text");
            text.put("fragment_size", 80);
            text.put("number_of_fragments", 2);
        }
        return body;
    }

    private static void fields(ArrayNode array) {
        for (String f : TEXT_FIELDS) {
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
