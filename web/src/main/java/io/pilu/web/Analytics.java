package io.pilu.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilu.model.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A client of the analytics query API ({@code pilu analytics}, port 9404): GET a path, the JSON answer or a
 * {@link Failure} a page shows as a notice (the rest of the page still renders from Elasticsearch).
 */
public final class Analytics {

    private final String baseUrl;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public Analytics(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The analytics API could not answer: its message, for the page. */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    public JsonNode companyVisitors(String code) {
        return get("/api/companies/" + Html.segment(code) + "/visitors", Map.of());
    }

    public JsonNode institutionVisits(String name) {
        return get("/api/institutions/" + Html.segment(name) + "/visits", Map.of());
    }

    public JsonNode companyRanking(int days, String asOf, int limit) {
        return get("/api/rankings/companies", params("window", days + "d", "asOf", asOf, "limit", limit));
    }

    public JsonNode institutionRanking(int days, String asOf, int limit) {
        return get("/api/rankings/institutions", params("window", days + "d", "asOf", asOf, "limit", limit));
    }

    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    JsonNode get(String path, Map<String, Object> params) {
        StringJoiner q = new StringJoiner("&");
        params.forEach((k, v) -> {
            if (v != null) {
                q.add(k + "=" + Html.param(v.toString()));
            }
        });
        String url = baseUrl + path + (q.length() == 0 ? "" : "?" + q);
        HttpResponse<String> r;
        try {
            r = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Failure("the analytics API at " + baseUrl + " does not answer ("
                    + e.getClass().getSimpleName()
                    + "); is `pilu analytics` running? (--api-url / PILU_ANALYTICS_URL)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
        }
        JsonNode body;
        try {
            body = Json.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new Failure("the analytics API answered " + r.statusCode() + " with no JSON");
        }
        if (r.statusCode() != 200) {
            String retry = r.headers()
                    .firstValue("Retry-After")
                    .map(s -> " (ask again in " + s + " s)")
                    .orElse("");
            throw new Failure("the analytics API answered " + r.statusCode() + ": "
                    + body.path("error").asText("") + retry);
        }
        return body;
    }
}
