package io.pilu.sink.es;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilu.model.Json;
import io.pilu.service.Check;
import io.pilu.sink.FilingMerger;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * The sink's I/O to Elasticsearch: one {@code _bulk} request at a time (thread-safe; the sink runs a few
 * concurrently), plus a ping for readiness. All decisions about the answer are made by pure code
 * ({@link BulkResponseParser}, {@link BulkItemResult}); this class only moves bytes and classifies HTTP failures.
 */
public final class ElasticsearchBulkClient implements AutoCloseable {

    private static final ContentType NDJSON = ContentType.create("application/x-ndjson", "UTF-8");

    private final RestClient rest;

    public ElasticsearchBulkClient(RestClient rest) {
        this.rest = rest;
    }

    public static ElasticsearchBulkClient create(ElasticsearchSettings conn) {
        return new ElasticsearchBulkClient(RestClientFactory.create(conn));
    }

    public RestClient rest() {
        return rest;
    }

    /** The body size {@link #bulk} sends for {@code actions}: callers account bytes with it. */
    public static byte[] body(List<? extends BulkAction> actions) {
        return BulkRequestBody.of(actions);
    }

    /**
     * Sends {@code actions} to {@code index} (an alias is fine) as one {@code _bulk} request.
     *
     * @return one result per action, in order
     * @throws EsRetryableException       when nothing can be said about the items (no connection, 429, 5xx, 401/403)
     * @throws EsRequestRejectedException when ES refused the request as a whole with another 4xx
     */
    public List<BulkItemResult> bulk(String index, List<? extends BulkAction> actions)
            throws EsRetryableException, EsRequestRejectedException {
        return bulk(index, BulkRequestBody.of(actions), actions.size());
    }

    /** As {@link #bulk(String, List)} with the body already built. */
    public List<BulkItemResult> bulk(String index, byte[] body, int actionCount)
            throws EsRetryableException, EsRequestRejectedException {
        Request request = new Request("POST", "/" + index + "/_bulk");
        // Only what the sink reads: a 500-document answer otherwise repeats index name, id, shards and seq_no per item.
        request.addParameter("filter_path", "items.*.status,items.*.error,items.*.result");
        request.setEntity(new ByteArrayEntity(body, NDJSON));
        Response response;
        try {
            response = rest.performRequest(request);
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            String text = bodyText(e.getResponse());
            // 401/403 are retried: an expired or not-yet-granted credential is fixed on the cluster side, and giving
            // up would mean dropping or dead-lettering documents that are perfectly fine.
            if (status == 429 || status >= 500 || status == 401 || status == 403) {
                throw new EsRetryableException(status, "HTTP " + status + ": " + text, e);
            }
            throw new EsRequestRejectedException(status, "HTTP " + status + ": " + text);
        } catch (IOException e) {
            throw new EsRetryableException(0, "no answer from Elasticsearch: " + e, e);
        }
        try (InputStream in = response.getEntity().getContent()) {
            return BulkResponseParser.parse(in.readAllBytes(), actionCount);
        } catch (IOException e) {
            throw new EsRetryableException(0, "bulk response cut off: " + e, e);
        }
    }

    /**
     * The merge state ({@link FilingMerger#STATE_FIELDS}, sequence number, primary term) of each existing document of
     * {@code ids} in {@code index}: one realtime {@code _mget}, which sees every acknowledged write without a refresh.
     */
    public Map<String, FilingMerger.Stored> stored(String index, Collection<String> ids) throws EsRetryableException {
        Map<String, FilingMerger.Stored> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        try {
            Request mget = new Request("POST", "/" + index + "/_mget");
            mget.addParameter("_source_includes", String.join(",", FilingMerger.STATE_FIELDS));
            ObjectNode body = Json.mapper().createObjectNode();
            ArrayNode list = body.putArray("ids");
            ids.forEach(list::add);
            mget.setEntity(new StringEntity(Json.write(body), ContentType.APPLICATION_JSON));
            Response response = rest.performRequest(mget);
            JsonNode docs;
            try (InputStream in = response.getEntity().getContent()) {
                docs = Json.mapper().readTree(in).path("docs");
            }
            for (JsonNode d : docs) {
                if (!d.path("found").asBoolean(false)) {
                    continue;
                }
                List<JsonNode> arrivals = new ArrayList<>();
                d.path("_source").path("arrivals").forEach(arrivals::add);
                out.put(
                        d.path("_id").asText(),
                        new FilingMerger.Stored(
                                d.path("_seq_no").asLong(),
                                d.path("_primary_term").asLong(),
                                d.path("_source").path("id").asText(null),
                                arrivals));
            }
            return out;
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            throw new EsRetryableException(
                    status, "reading merged documents: HTTP " + status + ": " + bodyText(e.getResponse()), e);
        } catch (IOException e) {
            throw new EsRetryableException(0, "reading merged documents: no answer from Elasticsearch: " + e, e);
        }
    }

