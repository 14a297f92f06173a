package io.pilu.analytics.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilu.model.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** A small client of the analytics API for the CLI: GET a path, fail with the server's message. */
final class AnalyticsClient {

    private final String baseUrl;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AnalyticsClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** The raw JSON answer of {@code path} with {@code params} (null values left out). */
    String get(String path, Map<String, Object> params) {
        StringJoiner q = new StringJoiner("&");
        new LinkedHashMap<>(params).forEach((k, v) -> {
            if (v != null) {
                q.add(k + "=" + URLEncoder.encode(v.toString(), StandardCharsets.UTF_8));
            }
        });
        String url = baseUrl + path + (q.length() == 0 ? "" : "?" + q);
        HttpResponse<String> r;
        try {
            r = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(30))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot reach the analytics API at " + baseUrl + " (" + e
                            + "); is `pilu analytics` (or `pilu local`) running? Set --api-url / PILU_ANALYTICS_URL.",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (r.statusCode() != 200) {
            String message = r.body();
            try {
                JsonNode error = Json.mapper().readTree(r.body()).get("error");
                if (error != null) {
                    message = error.asText();
                }
            } catch (IOException ignored) {
                // not JSON: show the body as is
            }
            String retry = r.headers()
                    .firstValue("Retry-After")
                    .map(s -> " (retry in " + s + " s)")
                    .orElse("");
            throw new IllegalStateException("analytics answered " + r.statusCode() + ": " + message + retry);
        }
        return r.body();
    }

    static String encodePath(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
