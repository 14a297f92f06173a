package io.pilu.ingest.cninfo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The form fields of one {@code POST /new/hisAnnouncement/query} (docs/cninfo-contract.md §1), without the page
 * number. {@code pageSize} is always {@value #PAGE_SIZE}, the server's maximum; {@code secid}, {@code trade},
 * {@code sortName} and {@code sortType} are always sent empty (the server's own order is newest first) and
 * {@code isHLtitle} is always {@code true}, as the site's own page and akshare send them.
 *
 * @param column    market: {@code szse} (Shenzhen and Shanghai), {@code sse} or {@code bj}
 * @param tabName   {@code fulltext} (announcements) or {@code relation} (the 调研 tab)
 * @param plate     board filter, {@code ;}-joined, or empty
 * @param stock     {@code code,orgId} pairs, {@code ;}-joined, or empty (a bare code matches nothing on the server)
 * @param searchkey full-text keyword, or empty
 * @param category  category codes, {@code ;}-joined, or empty
 * @param from      first Beijing calendar day of the window, or null with {@code to} null for no window
 * @param to        last day of the window (whether the server includes it is unconfirmed)
 */
public record CninfoQuery(
        String column,
        String tabName,
        String plate,
        String stock,
        String searchkey,
        String category,
        LocalDate from,
        LocalDate to) {

    /** The only page size the server honours. */
    public static final int PAGE_SIZE = 30;

    public static final Set<String> COLUMNS = Set.of("szse", "sse", "bj");
    public static final Set<String> TABS = Set.of("fulltext", "relation");
    public static final String FULLTEXT = "fulltext";
    public static final String RELATION = "relation";

    public CninfoQuery {
        if (column == null || !COLUMNS.contains(column)) {
            throw new IllegalArgumentException(
                    "cninfo column must be one of szse, sse, bj, got " + (column == null ? "nothing" : quote(column)));
        }
        if (tabName == null || !TABS.contains(tabName)) {
            throw new IllegalArgumentException(
                    "cninfo tab must be fulltext or relation, got " + (tabName == null ? "nothing" : quote(tabName)));
        }
        plate = clean(plate, "plate");
        stock = clean(stock, "stock");
        searchkey = clean(searchkey, "searchkey");
        category = clean(category, "category");
        if ((from == null) != (to == null)) {
            throw new IllegalArgumentException(
                    "cninfo date window needs both ends or neither, got from=" + from + " to=" + to);
        }
        if (from != null && from.isAfter(to)) {
            throw new IllegalArgumentException("cninfo date window starts after it ends: " + from + "~" + to);
        }
    }

    /** All announcements of {@code column} in {@code tabName}, no filter. */
    public static CninfoQuery of(String column, String tabName) {
        return new CninfoQuery(column, tabName, "", "", "", "", null, null);
    }

    /** The same query over {@code from..to} (both null: no window). */
    public CninfoQuery withDates(LocalDate from, LocalDate to) {
        return new CninfoQuery(column, tabName, plate, stock, searchkey, category, from, to);
    }

    /** The same query with another category filter ({@code ;}-joined codes, empty for all). */
    public CninfoQuery withCategory(String category) {
        return new CninfoQuery(column, tabName, plate, stock, searchkey, category, from, to);
    }

    /** The same query on another column. */
    public CninfoQuery withColumn(String column) {
        return new CninfoQuery(column, tabName, plate, stock, searchkey, category, from, to);
    }

    /** The same query on another tab. */
    public CninfoQuery withTab(String tabName) {
        return new CninfoQuery(column, tabName, plate, stock, searchkey, category, from, to);
    }

    /** The same query with another board filter. */
    public CninfoQuery withPlate(String plate) {
        return new CninfoQuery(column, tabName, plate, stock, searchkey, category, from, to);
    }

    /** The same query for the companies in {@code orgIds} (code → orgId, as {@link CninfoStockList} resolves them). */
    public CninfoQuery withStocks(Map<String, String> orgIds) {
        String joined = orgIds.entrySet().stream()
                .map(e -> e.getKey() + "," + e.getValue())
                .collect(Collectors.joining(";"));
        return new CninfoQuery(column, tabName, plate, joined, searchkey, category, from, to);
    }

    /** The same query with another keyword. */
    public CninfoQuery withSearchkey(String searchkey) {
        return new CninfoQuery(column, tabName, plate, stock, searchkey, category, from, to);
    }

    /** {@code from~to}, or empty when there is no window. */
    public String seDate() {
        return from == null ? "" : from + "~" + to;
    }

    /** Every form field, in the order the site's page sends them, for page {@code pageNum} (from 1). */
    public Map<String, String> formFields(int pageNum) {
        if (pageNum < 1) {
            throw new IllegalArgumentException("cninfo pages count from 1, got " + pageNum);
        }
        Map<String, String> f = new LinkedHashMap<>();
        f.put("pageNum", Integer.toString(pageNum));
        f.put("pageSize", Integer.toString(PAGE_SIZE));
        f.put("column", column);
        f.put("tabName", tabName);
        f.put("plate", plate);
        f.put("stock", stock);
        f.put("searchkey", searchkey);
        f.put("secid", "");
        f.put("category", category);
        f.put("trade", "");
        f.put("seDate", seDate());
        f.put("sortName", "");
        f.put("sortType", "");
        f.put("isHLtitle", "true");
        return f;
    }

    /** The {@code application/x-www-form-urlencoded} body for page {@code pageNum} (UTF-8, empty fields kept). */
    public String formBody(int pageNum) {
        return formFields(pageNum).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String clean(String value, String field) {
        if (value == null) {
            return "";
        }
        String v = value.strip();
        for (int i = 0; i < v.length(); i++) {
            if (Character.isISOControl(v.charAt(i))) {
                throw new IllegalArgumentException("cninfo " + field + " contains a control character: " + quote(v));
            }
        }
        return v;
    }

    private static String quote(String s) {
        return '"' + (s.length() > 80 ? s.substring(0, 80) + "…" : s) + '"';
    }
}
