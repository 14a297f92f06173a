package io.pilu.ingest.cninfo;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilu.ingest.cninfo.CninfoSchemaException.Kind;
import io.pilu.ingest.http.HttpFailureException;
import io.pilu.ingest.listing.ListingSchemaException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Company code → orgId through cninfo's stock list ({@code GET /new/data/szse_stock.json}, contract §3), cached for
 * a while (about a day, as other crawlers do) so that a crawl does not fetch a 500 KB list per poll. An orgId is
 * always looked up, never built from the code: real ones take many forms ({@code gssz0000001},
 * {@code 9900005965}, {@code GD165627}…), and a wrong one makes the server silently answer "no results".
 */
public final class CninfoStockList {

    /** The path of the list on the site. */
    public static final String PATH = "/new/data/szse_stock.json";

    /** One row of the list. */
    public record Stock(String code, String orgId, String category, String pinyin, String name) {}

    /** Fetches and parses the list (the client's HTTP side; a test's canned list). */
    @FunctionalInterface
    public interface Loader {
        Map<String, Stock> load()
                throws ListingSchemaException, CninfoBlockedException, HttpFailureException, InterruptedException;
    }

    private final Loader loader;
    private final Clock clock;
    private final Duration ttl;
    private Map<String, Stock> stocks;
    private Instant loadedAt;

    public CninfoStockList(Loader loader, Clock clock, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("stock list TTL must be positive, got " + ttl);
        }
        this.loader = loader;
        this.clock = clock;
        this.ttl = ttl;
    }

    /**
     * The orgId of each of {@code codes}, in their order; the list is fetched when it was never fetched or is older
     * than the TTL.
     *
     * @throws CninfoUnknownCodeException naming every code the list does not have
     */
    public synchronized Map<String, String> orgIds(Collection<String> codes)
            throws CninfoUnknownCodeException, ListingSchemaException, CninfoBlockedException, HttpFailureException,
                    InterruptedException {
        Map<String, Stock> current = current();
        Map<String, String> out = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String raw : codes) {
            String code = raw == null ? "" : raw.strip();
            Stock s = current.get(code);
            if (s == null) {
                unknown.add(code.isEmpty() ? "(empty)" : code);
            } else {
                out.put(code, s.orgId());
            }
        }
        if (!unknown.isEmpty()) {
            throw new CninfoUnknownCodeException(unknown);
        }
        return out;
    }

    /** The whole list (fetched if stale), by code. */
    public synchronized Map<String, Stock> stocks()
            throws ListingSchemaException, CninfoBlockedException, HttpFailureException, InterruptedException {
        return current();
    }

    private Map<String, Stock> current()
            throws ListingSchemaException, CninfoBlockedException, HttpFailureException, InterruptedException {
        Instant now = clock.instant();
        if (stocks == null || !now.isBefore(loadedAt.plus(ttl))) {
            stocks = Map.copyOf(loader.load());
            loadedAt = now;
        }
        return stocks;
    }

    /**
     * Parses the list: {@code {"stockList":[{"orgId","category","code","pinyin","zwjc"}…]}}. Fails closed on any
     * other shape, on a row without {@code code} or {@code orgId}, and on one code listed with two orgIds.
     */
    public static Map<String, Stock> parse(String body) throws CninfoSchemaException {
        JsonNode root = CninfoResponseParser.readJson(body);
        JsonNode list = root.isObject() ? root.get("stockList") : null;
        if (list == null || !list.isArray()) {
            throw new CninfoSchemaException(
                    Kind.SHAPE,
                    "stock list: $.stockList: expected an array, got "
                            + (list == null
                                    ? "nothing"
                                    : list.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        Map<String, Stock> out = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "stock list: $.stockList[" + i + "]";
            JsonNode row = list.get(i);
            if (!row.isObject()) {
                throw new CninfoSchemaException(Kind.SHAPE, path + ": expected an object");
            }
            String code = field(row, "code", path, true);
            String orgId = field(row, "orgId", path, true);
            Stock stock = new Stock(
                    code,
                    orgId,
                    field(row, "category", path, false),
                    field(row, "pinyin", path, false),
                    field(row, "zwjc", path, false));
            Stock before = out.putIfAbsent(code, stock);
            if (before != null && !before.orgId().equals(orgId)) {
                throw new CninfoSchemaException(
                        Kind.SHAPE,
                        path + ": code " + code + " listed with two orgIds, " + before.orgId() + " and " + orgId);
            }
        }
        return out;
    }

    private static String field(JsonNode row, String key, String path, boolean required) throws CninfoSchemaException {
        JsonNode n = row.get(key);
        if (n == null || n.isNull()) {
            if (required) {
                throw new CninfoSchemaException(Kind.SHAPE, path + "." + key + ": expected a string, got nothing");
            }
            return "";
        }
        if (!n.isTextual() || (required && n.asText().isBlank())) {
            throw new CninfoSchemaException(
                    Kind.SHAPE,
                    path + "." + key + ": expected a non-empty string, got "
                            + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return n.asText().strip();
    }
}
