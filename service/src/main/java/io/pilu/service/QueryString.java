package io.pilu.service;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code name=value} pairs of a URL query string, percent-decoded as UTF-8, in the order given: the one reading
 * of a query string for every HTTP endpoint Pilu serves. What a repeated or unknown name means is the caller's rule
 * (the analytics API refuses them, the web app keeps the first).
 */
public final class QueryString {

    /** One {@code name=value}; a bare {@code name} has the value {@code ""}. */
    public record Pair(String name, String value) {}

    private QueryString() {}

    /**
     * The pairs of {@code rawQuery} (the part after {@code ?}, still percent-encoded; null or empty: none); empty
     * segments ({@code a=1&&b=2}) are skipped.
     *
     * @throws IllegalArgumentException on malformed percent-encoding, naming the part
     */
    public static List<Pair> parse(String rawQuery) {
        List<Pair> pairs = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return pairs;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            pairs.add(new Pair(
                    decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1))));
        }
        return pairs;
    }

    /**
     * {@code s} percent-decoded as UTF-8 ({@code +} is a space, as in a form).
     *
     * @throws IllegalArgumentException on malformed percent-encoding, naming the part
     */
    public static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed percent-encoding in '" + s + "'", e);
        }
    }
}
