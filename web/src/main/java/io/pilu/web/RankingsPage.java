package io.pilu.web;

import static io.pilu.web.Html.html;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilu.web.Html.Safe;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /rankings?window=30|90|365&asOf=}: companies by distinct institutions and the most active institutions
 * in the window, from the analytics API. The window ends on {@code asOf} (default today, Asia/Shanghai, as the API
 * counts); when it holds nothing, the page offers the window ending on the latest activity on record.
 */
final class RankingsPage {

    static final List<Integer> WINDOWS = List.of(30, 90, 365);
    static final int LIMIT = 20;

    private RankingsPage() {}

    static int window(Params p) {
        int days = p.integer("window", 90, 1, 3660);
        if (!WINDOWS.contains(days)) {
            throw new Params.BadRequest("window must be one of " + WINDOWS + " days, got " + days);
        }
        return days;
    }

    /**
     * @param latestActivity the latest activity day on record (offered when the window is empty), or null
     */
    static Safe render(
            int days, LocalDate asOf, JsonNode companies, JsonNode institutions, String error, String latestActivity) {
        List<Safe> tabs = new ArrayList<>();
        for (int w : WINDOWS) {
            String href = "/rankings?window=" + w + (asOf == null ? "" : "&asOf=" + asOf);
            tabs.add(
                    w == days
                            ? html("<span aria-current=\"page\">{} 天</span>", w)
                            : html("<a href=\"{}\">{} 天</a>", href, w));
        }
        List<Safe> parts = new ArrayList<>();
        parts.add(html("""
                <h1>排行</h1>
                <form class="asof" method="get" action="/rankings"><nav class="tabs" aria-label="时间窗口">{}</nav>
                <input type="hidden" name="window" value="{}">
                <label>截至<input type="date" name="asOf" value="{}"></label><button type="submit">查看</button></form>
                """, Html.join(tabs), days, asOf));
        if (error != null) {
            parts.add(Layout.notice("error", "排行暂不可用：" + error));
            return Layout.page("排行", Layout.Nav.RANKINGS, Html.join(parts));
        }
        JsonNode companyRows = companies.path("companies");
        JsonNode institutionRows = institutions.path("institutions");
        parts.add(html(
                "<p class=\"meta\">{} 至 {}</p>",
                companies.path("from").asText(""),
                companies.path("to").asText("")));
        if (companyRows.isEmpty() && institutionRows.isEmpty() && latestActivity != null) {
            parts.add(html(
                    "<p class=\"notice empty\">这 {} 天里没有调研记录。最近一次调研在 {}：<a href=\"{}\">查看截至那天的 {} 天</a></p>",
                    days,
                    latestActivity,
                    "/rankings?window=" + days + "&asOf=" + Html.param(latestActivity),
                    days));
        }
        List<Safe> c = new ArrayList<>();
        for (JsonNode r : companyRows) {
            c.add(html(
                    "<tr><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                    r.path("rank").asInt(),
                    Layout.companyLink(
                            r.path("companyCode").asText(null),
                            r.path("companyName").asText(null)),
                    r.path("institutions").asLong(),
                    r.path("visits").asLong()));
        }
        List<Safe> i = new ArrayList<>();
        for (JsonNode r : institutionRows) {
            i.add(html(
                    "<tr><td class=\"num\">{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                    r.path("rank").asInt(),
                    Layout.institutionLink(
                            r.path("normalizedName").asText(null),
                            r.path("normalizedName").asText(null)),
                    Labels.entityType(r.path("type").asText(null)),
                    r.path("companies").asLong(),
                    r.path("visits").asLong()));
        }
        parts.add(html("""
                <div class="two">
                <section><h2>最受关注的公司</h2><div class="scroll"><table class="ranking" id="ranking-companies">
                <thead><tr><th>#</th><th>公司</th><th>机构数</th><th>调研次数</th></tr></thead><tbody>{}</tbody></table></div></section>
                <section><h2>最活跃的机构</h2><div class="scroll"><table class="ranking" id="ranking-institutions">
                <thead><tr><th>#</th><th>机构</th><th>类型</th><th>公司数</th><th>调研次数</th></tr></thead><tbody>{}</tbody></table></div></section>
                </div>
                """, Html.join(c), Html.join(i)));
        return Layout.page("排行", Layout.Nav.RANKINGS, Html.join(parts));
    }
}
