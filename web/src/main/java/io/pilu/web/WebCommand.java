package io.pilu.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pilu.service.Lifecycle;
import io.pilu.service.Lifecycle.Phase;
import io.pilu.service.Metrics;
import io.pilu.sink.SinkConfig;
import io.pilu.sink.SinkIndex;
import io.pilu.sink.es.ElasticsearchSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pilu web}: the read-only web app until stopped. */
@Command(
        name = "web",
        mixinStandardHelpOptions = true,
        description = "A small read-only web app: search, announcement pages with the IR facts, who researched "
                + "whom (company and institution pages, rankings) and the newest filings live.")
public final class WebCommand implements Callable<Integer> {

    @Option(
            names = "--port",
            defaultValue = "${env:PILU_WEB_PORT:-9480}",
            description = "Port, 0 = any free port (env PILU_WEB_PORT, default ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--host",
            defaultValue = "${env:PILU_WEB_HOST:-" + WebConfig.DEFAULT_HOST + "}",
            description =
                    "Interface to bind; 0.0.0.0 serves other machines too (env PILU_WEB_HOST, default ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--es-url",
            defaultValue = "${env:PILU_ES_URL:-" + ElasticsearchSettings.DEFAULT_URL + "}",
            description = "Elasticsearch URL(s) (env PILU_ES_URL, default ${DEFAULT-VALUE}; auth from PILU_ES_USERNAME/"
                    + "PILU_ES_PASSWORD or PILU_ES_API_KEY, CA from PILU_ES_CA_CERT).")
    String esUrl;

    @Option(
            names = "--index",
            defaultValue = "${env:PILU_SINK_INDEX_ALIAS:-" + SinkConfig.DEFAULT_INDEX_ALIAS + "}",
            description = "Announcements alias (env PILU_SINK_INDEX_ALIAS, default ${DEFAULT-VALUE}).")
    String index;

    @Option(
            names = "--visits-index",
            defaultValue = "${env:PILU_SINK_VISITS_INDEX_ALIAS:-" + SinkIndex.DEFAULT_VISITS_ALIAS + "}",
            description = "Research-visits alias (env PILU_SINK_VISITS_INDEX_ALIAS, default ${DEFAULT-VALUE}).")
    String visitsIndex;

    @Option(
            names = "--api-url",
            defaultValue = "${env:PILU_ANALYTICS_URL:-http://localhost:9404}",
            description = "Analytics query API (env PILU_ANALYTICS_URL, default ${DEFAULT-VALUE}).")
    String apiUrl;

    /** The configuration these options describe. */
    public WebConfig config() {
        ElasticsearchSettings conn = ElasticsearchSettings.of(
                esUrl,
                System.getenv("PILU_ES_USERNAME"),
                System.getenv("PILU_ES_PASSWORD"),
                System.getenv("PILU_ES_API_KEY"),
                System.getenv("PILU_ES_CA_CERT"));
        return new WebConfig(host, port, conn, index, visitsIndex, apiUrl);
    }

    @Override
    public Integer call() throws Exception {
        PrometheusMeterRegistry registry = Metrics.newRegistry("web");
        Lifecycle lifecycle = new Lifecycle("pilu-web").closeOnShutdown();
        try {
            WebServer web = lifecycle.add(Phase.SERVICE, "web", WebServer.start(config(), registry));
            System.out.println("pilu web: " + web.url() + "/");
            lifecycle.awaitClosed();
        } finally {
            lifecycle.close();
        }
        return 0;
    }
}
