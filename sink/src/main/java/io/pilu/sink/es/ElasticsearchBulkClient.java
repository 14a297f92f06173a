package io.pilu.sink.es;

import io.pilu.service.Check;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
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
        request.addParameter("filter_path", "items.*.status,items.*.error");
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
