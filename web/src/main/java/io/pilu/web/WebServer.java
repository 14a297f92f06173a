package io.pilu.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pilu.service.Check;
import io.pilu.service.OpsServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pilu web} running: the pages on the JDK HTTP server, through {@link OpsServer} like every Pilu service, so
 * {@code /metrics}, {@code /healthz} and {@code /readyz} (ready when Elasticsearch answers) sit beside them.
 */
public final class WebServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    /** Threads serving pages: each waits on Elasticsearch or analytics for a few ms. */
    static final int THREADS = 8;

    private final Elastic es;
    private final OpsServer server;

    private WebServer(Elastic es, OpsServer server) {
        this.es = es;
        this.server = server;
    }

    public static WebServer start(WebConfig config, PrometheusMeterRegistry registry) {
        OpsServer.enableNoDelay();
        Elastic es = new Elastic(config.elasticsearch(), config.announcementsAlias(), config.visitsAlias());
        try {
            WebApp app = new WebApp(es, new Analytics(config.analyticsUrl()), registry);
            OpsServer server = OpsServer.builder(registry)
                    .host(config.host())
                    .port(config.port())
                    .threads(THREADS)
                    .readiness(() -> es.ping()
                            ? Check.ok("elasticsearch answers")
                            : Check.failing("elasticsearch does not answer at "
                                    + config.elasticsearch().urls()))
                    .handler("/", app)
                    .start();
            WebServer web = new WebServer(es, server);
            log.info(
                    "pilu web listening on {} (elasticsearch {}, analytics {})",
                    web.url(),
                    config.elasticsearch().urls(),
                    config.analyticsUrl());
            return web;
        } catch (RuntimeException e) {
            try {
                es.close();
            } catch (java.io.IOException ignored) {
                // already failing: the start error is the one to report
            }
            throw e;
        }
    }

    /** e.g. {@code http://127.0.0.1:9480}. */
    public String url() {
        return server.url();
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        try {
            es.close();
        } catch (java.io.IOException e) {
            log.warn("closing the Elasticsearch client: {}", e.toString());
        }
    }
}
