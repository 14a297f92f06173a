package io.pilu.web;

import io.pilu.service.QueryString;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A page's query string: the first value of each name; a malformed value is a {@link BadRequest}. */
final class Params {

    /** Longest value kept: search words and names are short; this bounds what reaches Elasticsearch. */
    static final int MAX_LENGTH = 200;

    private final Map<String, String> values;

    private Params(Map<String, String> values) {
        this.values = values;
    }

    /** A 400 with a message the page shows. */
    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    static Params parse(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        try {
            QueryString.parse(rawQuery).forEach(p -> values.putIfAbsent(p.name(), p.value()));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("malformed percent-encoding in the address");
        }
        return new Params(values);
    }

    static String decode(String s) {
        try {
            return QueryString.decode(s);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("malformed percent-encoding in the address");
        }
    }

    /** The stripped value, or null when absent or blank. */
    String string(String name) {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        v = v.strip();
        if (v.length() > MAX_LENGTH) {
            throw new BadRequest(name + " is longer than " + MAX_LENGTH + " characters");
        }
        return v;
    }

    LocalDate date(String name) {
        String v = string(name);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new BadRequest(name + " must be a date YYYY-MM-DD, got '" + v + "'");
        }
    }

    /** A whole number in [min, max], or {@code dflt} when absent. */
    int integer(String name, int dflt, int min, int max) {
        String v = string(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new BadRequest(name + " must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be a whole number, got '" + v + "'");
        }
    }
}
