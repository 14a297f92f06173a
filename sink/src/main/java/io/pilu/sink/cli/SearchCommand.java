package io.pilu.sink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilu.model.DocumentClass;
import io.pilu.model.Json;
import io.pilu.sink.SinkConfig;
import io.pilu.sink.es.ElasticsearchSettings;
import io.pilu.sink.es.RestClientFactory;
import io.pilu.sink.search.SearchQueryBuilder;
import io.pilu.sink.search.SearchRequest;
import io.pilu.sink.search.SearchResultFormatter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pilu search "智谱华章" --class IR_ACTIVITY_RECORD --from 2024-01-01}: full-text search over the sink's index. */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description =
                "Search indexed announcements (Chinese full text, with filters); prints hits with highlighted fragments.")
public final class SearchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "QUERY",
            description = "Words to find, e.g. 智谱华章; omit to list by filters only.")
    String query;

    @Option(names = "--company", paramLabel = "CODE|NAME", description = "Company code (839493) or short name (并行科技).")
    String company;

    @Option(
            names = "--class",
            paramLabel = "CLASS",
            description = "Document class, one of: ${COMPLETION-CANDIDATES} (case-insensitive).",
            completionCandidates = DocumentClassCandidates.class)
    String documentClass;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "Published on or after this date.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Published on or before this date.")
    LocalDate to;

    @Option(
            names = "--institution",
            paramLabel = "NAME",
            description = "IR participant institution, as written or canonical (中邮证券).")
    String institution;

    @Option(
            names = "--exchange",
            paramLabel = "BSE|SZSE|SSE",
            description = "Exchange the company is listed on (case-insensitive).")
    String exchange;

    @Option(
            names = "--source",
            paramLabel = "bse|cninfo",
            description = "Only filings this source reported (a filing reported by both matches either).")
    String source;

    @Option(
            names = "--es-url",
            defaultValue = "${env:PILU_ES_URL:-" + ElasticsearchSettings.DEFAULT_URL + "}",
            description = "Elasticsearch URL(s) (env PILU_ES_URL, default ${DEFAULT-VALUE}; auth from PILU_ES_USERNAME/"
                    + "PILU_ES_PASSWORD or PILU_ES_API_KEY, CA from PILU_ES_CA_CERT).")
    String esUrl;

    @Option(
            names = "--index",
            defaultValue = SinkConfig.DEFAULT_INDEX_ALIAS,
            description = "Index or alias to search (default ${DEFAULT-VALUE}).")
    String index;

    @Option(names = "--size", defaultValue = "10", description = "Hits to show (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--json", description = "Print the raw hits as JSON instead of the text listing.")
    boolean json;

    /** Whether fragments use ANSI bold; null = decide by whether stdout is a terminal. */
    Boolean ansi;

    static final class DocumentClassCandidates implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Arrays.stream(DocumentClass.values()).map(Enum::name).iterator();
        }
    }

    /** The request these options describe. */
    SearchRequest request() {
        DocumentClass cls = null;
        if (documentClass != null) {
            try {
                cls = DocumentClass.valueOf(documentClass.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown --class '" + documentClass + "', expected one of "
                        + Arrays.toString(DocumentClass.values()));
            }
        }
        boolean bold = ansi != null ? ansi : System.console() != null;
        return new SearchRequest(
                query,
                company,
                cls,
                from,
                to,
                institution,
                size,
                bold ? SearchRequest.HighlightStyle.ANSI_BOLD : SearchRequest.HighlightStyle.BRACKETS,
                exchange == null ? null : exchange.trim().toUpperCase(Locale.ROOT),
                null,
                0,
                SearchRequest.Order.RELEVANCE,
                source == null ? null : source.trim().toLowerCase(Locale.ROOT));
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SearchRequest request;
        try {
            request = request();
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        ElasticsearchSettings conn;
        try {
            conn = ElasticsearchSettings.of(
                    esUrl,
                    System.getenv("PILU_ES_USERNAME"),
                    System.getenv("PILU_ES_PASSWORD"),
                    System.getenv("PILU_ES_API_KEY"),
                    System.getenv("PILU_ES_CA_CERT"));
        } catch (IllegalArgumentException e) {
            err.println("pilu search: " + e.getMessage());
            return 2;
        }
        try (RestClient rest = RestClientFactory.create(conn)) {
            Request r = new Request("POST", "/" + index + "/_search");
            r.setEntity(new StringEntity(Json.write(SearchQueryBuilder.build(request)), ContentType.APPLICATION_JSON));
            JsonNode response;
            try {
                Response resp = rest.performRequest(r);
                try (InputStream in = resp.getEntity().getContent()) {
                    response = Json.mapper().readTree(in);
                }
            } catch (ResponseException e) {
                err.println(
                        "search failed: HTTP " + e.getResponse().getStatusLine().getStatusCode() + " "
                                + EntityUtils.toString(e.getResponse().getEntity()));
                return 1;
            } catch (IOException e) {
                err.println("cannot reach Elasticsearch at " + conn.urls() + ": " + e.getMessage());
                return 1;
            }
            out.print(json ? Json.writePretty(response.path("hits")) + "\n" : SearchResultFormatter.format(response));
            out.flush();
            return 0;
        }
    }
}