    /**
     * The document of {@code index} holding each arrival (raw id) of {@code arrivalIds} under {@code arrivals.id}:
     * a refresh first, so the writes just acknowledged are searchable, then one search. Only withdrawals (tombstones,
     * rare) come here.
     */
    public Map<String, String> filingsOf(String index, Collection<String> arrivalIds) throws EsRetryableException {
        Map<String, String> out = new HashMap<>();
        if (arrivalIds.isEmpty()) {
            return out;
        }
        try {
            rest.performRequest(new Request("POST", "/" + index + "/_refresh"));
            Request search = new Request("POST", "/" + index + "/_search");
            search.addParameter("filter_path", "hits.hits._id,hits.hits._source");
            ObjectNode body = Json.mapper().createObjectNode();
            body.put("size", Math.max(10, arrivalIds.size() * 2));
            body.putArray("_source").add("arrivals.id");
            ArrayNode terms = body.putObject("query").putObject("terms").putArray("arrivals.id");
            arrivalIds.forEach(terms::add);
            search.setEntity(new StringEntity(Json.write(body), ContentType.APPLICATION_JSON));
            Response response = rest.performRequest(search);
            JsonNode hits;
            try (InputStream in = response.getEntity().getContent()) {
                hits = Json.mapper().readTree(in).path("hits").path("hits");
            }
            for (JsonNode hit : hits) {
                for (JsonNode a : hit.path("_source").path("arrivals")) {
                    String id = a.path("id").asText(null);
                    if (id != null && arrivalIds.contains(id)) {
                        out.put(id, hit.path("_id").asText());
                    }
                }
            }
            return out;
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            throw new EsRetryableException(
                    status, "resolving withdrawn arrivals: HTTP " + status + ": " + bodyText(e.getResponse()), e);
        } catch (IOException e) {
            throw new EsRetryableException(0, "resolving withdrawn arrivals: no answer from Elasticsearch: " + e, e);
        }
    }

    /** This client as the store {@link FilingMerger} reads. */
    public FilingMerger.Store filingStore() {
        return new FilingMerger.Store() {
            @Override
            public Map<String, FilingMerger.Stored> get(String index, Collection<String> ids)
                    throws EsRetryableException {
                return stored(index, ids);
            }

            @Override
            public Map<String, String> filingsOf(String index, Collection<String> arrivalIds)
                    throws EsRetryableException {
                return ElasticsearchBulkClient.this.filingsOf(index, arrivalIds);
            }
        };
    }

    /** Readiness: the cluster answers and is not red. */
    public Check ping() {
        try {
            Request r = new Request("GET", "/_cluster/health");
            r.addParameter("filter_path", "status");
            r.addParameter("timeout", "2s");
            Response resp = rest.performRequest(r);
            String body = EntityUtils.toString(resp.getEntity());
            return body.contains("\"red\"")
                    ? Check.failing("elasticsearch cluster is red")
                    : Check.ok("elasticsearch " + body);
        } catch (IOException | RuntimeException e) {
            return Check.failing("elasticsearch unreachable: " + e.getMessage());
        }
    }

    static String bodyText(Response response) {
        try {
            if (response.getEntity() == null) {
                return response.getStatusLine().getReasonPhrase();
            }
            String s = EntityUtils.toString(response.getEntity());
            return s.length() > 2000 ? s.substring(0, 2000) + "…" : s;
        } catch (IOException e) {
            return response.getStatusLine().getReasonPhrase();
        }
    }

    @Override
    public void close() throws IOException {
        rest.close();
    }
}
