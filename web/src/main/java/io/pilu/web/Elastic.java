package io.pilu.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilu.model.Json;
import io.pilu.sink.es.ElasticsearchSettings;
import io.pilu.sink.es.RestClientFactory;
import io.pilu.sink.search.SearchQueryBuilder;
import io.pilu.sink.search.SearchRequest;
import java.io.IOException;
import java.io.InputStream;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Every read the web app makes of Elasticsearch: the announcements alias (search through {@link SearchQueryBuilder},
 * one document, the newest) and the research-visits alias (an announcement's, a company's or an institution's visits
 * with per-month counts). Read-only: only {@code _search} and {@code GET /} are ever sent. Values from a request go
 * into {@code term}/{@code ids} queries as values, never into query syntax.
 */
public final class Elastic implements AutoCloseable {

    /** What the live list and the newest-first queries return per announcement. */
    static final String[] LIST_FIELDS = {
        "id",
        "exchange",
        "companyCode",
        "companyName",
        "title",
        "publishDate",
        "documentClass",
        "documentUrl",
        "fetchedAt",
        "ir.activityTypes",
        "ir.participants"
    };
    /** Most visits a company or institution page lists (the per-month counts always cover all of them). */
    static final int MAX_VISITS = 500;

    private final RestClient rest;
    private final String announcements;
    private final String visits;

    public Elastic(ElasticsearchSettings connection, String announcementsAlias, String visitsAlias) {
        this.rest = RestClientFactory.create(connection);
        this.announcements = announcementsAlias;
        this.visits = visitsAlias;
    }

    /** Raised when Elasticsearch cannot answer; the page says so with a 503. */
    public static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public JsonNode search(SearchRequest request) {
        return post(announcements, SearchQueryBuilder.build(request), false);
    }

    /**
     * The whole indexed document of announcement {@code id}, or null: {@code id} is a filing id (the document's
     * {@code _id}) or the raw id of any arrival of the filing (a filing reported by two sources is one document).
     */
    public JsonNode announcement(String id) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("size", 1);
        ObjectNode bool = body.putObject("query").putObject("bool");
        ArrayNode should = bool.putArray("should");
        should.addObject().putObject("ids").putArray("values").add(id);
        should.addObject().putObject("term").put("arrivals.id", id);
        bool.put("minimum_should_match", 1);
        JsonNode hits = post(announcements, body, false).path("hits").path("hits");
        return hits.isEmpty() ? null : hits.get(0).path("_source");
    }

    /** The {@code size} newest announcements: publish date, then fetch time, newest first. */
    public JsonNode newest(int size) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("size", size);
        body.putObject("query").putObject("match_all");
        ArrayNode sort = body.putArray("sort");
        sort.addObject().putObject("publishDate").put("order", "desc");
        sort.addObject().putObject("fetchedAt").put("order", "desc");
        source(body, LIST_FIELDS);
        return post(announcements, body, false).path("hits");
    }

    /**
     * The research visits of one announcement (one per participating institution): those of its filing when
     * {@code filingId} is known (they may have been read from the filing's other arrival), else those read from
     * {@code id}.
     */
    public JsonNode visitsOfAnnouncement(String id, String filingId) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("size", MAX_VISITS);
        if (filingId == null || filingId.isBlank()) {
            body.putObject("query").putObject("term").put("announcementId", id);
        } else {
            body.putObject("query").putObject("term").put("filingId", filingId);
        }
        return post(visits, body, true).path("hits");
    }

    /**
     * Visits where any of {@code fields} ({@code companyCode}; {@code institution}, {@code institutionName}) is
     * any of {@code values}, newest activity first, with per-month aggregation {@code months}: visits
     * ({@code doc_count}) and distinct {@code counterpart} ({@code institution} for a company, {@code companyCode}
     * for an institution).
     */
    public JsonNode visitsBy(java.util.List<String> fields, java.util.Collection<String> values, String counterpart) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("size", MAX_VISITS);
        body.put("track_total_hits", true);
        ObjectNode bool = body.putObject("query").putObject("bool");
        ArrayNode should = bool.putArray("should");
        for (String field : fields) {
            ArrayNode terms = should.addObject().putObject("terms").putArray(field);
            values.forEach(terms::add);
        }
        bool.put("minimum_should_match", 1);
        ArrayNode sort = body.putArray("sort");
        sort.addObject().putObject("activityDay").put("order", "desc");
        sort.addObject().putObject("publishDate").put("order", "desc");
        ObjectNode months = body.putObject("aggs").putObject("months");
        ObjectNode terms = months.putObject("terms");
        terms.put("field", "activityMonth");
        terms.put("size", 600);
        terms.putObject("order").put("_key", "asc");
        // exact up to the threshold: a company is not visited by 3,000 institutions in one month
        ObjectNode distinct = months.putObject("aggs").putObject("distinct").putObject("cardinality");
        distinct.put("field", counterpart);
        distinct.put("precision_threshold", 3000);
        return post(visits, body, true);
    }

    /** The latest activity day of any visit ({@code YYYY-MM-DD}), or null when there is none. */
    public String latestActivityDay() {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("size", 0);
        body.putObject("aggs").putObject("latest").putObject("max").put("field", "activityDay");
        JsonNode latest = post(visits, body, true).path("aggregations").path("latest");
        return latest.hasNonNull("value_as_string")
                ? latest.get("value_as_string").asText()
                : null;
    }

    /** Whether the cluster answers at all (readiness). */
    public boolean ping() {
        try {
            Request r = new Request("GET", "/");
            return rest.performRequest(r).getStatusLine().getStatusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static void source(ObjectNode body, String[] fields) {
        ArrayNode source = body.putArray("_source");
        for (String f : fields) {
            source.add(f);
        }
    }

    /**
     * POSTs {@code body} to {@code index/_search}. With {@code missingIsEmpty}, an index that does not exist (yet:
     * the sink creates it on its first visit) answers as an empty result rather than an error.
     */
    private JsonNode post(String index, JsonNode body, boolean missingIsEmpty) {
        Request r = new Request("POST", "/" + Html.segment(index) + "/_search");
        r.setEntity(new StringEntity(Json.write(body), ContentType.APPLICATION_JSON));
        try {
            Response resp = rest.performRequest(r);
            try (InputStream in = resp.getEntity().getContent()) {
                return Json.mapper().readTree(in);
            }
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            String text;
            try {
                text = EntityUtils.toString(e.getResponse().getEntity());
            } catch (IOException io) {
                text = e.getMessage();
            }
            if (status == 404 && text.contains("index_not_found_exception")) {
                if (missingIsEmpty) {
                    return Json.mapper().createObjectNode();
                }
                throw new Unavailable(
                        "the index " + index + " does not exist yet: has `pilu sink` indexed anything?", e);
            }
            throw new Unavailable("Elasticsearch answered HTTP " + status + ": " + abbreviate(text), e);
        } catch (IOException e) {
            throw new Unavailable("cannot reach Elasticsearch: " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }

    @Override
    public void close() throws IOException {
        rest.close();
    }
}
