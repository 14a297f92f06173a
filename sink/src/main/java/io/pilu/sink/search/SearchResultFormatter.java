package io.pilu.sink.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Renders a {@code _search} response for people: one block per hit with its highlighted fragments. Pure. */
public final class SearchResultFormatter {

    private SearchResultFormatter() {}

    public static String format(JsonNode response) {
        StringBuilder sb = new StringBuilder();
        JsonNode hits = response.path("hits");
        long total = hits.path("total").path("value").asLong(hits.path("hits").size());
        String relation = hits.path("total").path("relation").asText("eq");
        sb.append(relation.equals("gte") ? "≥" : "")
                .append(total)
                .append(total == 1 ? " hit" : " hits")
                .append(" (")
                .append(response.path("took").asLong())
                .append(" ms)\n");
        int n = 0;
        for (JsonNode hit : hits.path("hits")) {
            n++;
            JsonNode s = hit.path("_source");
            JsonNode hl = hit.path("highlight");
            sb.append('\n')
                    .append(n)
                    .append(". ")
                    .append(s.path("companyName").asText("?"))
                    .append(" (")
                    .append(s.path("companyCode").asText("?"))
                    .append(")  ")
                    .append(s.path("publishDate").asText(""))
                    .append("  ")
                    .append(s.path("documentClass").asText(""))
                    .append('\n');
            String title = hl.path("title").isArray() && !hl.path("title").isEmpty()
                    ? hl.path("title").get(0).asText()
                    : s.path("title").asText("");
            sb.append("   ").append(title).append('\n');
            List<String> participants = texts(s.path("ir").path("participants"));
            if (!participants.isEmpty()) {
                sb.append("   participants: ")
                        .append(String.join(", ", participants))
                        .append('\n');
            }
            // Q&A pairs are searched as part of the text (analysed once), so their fragments come from text
            for (String f : texts(hl.path("text"))) {
                sb.append("   … ").append(f.replaceAll("\\s+", " ").trim()).append(" …\n");
            }
            if (s.hasNonNull("documentUrl")) {
                sb.append("   ").append(s.path("documentUrl").asText()).append('\n');
            }
        }
        return sb.toString();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
