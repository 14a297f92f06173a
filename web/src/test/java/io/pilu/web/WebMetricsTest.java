package io.pilu.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pilu.service.Metrics;
import io.pilu.sink.es.ElasticsearchSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What {@code /metrics} says about the pages, which the dashboard's Web row and {@code PiluWebServerErrors} read:
 * one {@code pilu_web_request_latency_seconds} series per page and status, every page's {@code status="200"} there
 * from the start, and a page that cannot reach Elasticsearch or the analytics API counted as 503. Real server, real
 * HTTP, Elasticsearch and analytics at a port nothing listens on.
 */
class WebMetricsTest {

    private static final Pattern COUNT =
            Pattern.compile("(?m)^pilu_web_request_latency_seconds_count\\{([^}]*)} (\\S+)$");

    @Test
    void everyAnswerIsCountedByPageAndStatus() throws Exception {
        String nowhere = "http://127.0.0.1:" + closedPort();
        PrometheusMeterRegistry registry = Metrics.newRegistry("web");
        HttpClient http = HttpClient.newHttpClient();
        try (WebServer web = WebServer.start(
                new WebConfig("127.0.0.1", 0, ElasticsearchSettings.of(nowhere), "announcements", "visits", nowhere),
                registry)) {
            String before = get(http, web.url() + "/metrics").body();
            for (String page : WebApp.PAGES) {
                assertThat(count(before, page, "200")).as(page).isEqualTo(0.0);
            }

            assertThat(get(http, web.url() + "/?q=x").statusCode()).isEqualTo(503);
            assertThat(get(http, web.url() + "/rankings").statusCode()).isEqualTo(503);
            assertThat(get(http, web.url() + "/no/such/page").statusCode()).isEqualTo(404);
            assertThat(get(http, web.url() + "/static/none.css").statusCode()).isEqualTo(404);

            String after = get(http, web.url() + "/metrics").body();
            assertThat(count(after, "search", "503")).isEqualTo(1.0);
            assertThat(count(after, "rankings", "503")).isEqualTo(1.0);
            assertThat(count(after, "not_found", "404")).isEqualTo(1.0);
            assertThat(count(after, "static", "404")).isEqualTo(1.0);
            assertThat(count(after, "search", "200")).isEqualTo(0.0);
            assertThat(after).contains("pilu_web_request_latency_seconds_bucket{");
        }
    }

    /** The value of the count series of {@code page} and {@code status}, or NaN when there is none. */
    private static double count(String metrics, String page, String status) {
        Matcher m = COUNT.matcher(metrics);
        while (m.find()) {
            String labels = m.group(1);
            if (labels.contains("page=\"" + page + "\"") && labels.contains("status=\"" + status + "\"")) {
                return Double.parseDouble(m.group(2));
            }
        }
        return Double.NaN;
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A port nothing listens on (free a moment ago). */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
