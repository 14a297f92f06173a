package io.pilu.sink.es;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilu.model.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * template, and makes the write alias point at {@code <alias>-v<mapping version>}: created when the alias does not
 * exist yet, migrated from an older {@code <alias>-v<k>} when the template's mapping version grew. Readers use the
 * alias only, so a new mapping reaches them without a change on their side.
 */
public final class IndexBootstrapper {

    private static final Logger log = LoggerFactory.getLogger(IndexBootstrapper.class);

    private static final int MIGRATION_BATCH = 500;

    private final RestClient rest;

    public IndexBootstrapper(RestClient rest) {
        this.rest = rest;
    }

    /** Whether the cluster has the smartcn analyzer ({@code _analyze} accepts it: the analysis-smartcn plugin). */
    public boolean hasSmartcn() throws IOException {
        Request r = new Request("POST", "/_analyze");
        r.setEntity(
                new StringEntity("{\"analyzer\":\"smartcn\",\"text\":\"投资者关系活动记录表\"}", ContentType.APPLICATION_JSON));
        try {
            rest.performRequest(r);
            return true;
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 400) {
                return false;
            }
            throw e;
        }
    }

    /** Template, analyzer and write alias of the announcements index, refreshed every second, default analysis. */
    public IndexTemplate.ChineseAnalyzer prepare(String alias) throws IOException {
        return prepare(IndexTemplate.RESOURCE, alias, Duration.ofSeconds(1), IndexTemplate.DEFAULT_ANALYZER);
    }

    /**
     * Installs the template of resource {@code templateResource} for {@code alias} and makes the alias write to
     * {@code <alias>-v<mapping version>} ({@link IndexTemplate#indexName}): created when the alias is missing;
     * migrated when the alias is on an older version of the sink's mapping ({@code <alias>-v<k>}, k smaller): the
     * new index is created, the old one copied into it keeping each document's id and external version (so a copy
     * never overwrites a newer write), then the alias moves in one {@code _aliases} call; the old
     * index is left for the operator to delete. Several sinks starting at once all end on the new index: every step
     * tolerates another instance having done it. An alias on a newer version than this sink knows is refused.
     * {@code refreshInterval} is applied to the write index as well, so a changed setting takes effect on restart.
     * {@code analyzer} is the analysis of indices created (or migrated to) from now on; an existing write index keeps
     * its own, which is logged when it differs.
     *
     * @return the analysis of the write index: what its documents are indexed and searched with
     * @throws IllegalStateException for smartcn on a cluster without the plugin, or an alias on a newer mapping
     */
    public IndexTemplate.ChineseAnalyzer prepare(
            String templateResource, String alias, Duration refreshInterval, IndexTemplate.ChineseAnalyzer analyzer)
            throws IOException {
        if (analyzer == IndexTemplate.ChineseAnalyzer.SMARTCN && !hasSmartcn()) {
            throw new IllegalStateException("analyzer smartcn needs the analysis-smartcn plugin, which this cluster "
                    + "does not have: install it on every node, or run with --analyzer cjk");
        }
        ObjectNode template = IndexTemplate.render(templateResource, alias, analyzer, refreshInterval);
        Request put = new Request("PUT", "/_index_template/" + IndexTemplate.name(alias));
        put.setEntity(new StringEntity(Json.write(template), ContentType.APPLICATION_JSON));
        rest.performRequest(put);

        String target = IndexTemplate.indexName(templateResource, alias);
        String current = writeIndexOf(alias);
        if (current == null) {
            current = createWithAlias(alias, target);
        } else if (!current.equals(target)) {
            int version = versionOf(alias, current);
            int wanted = IndexTemplate.mappingVersion(templateResource);
            if (version > wanted) {
                throw new IllegalStateException("alias " + alias + " writes to " + current + ", a newer mapping (v"
                        + version + ") than this sink's (v" + wanted + "): run the newer sink");
            }
            if (version > 0) {
                current = migrate(alias, current, target);
            } else {
                log.warn(
                        "event=index_not_managed alias={} write_index={} (not <alias>-v<n>: left as it is, mapping v{} "
                                + "not applied)",
                        alias,
                        current,
                        wanted);
            }
        }
        updateMapping(templateResource, current);
        if (template.at("/template/settings/index").has("refresh_interval")) {
            Request settings = new Request("PUT", "/" + current + "/_settings");
            settings.setEntity(new StringEntity(
                    "{\"index\":{\"refresh_interval\":\"" + IndexTemplate.refreshInterval(refreshInterval) + "\"}}",
                    ContentType.APPLICATION_JSON));
            rest.performRequest(settings);
        }
        IndexTemplate.ChineseAnalyzer inEffect = analyzerOf(current);
        if (inEffect == null) {
            inEffect = analyzer; // not one of the sink's analyses (an index made by hand): reported as configured
        } else if (inEffect != analyzer) {
            log.warn(
                    "event=analyzer_kept alias={} write_index={} analyzer={} configured={} (an index keeps the analysis "
                            + "it was created with: rebuild it to change, see the README)",
                    alias,
                    current,
                    inEffect.configName(),
                    analyzer.configName());
        }
        log.info(
                "event=index_ready alias={} write_index={} analyzer={} refresh_interval={}",
                alias,
                current,
                inEffect.configName(),
                IndexTemplate.refreshInterval(refreshInterval));
        return inEffect;
    }

    /**
     * The analysis {@code pilu_chinese} has on {@code index}, from its settings (a custom analyzer's tokenizer, or the
     * built-in analyzer's type); null when the index has no such analyzer of the sink's.
     */
    IndexTemplate.ChineseAnalyzer analyzerOf(String index) throws IOException {
        Request get = new Request("GET", "/" + index + "/_settings/index.analysis.analyzer.pilu_chinese.*");
        JsonNode settings =
                Json.mapper().readTree(rest.performRequest(get).getEntity().getContent());
        JsonNode analyzer = settings.path(index).at("/settings/index/analysis/analyzer/pilu_chinese");
        String type = analyzer.path("type").asText("");
        return "custom".equals(type) || type.isEmpty()
                ? IndexTemplate.ChineseAnalyzer.ofTokenizer(
                        analyzer.path("tokenizer").asText(""))
                : IndexTemplate.ChineseAnalyzer.ofEsType(type);
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

    private String createWithAlias(String alias, String index) throws IOException {
        Request create = new Request("PUT", "/" + index);
        create.setEntity(new StringEntity(
                "{\"aliases\":{\"" + alias + "\":{\"is_write_index\":true}}}", ContentType.APPLICATION_JSON));
        try {
            rest.performRequest(create);
            return index;
        } catch (ResponseException e) {
            // another sink instance starting at the same moment won the race: fine, as long as the alias is there
            String current = writeIndexOf(alias);
            if (current == null) {
                throw new IllegalStateException(
                        "cannot create index " + index + " with write alias " + alias + ": "
                                + ElasticsearchBulkClient.bodyText(e.getResponse()),
                        e);
            }
            return current;
        }
    }

    /** The n of {@code <alias>-v<n>}, or 0 when {@code index} is not named so. */
    static int versionOf(String alias, String index) {
        String prefix = alias + "-v";
        if (!index.startsWith(prefix)) {
            return 0;
        }
        try {
            return Integer.parseInt(index.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Copies every document of {@code from} into {@code to} with its id and version ({@code external_gte}: a document
     * already there at a newer version stays). A scroll and {@code _bulk}, both core APIs, rather than
     * {@code _reindex}, which lives in a module a minimal node (the embedded one) does not load.
     *
     * @return {copied, skipped because newer}
     */
    private long[] copy(String from, String to) throws IOException {
        ElasticsearchBulkClient bulk = new ElasticsearchBulkClient(rest);
        long copied = 0;
        long newer = 0;
        Request first = new Request("POST", "/" + from + "/_search");
        first.addParameter("scroll", "2m");
        first.setEntity(new StringEntity(
                "{\"size\":" + MIGRATION_BATCH + ",\"version\":true,\"sort\":[\"_doc\"]}",
                ContentType.APPLICATION_JSON));
        JsonNode page =
                Json.mapper().readTree(rest.performRequest(first).getEntity().getContent());
        String scrollId = page.path("_scroll_id").asText(null);
        try {
            while (page.path("hits").path("hits").size() > 0) {
                List<BulkAction> actions = new ArrayList<>();
                for (JsonNode hit : page.path("hits").path("hits")) {
                    actions.add(new BulkAction.Index(
                            hit.path("_id").asText(),
                            hit.path("_version").asLong(),
                            Json.mapper().writeValueAsBytes(hit.path("_source"))));
                }
                List<BulkItemResult> results;
                try {
                    results = bulk.bulk(to, actions);
                } catch (EsRetryableException | EsRequestRejectedException e) {
                    throw new IOException("copying " + from + " into " + to + " failed: " + e.getMessage(), e);
                }
                for (int i = 0; i < results.size(); i++) {
                    BulkItemResult r = results.get(i);
                    switch (r.outcome()) {
                        case INDEXED -> copied++;
                        case STALE -> newer++;
                        default ->
                            throw new IllegalStateException(
                                    "copying " + actions.get(i).id() + " from " + from + " into " + to + " failed: "
                                            + r.status() + " " + r.errorType() + " " + r.reason());
                    }
                }
                Request next = new Request("POST", "/_search/scroll");
                next.setEntity(new StringEntity(
                        "{\"scroll\":\"2m\",\"scroll_id\":" + Json.write(scrollId) + "}",
                        ContentType.APPLICATION_JSON));
                page = Json.mapper()
                        .readTree(rest.performRequest(next).getEntity().getContent());
                scrollId = page.path("_scroll_id").asText(scrollId);
            }
        } finally {
            if (scrollId != null) {
                Request clear = new Request("DELETE", "/_search/scroll");
                clear.setEntity(
                        new StringEntity("{\"scroll_id\":" + Json.write(scrollId) + "}", ContentType.APPLICATION_JSON));
                rest.performRequest(clear);
            }
        }
        rest.performRequest(new Request("POST", "/" + to + "/_refresh"));
        return new long[] {copied, newer};
    }

    private String migrate(String alias, String from, String to) throws IOException {
        long start = System.nanoTime();
        log.info("event=index_migration_started alias={} from={} to={}", alias, from, to);
        Request create = new Request("PUT", "/" + to);
        create.setEntity(new StringEntity("{}", ContentType.APPLICATION_JSON));
        try {
            rest.performRequest(create);
        } catch (ResponseException e) {
            if (!ElasticsearchBulkClient.bodyText(e.getResponse()).contains("resource_already_exists_exception")) {
                throw e;
            }
        }
        long[] counts = copy(from, to);
        Request swap = new Request("POST", "/_aliases");
        swap.setEntity(new StringEntity(
                "{\"actions\":[{\"remove\":{\"index\":\"" + from + "\",\"alias\":\"" + alias
                        + "\",\"must_exist\":false}},{\"add\":{\"index\":\"" + to + "\",\"alias\":\"" + alias
                        + "\",\"is_write_index\":true}}]}",
                ContentType.APPLICATION_JSON));
        rest.performRequest(swap);
        log.info(
                "event=index_migrated alias={} from={} to={} copied={} skipped_newer={} seconds={} (delete {} when "
                        + "no longer needed)",
                alias,
                from,
                to,
                counts[0],
                counts[1],
                String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9),
                from);
        return to;
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
