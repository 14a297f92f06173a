package io.pilu.ingest.simulator.cninfo;

import io.pilu.ingest.simulator.ContractViolationException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code /new/hisAnnouncement/query} request as the simulator reads it, and which announcements it selects.
 * Fields come from the form body or the query string of the POST (contract §1: both are seen to work; the body wins
 * when both carry a field). {@code column} and {@code tabName} must be there with a documented value the simulator
 * serves; {@code pageNum} and {@code pageSize} default to 1 and 30 and must be positive integers; {@code seDate} is
 * empty or {@code YYYY-MM-DD~YYYY-MM-DD} (spaces around {@code ~} allowed). Anything else is a contract violation.
 */
public record CninfoQueryRequest(
        String column,
        String tabName,
        int pageNum,
        int pageSize,
        Set<String> plates,
        String stock,
        String searchkey,
        Set<String> categories,
        LocalDate from,
        LocalDate to,
        boolean highlight,
        Map<String, String> fields) {

    /** Columns the simulator serves (the real site has more: hke, third, fund…). */
    public static final Set<String> COLUMNS = Set.of("szse", "sse", "bj");

    public static final Set<String> TABS = Set.of("fulltext", "relation");

    /** Board codes the {@code plate} filter knows: exchange-wide ones and board ones (matched on pageColumn). */
    private static final Map<String, String> BOARD_PLATES = Map.of(
            "szmb", "SZZB",
            "szzx", "SZZX",
            "szcy", "SZCY",
            "shmb", "SHZB",
            "shkcp", "SHKCP");

    private static final Map<String, String> EXCHANGE_PLATES = Map.of("sz", "SZSE", "sh", "SSE", "bj", "BSE");

    /** Reads the fields of a POST: {@code rawQuery} (may be null) and the form {@code body} (may be empty). */
    public static CninfoQueryRequest parse(String rawQuery, String body) throws ContractViolationException {
        Map<String, String> f = new LinkedHashMap<>();
        decodeInto(rawQuery, f);
        decodeInto(body, f);
        String column = f.get("column");
        if (column == null || !COLUMNS.contains(column)) {
            throw new ContractViolationException(
                    "column must be one of szse, sse, bj, got " + (column == null ? "nothing" : "\"" + column + "\""));
        }
        String tab = f.get("tabName");
        if (tab == null || !TABS.contains(tab)) {
            throw new ContractViolationException(
                    "tabName must be fulltext or relation, got " + (tab == null ? "nothing" : "\"" + tab + "\""));
        }
        int pageNum = positive(f, "pageNum", 1);
        int pageSize = positive(f, "pageSize", CninfoSimulator.PAGE_SIZE);
        Set<String> plates = split(f.get("plate"));
        for (String p : plates) {
            if (!BOARD_PLATES.containsKey(p) && !EXCHANGE_PLATES.containsKey(p)) {
                throw new ContractViolationException("plate \"" + p + "\" is not one the simulator knows ("
                        + "sz, sh, bj, szmb, szzx, szcy, shmb, shkcp)");
            }
        }
        LocalDate from = null;
        LocalDate to = null;
        String seDate = f.getOrDefault("seDate", "").strip();
        if (!seDate.isEmpty()) {
            String[] ends = seDate.split("~", -1);
            if (ends.length != 2) {
                throw new ContractViolationException("seDate must be YYYY-MM-DD~YYYY-MM-DD, got \"" + seDate + "\"");
            }
            try {
                from = LocalDate.parse(ends[0].strip());
                to = LocalDate.parse(ends[1].strip());
            } catch (DateTimeParseException e) {
                throw new ContractViolationException("seDate must be YYYY-MM-DD~YYYY-MM-DD, got \"" + seDate + "\"");
            }
        }
        return new CninfoQueryRequest(
                column,
                tab,
                pageNum,
                pageSize,
                plates,
                f.getOrDefault("stock", "").strip(),
                f.getOrDefault("searchkey", "").strip(),
                split(f.get("category")),
                from,
                to,
                !"false".equalsIgnoreCase(f.getOrDefault("isHLtitle", "true").strip()),
                Map.copyOf(f));
    }

    /** The page size served: at most {@value CninfoSimulator#PAGE_SIZE}, whatever was asked. */
    public int effectivePageSize() {
        return Math.min(pageSize, CninfoSimulator.PAGE_SIZE);
    }

    /** What the request matches among {@code all}, newest first (then by id, descending). */
    public List<SimulatedCninfoAnnouncement> select(
            List<SimulatedCninfoAnnouncement> all, CninfoSimulator.Settings settings) {
        Set<String> pairs = stockPairs();
        return all.stream()
                .filter(a -> inColumn(a, settings))
                .filter(a -> tabName.equals("relation")
                        ? a.inRelationTab()
                        : !a.inRelationTab() || settings.irAlsoInFulltext())
                .filter(a -> plates.isEmpty() || plates.stream().anyMatch(p -> onPlate(a, p)))
                .filter(a -> categories.isEmpty() || categories.contains(a.category()))
                .filter(a -> stock.isEmpty() || pairs.contains(a.secCode() + "," + a.orgId()))
                .filter(a -> searchkey.isEmpty()
                        || a.title().contains(searchkey)
                        || a.secName().contains(searchkey))
                .filter(a -> inWindow(a.publishDate(), settings.endDateInclusive()))
                // newest first, then the larger id (numeric ids compare by length, then digits; a test's odd id
                // must not break the server)
                .sorted(Comparator.comparingLong(SimulatedCninfoAnnouncement::announcementTime)
                        .thenComparing(a -> a.announcementId().length())
                        .thenComparing(SimulatedCninfoAnnouncement::announcementId)
                        .reversed())
                .toList();
    }

    private boolean inColumn(SimulatedCninfoAnnouncement a, CninfoSimulator.Settings settings) {
        return switch (column) {
            case "szse" ->
                a.exchange().equals("SZSE")
                        || a.exchange().equals("SSE")
                        || (settings.szseColumnIncludesBse() && a.exchange().equals("BSE"));
            case "sse" -> a.exchange().equals("SSE");
            default -> a.exchange().equals("BSE");
        };
    }

    private static boolean onPlate(SimulatedCninfoAnnouncement a, String plate) {
        String exchange = EXCHANGE_PLATES.get(plate);
        if (exchange != null) {
            return a.exchange().equals(exchange);
        }
        return BOARD_PLATES.get(plate).equalsIgnoreCase(a.pageColumn() == null ? "" : a.pageColumn());
    }

    private boolean inWindow(LocalDate date, boolean endInclusive) {
        if (from == null) {
            return true;
        }
        return !date.isBefore(from) && (endInclusive ? !date.isAfter(to) : date.isBefore(to));
    }

    /** {@code code,orgId} pairs; a bare code is no pair, so it matches nothing (as on the real site). */
    private Set<String> stockPairs() {
        Set<String> pairs = new HashSet<>();
        for (String p : split(stock)) {
            String[] kv = p.split(",", -1);
            if (kv.length == 2 && !kv[0].isBlank() && !kv[1].isBlank()) {
                pairs.add(kv[0].strip() + "," + kv[1].strip());
            }
        }
        return pairs;
    }

    private static Set<String> split(String joined) {
        Set<String> out = new java.util.LinkedHashSet<>();
        if (joined != null) {
            for (String s : joined.split(";")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }

    private static int positive(Map<String, String> f, String key, int absent) throws ContractViolationException {
        String v = f.get(key);
        if (v == null || v.isBlank()) {
            return absent;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ContractViolationException(key + " must be a positive integer, got \"" + v + "\"");
    }

    private static void decodeInto(String raw, Map<String, String> into) throws ContractViolationException {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            try {
                into.put(
                        URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            } catch (IllegalArgumentException e) {
                throw new ContractViolationException("form field is not URL-encoded: \"" + pair + "\"");
            }
        }
    }
}
