package io.pilu.web;

import static io.pilu.web.Html.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilu.model.Json;
import io.pilu.web.Html.Safe;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who researched whom. {@code /companies/{code}}: a chart of visits and distinct institutions per month, the
 * institutions (type, visits, first and last date, people) from the analytics API, and every visit with first-time
 * visitors marked. {@code /institutions/{name}}: the same the other way round — the companies it researched, over
 * time. Per-month counts and the visit list come from the {@code pilu-research-visits} index.
 */
final class CoveragePages {

    private CoveragePages() {}

    /**
     * @param code     the company code asked for
     * @param visitors the analytics answer ({@code /api/companies/{code}/visitors}), or null when it failed
     * @param apiError why it failed, or null
     * @param visits   the research-visits search with its {@code months} aggregation
     */
    static Safe company(String code, JsonNode visitors, String apiError, JsonNode visits) {
        JsonNode hits = visits.path("hits").path("hits");
        String name = visitors != null && visitors.hasNonNull("companyName")
                ? visitors.get("companyName").asText()
                : hits.path(0).path("_source").path("companyName").asText(null);
        // first visit of each institution to this company: from analytics (exact, all dates), else from the list
        Map<String, String> firstDates = new HashMap<>();
        if (visitors != null) {
            for (JsonNode v : visitors.path("visitors")) {
                firstDates.put(
                        v.path("normalizedName").asText(), v.path("firstDate").asText(null));
            }
        } else {
            earliest(hits, "institution", firstDates);
        }
        List<Safe> parts = new ArrayList<>();
        parts.add(html("<h1>{}</h1>", name == null ? code : name + " (" + code + ")"));
        if (visitors != null) {
            parts.add(html(
                    "<p class=\"summary\"><b>{}</b> 家机构 · <b>{}</b> 次调研</p>",
                    visitors.path("institutions").asLong(),
                    visitors.path("visits").asLong()));
        }
        if (hits.isEmpty() && (visitors == null || visitors.path("visitors").isEmpty())) {
            parts.add(Layout.notice("empty", "还没有机构调研 " + code + " 的记录。"));
        }
        parts.add(chart(visits, "调研次数", "机构数（去重）"));
        parts.add(html(
                "<section><h2>调研机构</h2>{}</section>",
                apiError != null ? Layout.notice("error", "机构统计暂不可用：" + apiError) : visitorTable(visitors)));
        List<Safe> rows = new ArrayList<>();
        for (JsonNode hit : hits) {
            JsonNode v = hit.path("_source");
            String institution = v.path("institution").asText();
            String date = v.path("activityDate").asText(v.path("activityDay").asText(""));
            boolean first = date.equals(firstDates.get(institution));
            rows.add(html(
                    "<tr><td><time>{}</time></td><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    date,
                    Layout.institutionLink(
                            institution, v.path("institutionName").asText(institution)),
                    first ? new Safe(" <span class=\"badge\" title=\"该机构首次调研此公司\">首次</span>") : Safe.EMPTY,
                    Labels.entityType(v.path("institutionType").asText(null)),
                    String.join("、", AnnouncementPage.texts(v.path("people"))),
                    Layout.announcementLink(v.path("announcementId").asText(), Html.text("记录"))));
        }
        parts.add(timeline(visits, rows, "<th>日期</th><th>机构</th><th>类型</th><th>人员</th><th>公告</th>"));
        return Layout.page(
                name == null ? code : name, Layout.Nav.NONE, Html.join(parts), "echarts.min.js", "charts.js");
    }

