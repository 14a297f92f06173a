package io.pilu.sink.es;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilu.model.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code _bulk} response body into one {@link BulkItemResult} per action, in request order. Pure.
 * ES answers 200 for the request as a whole even when every item failed, so the items are the only truth.
 */
public final class BulkResponseParser {

    private BulkResponseParser() {}

    /**
     * @param body          the response body
     * @param expectedItems how many actions were sent; a different count means the body is not the answer to our
     *                      request, which is reported rather than guessed around
     */
    public static List<BulkItemResult> parse(byte[] body, int expectedItems) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("bulk response is not JSON: " + e.getMessage(), e);
        }
        JsonNode items = root == null ? null : root.get("items");
        if (items == null || !items.isArray()) {
            throw new IllegalArgumentException("bulk response has no items array");
        }
        if (items.size() != expectedItems) {
            throw new IllegalArgumentException(
                    "bulk response has " + items.size() + " items for " + expectedItems + " actions");
        }
        List<BulkItemResult> results = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            Iterator<Map.Entry<String, JsonNode>> fields = item.properties().iterator();
            if (!fields.hasNext()) {
                throw new IllegalArgumentException("empty bulk response item");
            }
            Map.Entry<String, JsonNode> entry = fields.next();
            JsonNode r = entry.getValue();
            int status = r.path("status").asInt(-1);
            JsonNode error = r.get("error");
            String type = null;
            String reason = null;
            if (error != null) {
                type = error.path("type").asText(null);
                reason = describe(error);
            }
            results.add(
                    BulkItemResult.of(entry.getKey(), status, r.path("result").asText(null), type, reason));
        }
        return results;
    }

    /** The reason with its caused-by chain: "failed to parse field [ir.date]" alone hides the bad value. */
    static String describe(JsonNode error) {
        StringBuilder sb = new StringBuilder(error.path("reason").asText(""));
        JsonNode cause = error.get("caused_by");
        for (int depth = 0; cause != null && depth < 5; depth++) {
            sb.append(" <- ")
                    .append(cause.path("type").asText(""))
                    .append(": ")
                    .append(cause.path("reason").asText(""));
            cause = cause.get("caused_by");
        }
        return sb.toString();
    }
}
