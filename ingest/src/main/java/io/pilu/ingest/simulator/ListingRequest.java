package io.pilu.ingest.simulator;

import io.pilu.ingest.listing.ListingEndpoint;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * A list request to one of the two endpoints, checked against the contract and parsed; and the announcements it
 * selects. Pure: the HTTP server hands in the headers and the body.
 *
 * @param endpoint  which of the two list endpoints was called
 * @param page      0-based page number
 * @param start     {@code startTime}, null when empty
 * @param end       {@code endTime}, null when empty
 * @param keyword   {@code keyword}, empty for none
 * @param companyCd {@code companyCd}, empty for all (endpoint B ignores it, as the real one does)
 */
public record ListingRequest(
        ListingEndpoint endpoint, int page, LocalDate start, LocalDate end, String keyword, String companyCd) {

    /** The form fields the site's own page always sends; a request without one is not the contract's. */
    static final Set<String> REQUIRED_FIELDS = Set.of(
            "disclosureType[]",
            "disclosureSubtype[]",
            "page",
            "companyCd",
            "isNewThree",
            "startTime",
            "endTime",
            "keyword",
            "xxfcbj[]",
            "needFields[]",
            "sortfield",
            "sorttype");
    /** Headers the browser page sends; the site answers an XHR without them differently, so the crawler must. */
    static final List<String> REQUIRED_HEADERS = List.of("Referer", "Origin", "X-Requested-With", "User-Agent");
    /** Without these among {@code needFields[]} the records lack what the crawler needs. */
    static final List<String> REQUIRED_NEED_FIELDS = List.of("companyCd", "destFilePath", "publishDate", "fileExt");

    /**
     * Checks a POST's headers and form body against the contract.
     *
     * @param header looks up a request header (case-insensitively), null when absent
     * @throws ContractViolationException with what is wrong
     */
    public static ListingRequest parse(ListingEndpoint endpoint, Function<String, String> header, String body)
            throws ContractViolationException {
        String contentType = header.apply("Content-Type");
        if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
            throw new ContractViolationException("Content-Type " + contentType);
        }
        for (String name : REQUIRED_HEADERS) {
            if (header.apply(name) == null) {
                throw new ContractViolationException("missing header " + name);
            }
        }
        Map<String, List<String>> form = parseForm(body);
        for (String field : REQUIRED_FIELDS) {
            if (!form.containsKey(field)) {
                throw new ContractViolationException("missing form field " + field + " in " + form.keySet());
            }
        }
        if (endpoint == ListingEndpoint.DISCLOSURE_LIST && (!form.containsKey("siteId") || !form.containsKey("flag"))) {
            throw new ContractViolationException("initDisclosureList.do without siteId/flag");
        }
        if (!form.get("needFields[]").containsAll(REQUIRED_NEED_FIELDS)) {
            throw new ContractViolationException("needFields[] lacks required fields: " + form.get("needFields[]"));
        }
        int page;
        try {
            page = Integer.parseInt(first(form, "page"));
        } catch (NumberFormatException e) {
            throw new ContractViolationException("page is not a number: " + first(form, "page"));
        }
        if (page < 0) {
            throw new ContractViolationException("page is negative: " + page);
        }
        return new ListingRequest(
                endpoint,
                page,
                date(form, "startTime"),
                date(form, "endTime"),
                first(form, "keyword"),
                first(form, "companyCd"));
    }

    /**
     * The announcements this request lists, in the site's order: newest publish date first; within one date by
     * insertion order, newest-added first unless {@code newestLastWithinDate} (the real site's order within a day
     * is not specified, and the crawler must not depend on it).
     *
     * @param inInsertionOrder every announcement of the site, oldest-added first
     */
    public List<SimulatedAnnouncement> select(
            List<SimulatedAnnouncement> inInsertionOrder, boolean newestLastWithinDate) {
        Comparator<Integer> byDateDesc = Comparator.comparing(
                        (Integer i) -> inInsertionOrder.get(i).publishDate())
                .reversed();
        Comparator<Integer> byInsertion = newestLastWithinDate ? Comparator.naturalOrder() : Comparator.reverseOrder();
        return IntStream.range(0, inInsertionOrder.size())
                .boxed()
                .filter(i -> matches(inInsertionOrder.get(i)))
                .sorted(byDateDesc.thenComparing(byInsertion))
                .map(inInsertionOrder::get)
                .toList();
    }

    boolean matches(SimulatedAnnouncement a) {
        if (start != null && a.publishDate().isBefore(start)) {
            return false;
        }
        if (end != null && a.publishDate().isAfter(end)) {
            return false;
        }
        if (!keyword.isEmpty() && !a.disclosureTitle().contains(keyword)) {
            return false;
        }
        return endpoint != ListingEndpoint.COMPANY_ANNOUNCEMENT
                || companyCd.isEmpty()
                || companyCd.equals(a.companyCd());
    }

    private static LocalDate date(Map<String, List<String>> form, String key) throws ContractViolationException {
        String value = first(form, key);
        if (value.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new ContractViolationException(key + " is not YYYY-MM-DD: " + value);
        }
    }

    /** {@code application/x-www-form-urlencoded}, repeated keys kept in order. */
    static Map<String, List<String>> parseForm(String body) {
        Map<String, List<String>> form = new HashMap<>();
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
            String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
            form.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return form;
    }

    private static String first(Map<String, List<String>> form, String key) {
        List<String> v = form.get(key);
        return v == null || v.isEmpty() ? "" : v.get(0);
    }
}