    private static Safe visitorTable(JsonNode visitors) {
        List<Safe> rows = new ArrayList<>();
        for (JsonNode v : visitors.path("visitors")) {
            rows.add(html(
                    "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    Layout.institutionLink(
                            v.path("normalizedName").asText(), v.path("name").asText(null)),
                    Labels.entityType(v.path("type").asText(null)),
                    v.path("visits").asLong(),
                    v.path("firstDate").asText("—"),
                    v.path("lastDate").asText("—"),
                    String.join("、", AnnouncementPage.texts(v.path("people")))));
        }
        if (rows.isEmpty()) {
            return Layout.notice("empty", "暂无。");
        }
        return html("""
                <div class="scroll"><table class="visitors">
                <thead><tr><th>机构</th><th>类型</th><th>次数</th><th>首次</th><th>最近</th><th>人员</th></tr></thead>
                <tbody>{}</tbody></table></div>
                """, Html.join(rows));
    }

    /**
     * @param asked  the name as given in the address
     * @param answer the analytics answer ({@code /api/institutions/{name}/visits}), or null when it failed
     */
    static Safe institution(String asked, JsonNode answer, String apiError, JsonNode visits) {
        JsonNode hits = visits.path("hits").path("hits");
        String canonical = answer != null
                ? answer.path("normalizedName").asText(asked)
                : hits.path(0).path("_source").path("institution").asText(asked);
        String type = answer != null
                ? answer.path("type").asText(null)
                : hits.path(0).path("_source").path("institutionType").asText(null);
        Map<String, String> firstDates = new HashMap<>();
        if (answer != null) {
            for (JsonNode c : answer.path("companiesVisited")) {
                firstDates.put(
                        c.path("companyCode").asText(), c.path("firstDate").asText(null));
            }
        } else {
            earliest(hits, "companyCode", firstDates);
        }
        List<Safe> parts = new ArrayList<>();
        parts.add(html("<h1>{}</h1>", canonical));
        List<String> about = new ArrayList<>();
        if (type != null) {
            about.add(Labels.entityType(type));
        }
        if (!canonical.equals(asked)) {
            about.add("亦写作 " + asked);
        }
        if (!about.isEmpty()) {
            parts.add(html("<p class=\"meta\">{}</p>", String.join(" · ", about)));
        }
        if (answer != null) {
            parts.add(html(
                    "<p class=\"summary\">调研 <b>{}</b> 家公司 · <b>{}</b> 次</p>",
                    answer.path("companies").asLong(),
                    answer.path("visits").asLong()));
        }
        if (hits.isEmpty() && (answer == null || answer.path("companiesVisited").isEmpty())) {
            parts.add(Layout.notice("empty", "还没有 " + asked + " 的调研记录。"));
        }
        parts.add(chart(visits, "调研次数", "公司数（去重）"));
        Safe table;
        if (apiError != null) {
            table = Layout.notice("error", "机构统计暂不可用：" + apiError);
        } else {
            List<Safe> rows = new ArrayList<>();
            for (JsonNode c : answer.path("companiesVisited")) {
                rows.add(html(
                        "<tr><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                        Layout.companyLink(
                                c.path("companyCode").asText(null),
                                c.path("companyName").asText(null)),
                        c.path("visits").asLong(),
                        c.path("firstDate").asText("—"),
                        c.path("lastDate").asText("—"),
                        String.join("、", AnnouncementPage.texts(c.path("people")))));
            }
            table = rows.isEmpty() ? Layout.notice("empty", "暂无。") : html("""
                    <div class="scroll"><table class="companies">
                    <thead><tr><th>公司</th><th>次数</th><th>首次</th><th>最近</th><th>人员</th></tr></thead>
                    <tbody>{}</tbody></table></div>
                    """, Html.join(rows));
        }
        parts.add(html("<section><h2>调研过的公司</h2>{}</section>", table));
        List<Safe> rows = new ArrayList<>();
        for (JsonNode hit : hits) {
            JsonNode v = hit.path("_source");
            String code = v.path("companyCode").asText();
            String date = v.path("activityDate").asText(v.path("activityDay").asText(""));
            boolean first = date.equals(firstDates.get(code));
            rows.add(html(
                    "<tr><td><time>{}</time></td><td>{}{}</td><td>{}</td><td>{}</td></tr>",
                    date,
                    Layout.companyLink(code, v.path("companyName").asText(null)),
                    first ? new Safe(" <span class=\"badge\" title=\"首次调研该公司\">首次</span>") : Safe.EMPTY,
                    String.join("、", AnnouncementPage.texts(v.path("people"))),
                    Layout.announcementLink(v.path("announcementId").asText(), Html.text("记录"))));
        }
        parts.add(timeline(visits, rows, "<th>日期</th><th>公司</th><th>人员</th><th>公告</th>"));
        return Layout.page(canonical, Layout.Nav.NONE, Html.join(parts), "echarts.min.js", "charts.js");
    }

    /** The earliest written date per {@code key} among the visits listed (they come newest first). */
    private static void earliest(JsonNode hits, String key, Map<String, String> out) {
        for (JsonNode hit : hits) {
            JsonNode v = hit.path("_source");
            String date = v.path("activityDate").asText(null);
            if (date != null) {
                out.put(v.path(key).asText(), date);
            }
        }
    }

    private static Safe timeline(JsonNode visits, List<Safe> rows, String header) {
        if (rows.isEmpty()) {
            return Safe.EMPTY;
        }
        long total = visits.path("hits").path("total").path("value").asLong(rows.size());
        return html(
                """
                <section><h2>调研记录（{}）</h2><div class="scroll"><table class="visits">
                <thead><tr>{}</tr></thead><tbody>{}</tbody></table></div>{}</section>
                """,
                total,
                new Safe(header),
                Html.join(rows),
                total > rows.size() ? Layout.notice("info", "只列出最近 " + rows.size() + " 次。") : Safe.EMPTY);
    }

    /** The per-month chart: its data as inert JSON beside an empty box that {@code charts.js} draws into. */
    static Safe chart(JsonNode visits, String barName, String lineName) {
        JsonNode buckets = visits.path("aggregations").path("months").path("buckets");
        if (!buckets.isArray() || buckets.isEmpty()) {
            return Safe.EMPTY;
        }
        ObjectNode data = Json.mapper().createObjectNode();
        ArrayNode months = data.putArray("months");
        ArrayNode bars = data.putArray("visits");
        ArrayNode line = data.putArray("distinct");
        data.put("visitsName", barName);
        data.put("distinctName", lineName);
        for (JsonNode b : buckets) {
            months.add(b.path("key").asText());
            bars.add(b.path("doc_count").asLong());
            line.add(b.path("distinct").path("value").asLong());
        }
        return html("""
                <section><h2>按月</h2>
                <div id="chart" class="chart" role="img" aria-label="{}与{}按月"></div>
                <script type="application/json" id="chart-data">{}</script></section>
                """, barName, lineName, Html.jsonForScript(Json.write(data)));
    }
}
