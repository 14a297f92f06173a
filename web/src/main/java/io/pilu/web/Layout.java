package io.pilu.web;

import static io.pilu.web.Html.html;

import io.pilu.web.Html.Safe;
import java.util.ArrayList;
import java.util.List;

/** The frame of every page: head (viewport for narrow screens, one stylesheet), navigation, body, scripts. */
final class Layout {

    private Layout() {}

    enum Nav {
        SEARCH,
        RANKINGS,
        LIVE,
        NONE
    }

    /**
     * A whole page. {@code scripts} are paths under {@code /static/} (served by this app; the CSP allows no other
     * script source).
     */
    static Safe page(String title, Nav active, Safe body, String... scripts) {
        List<Safe> tags = new ArrayList<>();
        for (String s : scripts) {
            tags.add(html("<script src=\"/static/{}\" defer></script>", s));
        }
        return html(
                """
                <!DOCTYPE html>
                <html lang="zh-CN">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>{} · Pilu</title>
                <link rel="icon" href="data:,">
                <link rel="stylesheet" href="/static/pilu.css">
                {}
                </head>
                <body>
                <header class="top"><a class="brand" href="/">Pilu <span>披露</span></a>
                <nav>{}{}{}</nav></header>
                <main>
                {}
                </main>
                <footer>Pilu · 只读 · 数据来自交易所公告与 Pilu 的抽取</footer>
                </body>
                </html>
                """,
                title,
                Html.join(tags),
                navLink("/", "搜索", active == Nav.SEARCH),
                navLink("/rankings", "排行", active == Nav.RANKINGS),
                navLink("/live", "实时", active == Nav.LIVE),
                body);
    }

    private static Safe navLink(String href, String label, boolean active) {
        return active
                ? html("<a href=\"{}\" aria-current=\"page\">{}</a>", href, label)
                : html("<a href=\"{}\">{}</a>", href, label);
    }

    /** A notice box (an error, an empty state, a service that did not answer). */
    static Safe notice(String kind, String message) {
        return html("<p class=\"notice {}\">{}</p>", kind, message);
    }

    static Safe companyLink(String code, String name) {
        if (code == null || code.isBlank()) {
            return Html.text(name);
        }
        return html(
                "<a href=\"/companies/{}\">{}</a>",
                Html.segment(code),
                name == null || name.isBlank() ? code : name + " (" + code + ")");
    }

    static Safe institutionLink(String name, String label) {
        if (name == null || name.isBlank()) {
            return Html.text(label);
        }
        return html("<a href=\"/institutions/{}\">{}</a>", Html.segment(name), label == null ? name : label);
    }

    static Safe announcementLink(String id, Safe label) {
        return html("<a href=\"/announcements/{}\">{}</a>", Html.segment(id), label);
    }

    /** A link to the original document, or nothing when the URL is not plain http(s). */
    static Safe originalLink(String url) {
        String safe = Html.externalUrl(url);
        return safe == null
                ? Safe.EMPTY
                : html("<a class=\"original\" href=\"{}\" rel=\"noopener noreferrer\" target=\"_blank\">原文</a>", safe);
    }
}
