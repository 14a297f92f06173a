package io.pilu.sink.es;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilu.model.Json;
import java.io.IOException;
import java.util.Map;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares the cluster at sink start, idempotently: picks the Chinese analyzer, (re)installs the sink's index
 * template, and creates {@code <alias>-v1} with the write alias if the alias does not exist yet. Writing through an
 * alias lets an operator later roll to {@code -v2} (new mapping, reindex elsewhere, swap the alias) without
 * changing the sink.
 */
public final class IndexBootstrapper {

    private static final Logger log = LoggerFactory.getLogger(IndexBootstrapper.class);

    private final RestClient rest;

    public IndexBootstrapper(RestClient rest) {
        this.rest = rest;
    }

    /** smartcn when {@code _analyze} accepts it (the analysis-smartcn plugin is installed), else cjk. */
    public IndexTemplate.ChineseAnalyzer detectAnalyzer() throws IOException {
        Request r = new Request("POST", "/_analyze");
        r.setEntity(
                new StringEntity("{\"analyzer\":\"smartcn\",\"text\":\"投资者关系活动记录表\"}", ContentType.APPLICATION_JSON));
        try {
            rest.performRequest(r);
            return IndexTemplate.ChineseAnalyzer.SMARTCN;
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 400) {
                return IndexTemplate.ChineseAnalyzer.CJK;
            }
            throw e;
        }
    }

    /** Template, analyzer and write alias; returns the analyzer chosen. */
    public IndexTemplate.ChineseAnalyzer prepare(String alias, String firstIndex) throws IOException {
        return prepare(IndexTemplate.RESOURCE, alias, firstIndex);
    }

    /** As {@link #prepare(String, String)}, with the template resource {@code templateResource}. */
    public IndexTemplate.ChineseAnalyzer prepare(String templateResource, String alias, String firstIndex)
            throws IOException {
        IndexTemplate.ChineseAnalyzer analyzer = detectAnalyzer();
        ObjectNode template = IndexTemplate.render(templateResource, alias, analyzer);
        Request put = new Request("PUT", "/_index_template/" + IndexTemplate.name(alias));
        put.setEntity(new StringEntity(Json.write(template), ContentType.APPLICATION_JSON));
        rest.performRequest(put);

        String current = writeIndexOf(alias);
        if (current == null) {
            Request create = new Request("PUT", "/" + firstIndex);
            create.setEntity(new StringEntity(
                    "{\"aliases\":{\"" + alias + "\":{\"is_write_index\":true}}}", ContentType.APPLICATION_JSON));
            try {
                rest.performRequest(create);
                current = firstIndex;
            } catch (ResponseException e) {
                // another sink instance starting at the same moment won the race: fine, as long as the alias is there
                current = writeIndexOf(alias);
                if (current == null) {
                    throw new IllegalStateException(
                            "cannot create index " + firstIndex + " with write alias " + alias + ": "
                                    + ElasticsearchBulkClient.bodyText(e.getResponse()),
                            e);
                }
            }
        }
        updateMapping(templateResource, current);
        log.info(
                "event=index_ready alias={} write_index={} analyzer={} (smartcn {} on this cluster)",
                alias,
                current,
                analyzer.esType(),
                analyzer == IndexTemplate.ChineseAnalyzer.SMARTCN ? "available" : "not available");
        return analyzer;
    }

    /**
     * Brings the mapping of the index the alias writes to up to the template's, for fields added since it was
     * created (additive only: ES refuses a changed type, which then needs a new index and a replay). An index created
     * before mapping version 2 keeps the documents it had under their raw ids; see the README on rebuilding it.
     */
    void updateMapping(String templateResource, String index) throws IOException {
        JsonNode mappings = IndexTemplate.mappings(templateResource);
        Request put = new Request("PUT", "/" + index + "/_mapping");
        put.setEntity(new StringEntity(Json.write(mappings), ContentType.APPLICATION_JSON));
        try {
            rest.performRequest(put);
        } catch (ResponseException e) {
            throw new IllegalStateException(
                    "the mapping of " + index + " cannot take the sink's template (" + templateResource + "): "
                            + ElasticsearchBulkClient.bodyText(e.getResponse())
                            + "; create a new index from the template, replay into it and move the alias",
                    e);
        }
    }

    /** The index the alias writes to, or null when there is no such alias. */
    String writeIndexOf(String alias) throws IOException {
        Request get = new Request("GET", "/_alias/" + alias);
        Response resp;
        try {
            resp = rest.performRequest(get);
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                if (indexExists(alias)) {
                    throw new IllegalStateException(
                            "'" + alias + "' is a concrete index, not an alias (was it auto-created "
                                    + "by a write before the sink ran?); delete it or choose another --index-alias");
                }
                return null;
            }
            throw e;
        }
        JsonNode body = Json.mapper().readTree(resp.getEntity().getContent());
        String single = null;
        int count = 0;
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            count++;
            single = e.getKey();
            if (e.getValue().path("aliases").path(alias).path("is_write_index").asBoolean(false)) {
                return e.getKey();
            }
        }
        // an alias on exactly one index writes there even without is_write_index
        return count == 1 ? single : null;
    }

    private boolean indexExists(String name) throws IOException {
        Response r = rest.performRequest(new Request("HEAD", "/" + name));
        return r.getStatusLine().getStatusCode() == 200;
    }
}
