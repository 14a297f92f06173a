package io.pilu.web;

import static io.pilu.web.Html.html;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilu.model.DocumentClass;
import io.pilu.sink.search.SearchRequest;
import io.pilu.web.Html.Safe;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /}: Chinese full text over the announcements, with filters, highlighted fragments and pages. */
final class SearchPage {

    static final int PAGE_SIZE = 20;
    /** Pages reachable: Elasticsearch's result window bounds from + size. */
    static final int MAX_PAGE = SearchRequest.MAX_WINDOW / PAGE_SIZE;

    private SearchPage() {}

    /** The form's values, as given (blank = unset). */
    record Form(
            String q,
            String exchange,
            String company,
            String documentClass,
            String institution,
            String activityType,
            LocalDate from,
            LocalDate to,
            String sort,
            int page) {

        static Form of(Params p) {
            String cls = p.string("class");
            if (cls != null) {
                try {
                    DocumentClass.valueOf(cls);
                } catch (IllegalArgumentException e) {
                    throw new Params.BadRequest("unknown document class '" + cls + "'");
                }
            }
            String sort = p.string("sort");
            if (sort != null && !sort.equals("relevance") && !sort.equals("newest")) {
                throw new Params.BadRequest("sort must be relevance or newest, got '" + sort + "'");
            }
            Form f = new Form(
                    p.string("q"),
                    p.string("exchange"),
                    p.string("company"),
                    cls,
                    p.string("institution"),
                    p.string("activity"),
                    p.date("from"),
                    p.date("to"),
                    sort,
                    p.integer("page", 1, 1, MAX_PAGE));
            if (f.from != null && f.to != null && f.from.isAfter(f.to)) {
                throw new Params.BadRequest("the date range starts (" + f.from + ") after it ends (" + f.to + ")");
            }
            return f;
        }

        /** Newest first unless relevance is asked for — or by relevance when there are words to rank by. */
        boolean newestFirst() {
            return sort == null ? q == null : sort.equals("newest");
        }

        SearchRequest request() {
            return new SearchRequest(
                    q,
                    company,
                    documentClass == null ? null : DocumentClass.valueOf(documentClass),
                    from,
                    to,
                    institution,
                    PAGE_SIZE,
                    SearchRequest.HighlightStyle.PRIVATE_USE,
                    exchange,
                    activityType,
                    (page - 1) * PAGE_SIZE,
                    newestFirst() ? SearchRequest.Order.NEWEST : SearchRequest.Order.RELEVANCE);
        }

        /** This search's address on another page. */
        String href(int toPage) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("q", q);
            m.put("exchange", exchange);
            m.put("company", company);
            m.put("class", documentClass);
            m.put("institution", institution);
            m.put("activity", activityType);
            m.put("from", from);
            m.put("to", to);
            m.put("sort", sort);
            m.put("page", toPage == 1 ? null : toPage);
            StringBuilder sb = new StringBuilder("/");
            m.forEach((k, v) -> {
                if (v != null) {
                    sb.append(sb.length() == 1 ? '?' : '&')
                            .append(k)
                            .append('=')
                            .append(Html.param(v.toString()));
                }
            });
            return sb.toString();
        }
    }

    static Safe render(Form form, JsonNode response, String error) {
        List<Safe> parts = new ArrayList<>();
        parts.add(form(form));
        if (error != null) {
            parts.add(Layout.notice("error", error));
        } else {
            parts.add(results(form, response));
        }
        return Layout.page(form.q == null ? "搜索公告" : form.q + " · 搜索", Layout.Nav.SEARCH, Html.join(parts));
    }

    private static Safe form(Form f) {
        List<Safe> exchanges = new ArrayList<>();
        exchanges.add(option("", "全部交易所", f.exchange));
        Labels.EXCHANGES.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> exchanges.add(option(e.getKey(), e.getValue(), f.exchange)));
        List<Safe> classes = new ArrayList<>();
        classes.add(option("", "全部类别", f.documentClass));
        for (DocumentClass c : DocumentClass.values()) {
            classes.add(option(c.name(), Labels.DOCUMENT_CLASSES.get(c), f.documentClass));
        }
        List<Safe> activities = new ArrayList<>();
        activities.add(option("", "全部活动类型", f.activityType));
        for (String a : Labels.ACTIVITY_TYPES) {
            activities.add(option(a, a, f.activityType));
        }
        boolean filtered = f.exchange != null
                || f.company != null
                || f.documentClass != null
                || f.institution != null
                || f.activityType != null
                || f.from != null
                || f.to != null;
        return html(
                """
                <form class="search" method="get" action="/" role="search">
                <div class="searchbar"><input type="search" name="q" value="{}" placeholder="公司、机构、关键词，如 智谱华章" aria-label="搜索词" autofocus>
                <button type="submit">搜索</button></div>
                <details class="filters"{}><summary>筛选</summary>
                <div class="grid">
                <label>交易所<select name="exchange">{}</select></label>
                <label>公司代码或简称<input name="company" value="{}" placeholder="839493 或 并行科技"></label>
                <label>公告类别<select name="class">{}</select></label>
                <label>调研机构<input name="institution" value="{}" placeholder="中邮证券"></label>
                <label>活动类型<select name="activity">{}</select></label>
                <label>发布日期自<input type="date" name="from" value="{}"></label>
                <label>至<input type="date" name="to" value="{}"></label>
                <label>排序<select name="sort">{}{}</select></label>
                </div></details>
                </form>
                """,
                f.q,
                filtered ? new Safe(" open") : Safe.EMPTY,
                Html.join(exchanges),
                f.company,
                Html.join(classes),
                f.institution,
                Html.join(activities),
                f.from,
                f.to,
                option("relevance", "相关度", f.newestFirst() ? "newest" : "relevance"),
                option("newest", "最新发布", f.newestFirst() ? "newest" : "relevance"));
    }

    private static Safe option(String value, String label, String selected) {
        return value.equals(selected == null ? "" : selected)
                ? html("<option value=\"{}\" selected>{}</option>", value, label)
                : html("<option value=\"{}\">{}</option>", value, label);
    }

    private static Safe results(Form f, JsonNode response) {
        JsonNode hits = response.path("hits");
        long total = hits.path("total").path("value").asLong(0);
        if (total == 0) {
            return Layout.notice("empty", f.q == null ? "还没有符合条件的公告。" : "没有找到与“" + f.q + "”相关的公告。");
        }
        List<Safe> items = new ArrayList<>();
        for (JsonNode hit : hits.path("hits")) {
            items.add(hit(hit));
        }
        String relation = hits.path("total").path("relation").asText("eq");
        return html(
                """
                <p class="count">{} 条结果 · {} · 用时 {} 毫秒</p>
                <ol class="hits" start="{}">{}</ol>
                {}
                """,
                (relation.equals("gte") ? "≥" : "") + total,
                f.newestFirst() ? "最新发布在前" : "按相关度",
                response.path("took").asLong(),
                (f.page - 1) * PAGE_SIZE + 1,
                Html.join(items),
                pager(f, total));
    }

    static Safe hit(JsonNode hit) {
        JsonNode s = hit.path("_source");
        JsonNode hl = hit.path("highlight");
        String id = s.path("id").asText(hit.path("_id").asText());
        Safe title = hl.path("title").isArray() && !hl.path("title").isEmpty()
                ? Html.highlighted(hl.path("title").get(0).asText())
                : Html.text(s.path("title").asText("(无标题)"));
        List<Safe> fragments = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        // Q&A pairs are searched as part of the text (analysed once), so their fragments come from text
        for (JsonNode f : hl.path("text")) {
            String text = f.asText().replaceAll("\\s+", " ").strip();
            if (seen.add(text)) {
                fragments.add(html("<p class=\"fragment\">…{}…</p>", Html.highlighted(text)));
            }
        }
        List<Safe> people = new ArrayList<>();
        for (JsonNode p : s.path("ir").path("participants")) {
            people.add(html("<li>{}</li>", Layout.institutionLink(p.asText(), p.asText())));
        }
        return html(
                """
                <li class="hit">
                <h2>{}</h2>
                <p class="meta">{} · <time>{}</time> · {} {}</p>
                {}{}
                </li>
                """,
                Layout.announcementLink(id, title),
                Layout.companyLink(
                        s.path("companyCode").asText(null),
                        s.path("companyName").asText(null)),
                s.path("publishDate").asText(""),
                Labels.documentClass(s.path("documentClass").asText(null)),
                Layout.originalLink(s.path("documentUrl").asText(null)),
                people.isEmpty()
                        ? Safe.EMPTY
                        : html("<ul class=\"chips\" aria-label=\"调研机构\">{}</ul>", Html.join(people)),
                Html.join(fragments));
    }

    private static Safe pager(Form f, long total) {
        int pages = (int) Math.min(MAX_PAGE, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        if (pages <= 1) {
            return Safe.EMPTY;
        }
        List<Safe> links = new ArrayList<>();
        if (f.page > 1) {
            links.add(html("<a rel=\"prev\" href=\"{}\">上一页</a>", f.href(f.page - 1)));
        }
        for (int p = Math.max(1, f.page - 3); p <= Math.min(pages, f.page + 3); p++) {
            links.add(
                    p == f.page
                            ? html("<span aria-current=\"page\">{}</span>", p)
                            : html("<a href=\"{}\">{}</a>", f.href(p), p));
        }
        if (f.page < pages) {
            links.add(html("<a rel=\"next\" href=\"{}\">下一页</a>", f.href(f.page + 1)));
        }
        return html("<nav class=\"pager\" aria-label=\"分页\">{}</nav>", Html.join(links));
    }
}
