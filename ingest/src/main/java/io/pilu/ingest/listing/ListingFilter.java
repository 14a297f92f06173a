package io.pilu.ingest.listing;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What to list. Sent to the exchange where the endpoint supports it and always applied again on the client
 * (endpoint B ignores {@code companyCd}; a subtype filter on the server is a hint only), so both endpoints yield the
 * same records.
 *
 * @param companyCodes six-digit codes; empty = all companies
 * @param keyword      title keyword (e.g. 投资者关系活动记录表); null or blank = none
 * @param from         first publish date, inclusive; null = open
 * @param to           last publish date, inclusive; null = open
 * @param typeCodes    type or subtype codes (9504, 9504-4417); a record matches when one of its codes equals or
 *                     starts with {@code code + "-"}; empty = all
 */
public record ListingFilter(
        Set<String> companyCodes, String keyword, LocalDate from, LocalDate to, List<String> typeCodes) {

    public ListingFilter {
        companyCodes = companyCodes == null ? Set.of() : Set.copyOf(companyCodes);
        typeCodes = typeCodes == null ? List.of() : List.copyOf(typeCodes);
        keyword = keyword == null || keyword.isBlank() ? null : keyword.strip();
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("date range is empty: from " + from + " is after to " + to);
        }
    }

    public static ListingFilter all() {
        return new ListingFilter(Set.of(), null, null, null, List.of());
    }

    /** The same filter with another date range. */
    public ListingFilter withDates(LocalDate newFrom, LocalDate newTo) {
        return new ListingFilter(companyCodes, keyword, newFrom, newTo, typeCodes);
    }

    /** Whether {@code d} passes the filter (the client-side check). */
    public boolean accepts(Disclosure d) {
        if (!companyCodes.isEmpty() && !companyCodes.contains(d.companyCode())) {
            return false;
        }
        if (keyword != null && !d.title().contains(keyword)) {
            return false;
        }
        if (from != null && d.publishDate().isBefore(from)) {
            return false;
        }
        if (to != null && d.publishDate().isAfter(to)) {
            return false;
        }
        if (!typeCodes.isEmpty()) {
            return d.typeCodes().stream()
                    .anyMatch(code ->
                            typeCodes.stream().anyMatch(want -> code.equals(want) || code.startsWith(want + "-")));
        }
        return true;
    }
}
