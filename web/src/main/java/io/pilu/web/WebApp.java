package io.pilu.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pilu.web.Html.Safe;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every page of {@code pilu web}, routed by path. Read-only: GET and HEAD only. Each answer carries a strict
 * Content-Security-Policy (scripts, styles and fetches from this origin only; no inline script or style, no
 * frames, no plugins), so even a string that escaped escaping could not run.
 */
final class WebApp implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(WebApp.class);

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    static final List<String> PAGES = List.of(
            "search", "announcement", "company", "institution", "rankings", "live", "live_feed", "static", "not_found");

    private final Elastic es;
    private final Analytics analytics;
    private final StaticAssets assets = new StaticAssets();
    private final MeterRegistry registry;

    WebApp(Elastic es, Analytics analytics, MeterRegistry registry) {
        this.es = es;
        this.analytics = analytics;
        this.registry = registry;
        for (String page : PAGES) {
            timer(page, 200); // the series exist from the start, for dashboards
        }
    }

    private Timer timer(String page, int status) {
        return Timer.builder("pilu.web.request.latency")
                .tag("page", page)
                .tag("status", Integer.toString(status))
                .description("time to answer a web request, Elasticsearch and analytics calls included")
                .publishPercentileHistogram()
                .register(registry);
    }

    /** One answer. */
    record Reply(int status, String contentType, byte[] body, String cacheControl, StaticAssets.Asset asset) {
        static Reply html(int status, Safe page) {
            return new Reply(
                    status,
                    "text/html; charset=utf-8",
                    page.markup().getBytes(StandardCharsets.UTF_8),
                    "no-cache",
                    null);
        }

        static Reply json(String json) {
            return new Reply(
                    200, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8), "no-store", null);
        }
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        long started = System.nanoTime();
        String page = "not_found";
        Reply reply;
        try {
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                reply = Reply.html(405, error("只读", "这个站点只读：只接受 GET。"));
            } else {
                String[] path = segments(ex.getRequestURI().getRawPath());
                page = pageOf(path);
                reply = route(page, path, Params.parse(ex.getRequestURI().getRawQuery()));
            }
        } catch (Params.BadRequest e) {
            reply = Reply.html(400, error("请求有误", e.getMessage()));
        } catch (Elastic.Unavailable e) {
            log.warn("web {}: {}", page, e.getMessage());
            reply = Reply.html(503, error("暂不可用", e.getMessage()));
        } catch (RuntimeException e) {
            log.error("web {} failed", page, e);
            reply = Reply.html(500, error("出错了", e.toString()));
        }
        timer(page, reply.status()).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        send(ex, reply);
    }

    static String pageOf(String[] p) {
        if (p.length == 0) {
            return "search";
        }
        return switch (p[0]) {
            case "announcements" -> p.length == 2 ? "announcement" : "not_found";
            case "companies" -> p.length == 2 ? "company" : "not_found";
            case "institutions" -> p.length == 2 ? "institution" : "not_found";
            case "rankings" -> p.length == 1 ? "rankings" : "not_found";
            case "live" -> p.length == 1 ? "live" : p.length == 2 && p[1].equals("feed") ? "live_feed" : "not_found";
            case "static" -> p.length == 2 ? "static" : "not_found";
            default -> "not_found";
        };
    }

    private Reply route(String page, String[] p, Params params) {
        switch (page) {
            case "search": {
                SearchPage.Form form = SearchPage.Form.of(params);
                return Reply.html(200, SearchPage.render(form, es.search(form.request()), null));
            }
            case "announcement": {
                String id = key(p[1]);
                JsonNode doc = es.announcement(id);
                if (doc == null) {
                    return Reply.html(404, error("找不到公告", "没有 id 为 " + id + " 的公告（可能尚未索引，或已撤回）。"));
                }
                return Reply.html(
                        200,
                        AnnouncementPage.render(
                                doc,
                                es.visitsOfAnnouncement(id, doc.path("filingId").asText(null))));
            }
            case "company": {
                String code = key(p[1]);
                JsonNode visitors = null;
                String apiError = null;
                try {
                    visitors = analytics.companyVisitors(code);
                } catch (Analytics.Failure f) {
                    apiError = f.getMessage();
                }
                JsonNode visits = es.visitsBy(List.of("companyCode"), List.of(code), "institution");
                return Reply.html(200, CoveragePages.company(code, visitors, apiError, visits));
            }
            case "institution": {
                String name = key(p[1]);
                JsonNode answer = null;
                String apiError = null;
                try {
                    answer = analytics.institutionVisits(name);
                } catch (Analytics.Failure f) {
                    apiError = f.getMessage();
                }
                java.util.Set<String> names = new java.util.LinkedHashSet<>(List.of(name));
                if (answer != null && answer.hasNonNull("normalizedName")) {
                    names.add(answer.get("normalizedName").asText());
                }
                JsonNode visits = es.visitsBy(List.of("institution", "institutionName"), names, "companyCode");
                return Reply.html(200, CoveragePages.institution(name, answer, apiError, visits));
            }
            case "rankings": {
                int days = RankingsPage.window(params);
                LocalDate asOf = params.date("asOf");
                String asOfText = asOf == null ? null : asOf.toString();
                try {
                    JsonNode companies = analytics.companyRanking(days, asOfText, RankingsPage.LIMIT);
                    JsonNode institutions = analytics.institutionRanking(days, asOfText, RankingsPage.LIMIT);
                    String latest = companies.path("companies").isEmpty()
                                    && institutions.path("institutions").isEmpty()
                            ? es.latestActivityDay()
                            : null;
                    return Reply.html(200, RankingsPage.render(days, asOf, companies, institutions, null, latest));
                } catch (Analytics.Failure f) {
                    return Reply.html(503, RankingsPage.render(days, asOf, null, null, f.getMessage(), null));
                }
            }
            case "live":
                return Reply.html(200, LivePage.render(es.newest(LivePage.SIZE)));
            case "live_feed":
                return Reply.json(LivePage.feed(es.newest(LivePage.SIZE)));
            case "static": {
                StaticAssets.Asset a = assets.get(p[1]);
                if (a == null) {
                    return Reply.html(404, error("找不到", "没有这个文件。"));
                }
                return new Reply(200, a.contentType(), a.bytes(), "public, max-age=3600", a);
            }
            default:
                return Reply.html(404, error("找不到页面", "这个地址没有页面。"));
        }
    }

    private static String key(String rawSegment) {
        String k = Params.decode(rawSegment).strip();
        if (k.isEmpty() || k.length() > Params.MAX_LENGTH) {
            throw new Params.BadRequest(
                    "the address names nothing, or something longer than " + Params.MAX_LENGTH + " characters");
        }
        return k;
    }

    /** Path segments, raw (still percent-encoded); an empty array for {@code /}. */
    static String[] segments(String rawPath) {
        String p = rawPath == null ? "" : rawPath;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/");
    }

    private static Safe error(String title, String message) {
        return Layout.page(title, Layout.Nav.NONE, Html.html("<h1>{}</h1>{}", title, Layout.notice("error", message)));
    }

    private static void send(HttpExchange ex, Reply reply) throws IOException {
        try (ex) {
            Headers h = ex.getResponseHeaders();
            h.set("Content-Type", reply.contentType());
            h.set("Content-Security-Policy", CSP);
            h.set("X-Content-Type-Options", "nosniff");
            h.set("X-Frame-Options", "DENY");
            h.set("Referrer-Policy", "no-referrer");
            h.set("Cross-Origin-Opener-Policy", "same-origin");
            h.set("Cache-Control", reply.cacheControl());
            if (reply.status() == 405) {
                h.set("Allow", "GET, HEAD");
            }
            byte[] body = reply.body();
            StaticAssets.Asset asset = reply.asset();
            if (asset != null) {
                h.set("ETag", asset.etag());
                h.set("Vary", "Accept-Encoding");
                if (asset.etag().equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                    ex.sendResponseHeaders(304, -1);
                    return;
                }
                String accept = ex.getRequestHeaders().getFirst("Accept-Encoding");
                if (accept != null && accept.contains("gzip")) {
                    h.set("Content-Encoding", "gzip");
                    body = asset.gzip();
                }
            }
            boolean head = ex.getRequestMethod().equals("HEAD");
            ex.sendResponseHeaders(reply.status(), head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }
}
