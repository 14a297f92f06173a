package io.pilu.web;

import io.pilu.sink.es.ElasticsearchSettings;
import java.util.Objects;

/**
 * How {@code pilu web} runs.
 *
 * @param host               interface to bind ({@code 127.0.0.1} by default: a read-only app for the people on
 *                           this machine; {@code 0.0.0.0} to serve others, e.g. in a container)
 * @param port               port (0 = any free port)
 * @param elasticsearch      where the announcements and research visits are indexed
 * @param announcementsAlias the sink's announcements alias
 * @param visitsAlias        the sink's research-visits alias
 * @param analyticsUrl       the analytics query API
 */
public record WebConfig(
        String host,
        int port,
        ElasticsearchSettings elasticsearch,
        String announcementsAlias,
        String visitsAlias,
        String analyticsUrl) {

    public static final int DEFAULT_PORT = 9480;
    public static final String DEFAULT_HOST = "127.0.0.1";

    public WebConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(elasticsearch, "elasticsearch");
        Objects.requireNonNull(announcementsAlias, "announcementsAlias");
        Objects.requireNonNull(visitsAlias, "visitsAlias");
        Objects.requireNonNull(analyticsUrl, "analyticsUrl");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
    }
}
