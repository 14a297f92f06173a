package io.pilu.web;

import static io.pilu.web.Html.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilu.model.Json;
import io.pilu.web.Html.Safe;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /live}: the newest filings, kept current without a reload. The page renders the list once; {@code live.js}
 * then polls {@code /live/feed} (JSON) every few seconds and rebuilds the rows with DOM text nodes (never HTML), so
 * a title fetched from the internet stays text there too. Polling rather than server-sent events: an open event
 * stream would hold one of the server's few threads per reader for nothing more.
 */
final class LivePage {

    static final int SIZE = 30;
    /** How often the page asks, in milliseconds. */
    static final int POLL_MS = 3000;

    private LivePage() {}

    static Safe render(JsonNode hits) {
        List<Safe> rows = new ArrayList<>();
        for (JsonNode h : hits.path("hits")) {
            JsonNode s = h.path("_source");
            rows.add(html(
                    "<tr data-id=\"{}\"><td><time>{}</time></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    s.path("id").asText(),
                    s.path("publishDate").asText(""),
                    Layout.companyLink(
                            s.path("companyCode").asText(null),
                            s.path("companyName").asText(null)),
                    Layout.announcementLink(
                            s.path("id").asText(), Html.text(s.path("title").asText("(无标题)"))),
                    Labels.documentClass(s.path("documentClass").asText(null)),
                    Layout.originalLink(s.path("documentUrl").asText(null))));
        }
        return Layout.page(
                "实时",
                Layout.Nav.LIVE,
                html("""
                <h1>最新公告</h1>
                <p class="meta live-status" id="live-status" data-poll-ms="{}">共 {} 条 · 自动更新</p>
                <div class="scroll"><table class="live" id="live">
                <thead><tr><th>发布</th><th>公司</th><th>标题</th><th>类别</th><th></th></tr></thead>
                <tbody>{}</tbody></table></div>
                """, POLL_MS, hits.path("total").path("value").asLong(), Html.join(rows)),
                "live.js");
    }

    /** The JSON {@code live.js} reads: plain values only, the class already as its label. */
    static String feed(JsonNode hits) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("total", hits.path("total").path("value").asLong());
        ArrayNode items = out.putArray("items");
        for (JsonNode h : hits.path("hits")) {
            JsonNode s = h.path("_source");
            ObjectNode i = items.addObject();
            i.put("id", s.path("id").asText());
            i.put("publishDate", s.path("publishDate").asText(""));
            i.put("companyCode", s.path("companyCode").asText(""));
            i.put("companyName", s.path("companyName").asText(""));
            i.put("title", s.path("title").asText(""));
            i.put("documentClass", Labels.documentClass(s.path("documentClass").asText(null)));
            String url = Html.externalUrl(s.path("documentUrl").asText(null));
            if (url != null) {
                i.put("documentUrl", url);
            }
        }
        return Json.write(out);
    }
}
