package io.pilu.analytics.query;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pilu.analytics.topology.InstitutionNames;
import io.pilu.analytics.topology.Side;
import io.pilu.model.EntityType;
import io.pilu.model.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query API, {@code /api/...}, as JSON:
 *
 * <pre>
 *   GET /api/companies/{code}/visitors?from=&amp;to=
 *   GET /api/companies/{code}/new-visitors?since=
 *   GET /api/institutions/{name}/visits?from=&amp;to=            {name} as written or canonical
 *   GET /api/rankings/companies?window=30d&amp;asOf=&amp;limit=&amp;by=institutions|visits
 *   GET /api/rankings/institutions?window=90d&amp;asOf=&amp;type=&amp;limit=&amp;by=visits|companies
 * </pre>
 *
 * Windows are the {@code N} days ending on {@code asOf} inclusive ({@code asOf} defaults to today in
 * Asia/Shanghai); dates count as {@link io.pilu.analytics.topology.ActivityDates} says. 400 with a message for a
 * bad parameter, 503 with {@code Retry-After} while the answer cannot be given whole, 404 for an unknown path.
 */
public final class AnalyticsApi implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(AnalyticsApi.class);
    /** The exchange's time zone: "today" for a default {@code asOf}. */
    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Seconds a client should wait before asking again after a 503. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private static final List<String> RANGE = List.of("from", "to");
    private static final List<String> COMPANY_RANKING = List.of("window", "asOf", "limit", "by");
    private static final List<String> INSTITUTION_RANKING = List.of("window", "asOf", "limit", "by", "type");
    private static final List<String> PART = List.of("from", "to", "limit", "by", "type", "partitions");

    private final Supplier<QueryRouter> router;
    private final InstitutionNames names;
    private final Clock clock;
    private final MeterRegistry registry;

    /** {@code router} is null until Streams is created: every query is then a 503. */
    public AnalyticsApi(Supplier<QueryRouter> router, InstitutionNames names, Clock clock, MeterRegistry registry) {
        this.router = router;
        this.names = names;
        this.clock = clock;
        this.registry = registry;
        // the latency series exist from the start (dashboards and alerts are checked against scraped names)
        for (String endpoint : List.of(
                "company_visitors",
                "company_new_visitors",
                "institution_visits",
                "rankings_companies",
                "rankings_institutions")) {
            timer(endpoint, 200);
        }
    }

    private Timer timer(String endpoint, int status) {
        return Timer.builder("pilu.analytics.query.latency")
                .tag("endpoint", endpoint)
                .tag("status", Integer.toString(status))
                .description("time to answer a query, forwarding included")
                .publishPercentileHistogram()
                .register(registry);
    }

    private record Reply(int status, String body) {}

    @Override
    public void handle(HttpExchange ex) throws IOException {
        long started = System.nanoTime();
        String endpoint = "unknown";
        Reply reply;
        try {
            if (!"GET".equals(ex.getRequestMethod())) {
                reply = error(405, "only GET is served");
            } else {
                String[] path = segments(ex.getRequestURI().getRawPath());
                endpoint = endpoint(path);
                reply = route(
                        endpoint,
                        path,
                        ex.getRequestURI().getRawQuery(),
                        ex.getRequestHeaders().getFirst(QueryRouter.HOP_HEADER),
                        pathAndQuery(ex));
            }
        } catch (BadRequestException e) {
            reply = error(400, e.getMessage());
        } catch (UnavailableException e) {
            log.info("query {} unavailable: {}", endpoint, e.getMessage());
            reply = error(503, e.getMessage());
        } catch (InvalidStateStoreException e) {
            // a store read while its partition migrates (Streams checks lazily, on the read itself)
            log.info("query {} unavailable: {}", endpoint, e.toString());
            reply = error(503, "store not queryable here right now: " + e.getMessage());
        } catch (RuntimeException e) {
            log.warn("query {} failed", endpoint, e);
            reply = error(500, e.toString());
        }
        timer(endpoint, reply.status()).record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        try (ex) {
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            if (reply.status() == 503) {
                ex.getResponseHeaders().set("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            }
            ex.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static String pathAndQuery(HttpExchange ex) {
        String q = ex.getRequestURI().getRawQuery();
        return ex.getRequestURI().getRawPath() + (q == null ? "" : "?" + q);
    }

    /** The endpoint's name, for metrics and logs (never a key: that would explode the label's values). */
    static String endpoint(String[] p) {
        if (p.length == 4 && p[1].equals("companies") && p[3].equals("visitors")) {
            return "company_visitors";
        }
        if (p.length == 4 && p[1].equals("companies") && p[3].equals("new-visitors")) {
            return "company_new_visitors";
        }
        if (p.length == 4 && p[1].equals("institutions") && p[3].equals("visits")) {
            return "institution_visits";
        }
        if (p.length == 3 && p[1].equals("rankings") && (p[2].equals("companies") || p[2].equals("institutions"))) {
            return "rankings_" + p[2];
        }
        if (p.length == 4
                && p[1].equals("internal")
                && p[2].equals("rankings")
                && (p[3].equals("companies") || p[3].equals("institutions"))) {
            return "internal_rankings_" + p[3];
        }
        return "unknown";
    }

    private Reply route(String endpoint, String[] p, String query, String hop, String pathAndQuery) {
        if (endpoint.equals("unknown")) {
            return error(
                    404,
                    "unknown path; see GET /api/companies/{code}/visitors, /api/companies/{code}/new-visitors, "
                            + "/api/institutions/{name}/visits, /api/rankings/companies, /api/rankings/institutions");
        }
        QueryRouter r = router.get();
        if (r == null) {
            throw new UnavailableException("analytics is starting");
        }
        switch (endpoint) {
            case "company_visitors": {
                QueryParams q = QueryParams.parse(query, RANGE);
                LocalDate from = q.date("from");
                LocalDate to = q.date("to");
                QueryParams.checkRange(from, to);
                String code = key(p[2], "company code");
                return reply(r.lookup(Side.COMPANY, code, hop, pathAndQuery, l -> l.visitors(code, from, to)));
            }
            case "company_new_visitors": {
                QueryParams q = QueryParams.parse(query, List.of("since"));
                LocalDate since = q.requiredDate("since");
                String code = key(p[2], "company code");
                return reply(r.lookup(Side.COMPANY, code, hop, pathAndQuery, l -> l.newVisitors(code, since)));
            }
            case "institution_visits": {
                QueryParams q = QueryParams.parse(query, RANGE);
                LocalDate from = q.date("from");
                LocalDate to = q.date("to");
                QueryParams.checkRange(from, to);
                String asWritten = key(p[2], "institution name");
                String canonical = names.canonical(asWritten);
                return reply(r.lookup(
                        Side.INSTITUTION,
                        canonical,
                        hop,
                        pathAndQuery,
                        l -> l.institutionVisits(asWritten, canonical, from, to)));
            }
            case "rankings_companies": {
                QueryParams q = QueryParams.parse(query, COMPANY_RANKING);
                int days = q.windowDays("window", 30);
                LocalDate asOf = asOf(q);
                LocalDate from = asOf.minusDays(days - 1L);
                String by = q.oneOf("by", LocalQueries.COMPANY_ORDERS);
                int limit = q.limit("limit");
                String internal = "/api/internal/rankings/companies?from=" + from + "&to=" + asOf + "&by=" + by
                        + "&limit=" + limit;
                List<Answers.CompanyRank> rows = new ArrayList<>();
                for (Answers.CompanyRankPart part : r.gather(
                        Side.COMPANY,
                        internal,
                        Answers.CompanyRankPart.class,
                        Answers.CompanyRankPart::partitions,
                        spec -> companyPart(r, spec, from, asOf, by, limit))) {
                    rows.addAll(part.rows());
                }
                rows.sort(LocalQueries.companyOrder(by));
                List<Answers.CompanyRank> top = LocalQueries.ranked(
                        rows.subList(0, Math.min(limit, rows.size())),
                        (x, i) -> new Answers.CompanyRank(
                                i, x.companyCode(), x.companyName(), x.institutions(), x.visits()));
                return ok(new Answers.CompanyRanking(days + "d", asOf, from, asOf, by, top));
            }
            case "rankings_institutions": {
                QueryParams q = QueryParams.parse(query, INSTITUTION_RANKING);
                int days = q.windowDays("window", 90);
                LocalDate asOf = asOf(q);
                LocalDate from = asOf.minusDays(days - 1L);
                String by = q.oneOf("by", LocalQueries.INSTITUTION_ORDERS);
                EntityType type = q.type("type");
                int limit = q.limit("limit");
                String internal = "/api/internal/rankings/institutions?from=" + from + "&to=" + asOf + "&by=" + by
                        + "&limit=" + limit + (type == null ? "" : "&type=" + type);
                List<Answers.InstitutionRank> rows = new ArrayList<>();
                for (Answers.InstitutionRankPart part : r.gather(
                        Side.INSTITUTION,
                        internal,
                        Answers.InstitutionRankPart.class,
                        Answers.InstitutionRankPart::partitions,
                        spec -> institutionPart(r, spec, from, asOf, type, by, limit))) {
                    rows.addAll(part.rows());
                }
                rows.sort(LocalQueries.institutionOrder(by));
                List<Answers.InstitutionRank> top = LocalQueries.ranked(
                        rows.subList(0, Math.min(limit, rows.size())),
                        (x, i) -> new Answers.InstitutionRank(
                                i, x.normalizedName(), x.name(), x.type(), x.companies(), x.visits()));
                return ok(new Answers.InstitutionRanking(days + "d", asOf, from, asOf, type, by, top));
            }
            case "internal_rankings_companies": {
                QueryParams q = QueryParams.parse(query, PART);
                r.requireRunning();
                return ok(companyPart(
                        r,
                        partSpec(r, Side.COMPANY, q, hop),
                        q.requiredDate("from"),
                        q.requiredDate("to"),
                        q.oneOf("by", LocalQueries.COMPANY_ORDERS),
                        q.limit("limit")));
            }
            case "internal_rankings_institutions": {
                QueryParams q = QueryParams.parse(query, PART);
                r.requireRunning();
                return ok(institutionPart(
                        r,
                        partSpec(r, Side.INSTITUTION, q, hop),
                        q.requiredDate("from"),
                        q.requiredDate("to"),
                        q.type("type"),
                        q.oneOf("by", LocalQueries.INSTITUTION_ORDERS),
                        q.limit("limit")));
            }
            default:
                return error(404, "unknown path");
        }
    }

    /** The partitions an internal ranking request asks for: the owned ones, or the standby copies it names. */
    private static QueryRouter.PartSpec partSpec(QueryRouter r, Side side, QueryParams q, String hop) {
        String listed = q.string("partitions");
        if (listed == null || !QueryRouter.HOP_STANDBY.equals(hop)) {
            return new QueryRouter.PartSpec(r.ownedPartitions(side), false);
        }
        Set<Integer> partitions = new java.util.TreeSet<>();
        for (String p : listed.split(",")) {
            try {
                partitions.add(Integer.parseInt(p.strip()));
            } catch (NumberFormatException e) {
                throw new BadRequestException(
                        "partitions must be a comma-separated list of numbers, got '" + listed + "'");
            }
        }
        return new QueryRouter.PartSpec(partitions, true);
    }

    private static Answers.CompanyRankPart companyPart(
            QueryRouter r, QueryRouter.PartSpec spec, LocalDate from, LocalDate to, String by, int limit) {
        Set<Integer> owned = spec.partitions();
        // partitions are independent stores: rank them in parallel
        List<Answers.CompanyRank> rows = new ArrayList<>(owned.parallelStream()
                .flatMap(p -> r.local(p, spec.stale()).companyRanking(from, to, by, limit).stream())
                .toList());
        rows.sort(LocalQueries.companyOrder(by));
        return new Answers.CompanyRankPart(
                List.copyOf(owned), List.copyOf(rows.subList(0, Math.min(limit, rows.size()))));
    }

    private static Answers.InstitutionRankPart institutionPart(
            QueryRouter r,
            QueryRouter.PartSpec spec,
            LocalDate from,
            LocalDate to,
            EntityType type,
            String by,
            int limit) {
        Set<Integer> owned = spec.partitions();
        List<Answers.InstitutionRank> rows = new ArrayList<>(owned.parallelStream()
                .flatMap(p -> r.local(p, spec.stale()).institutionRanking(from, to, type, by, limit).stream())
                .toList());
        rows.sort(LocalQueries.institutionOrder(by));
        return new Answers.InstitutionRankPart(
                List.copyOf(owned), List.copyOf(rows.subList(0, Math.min(limit, rows.size()))));
    }

    private LocalDate asOf(QueryParams q) {
        LocalDate asOf = q.date("asOf");
        return asOf != null ? asOf : LocalDate.now(clock.withZone(SHANGHAI));
    }

    private static String key(String rawSegment, String what) {
        String k = QueryParams.decode(rawSegment).strip();
        if (k.isEmpty() || k.contains("|")) {
            throw new BadRequestException(what + " must be non-empty and contain no '|', got '" + k + "'");
        }
        return k;
    }

    private static String[] segments(String rawPath) {
        String p = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        String[] parts = p.split("/");
        return parts.length > 0 && parts[0].equals("api") ? parts : new String[0];
    }

    private static <T> Reply reply(QueryRouter.Answer<T> answer) {
        if (answer instanceof QueryRouter.Answer.Forwarded<T> f) {
            return new Reply(f.remote().status(), f.remote().body());
        }
        return ok(((QueryRouter.Answer.Local<T>) answer).value());
    }

    private static Reply ok(Object value) {
        return new Reply(200, Json.write(value));
    }

    private static Reply error(int status, String message) {
        return new Reply(status, Json.write(new Answers.Error(status, message)));
    }
}
