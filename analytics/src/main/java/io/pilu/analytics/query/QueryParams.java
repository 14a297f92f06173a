package io.pilu.analytics.query;

import io.pilu.model.EntityType;
import io.pilu.service.QueryString;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A query string, read strictly: a malformed or unknown parameter is a {@link BadRequestException}. */
public final class QueryParams {

    /** Longest window accepted: ten years. */
    public static final int MAX_WINDOW_DAYS = 3660;

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 1000;

    private static final Pattern WINDOW = Pattern.compile("([1-9][0-9]{0,3})d");

    private final Map<String, String> values;

    private QueryParams(Map<String, String> values) {
        this.values = values;
    }

    /** Parses {@code rawQuery} (may be null) and refuses any parameter outside {@code allowed}. */
    public static QueryParams parse(String rawQuery, List<String> allowed) {
        Map<String, String> values = new LinkedHashMap<>();
        List<QueryString.Pair> pairs;
        try {
            pairs = QueryString.parse(rawQuery);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        for (QueryString.Pair p : pairs) {
            if (!allowed.contains(p.name())) {
                throw new BadRequestException(
                        "unknown parameter '" + p.name() + "'; allowed: " + String.join(", ", allowed));
            }
            if (values.put(p.name(), p.value()) != null) {
                throw new BadRequestException("parameter '" + p.name() + "' given twice");
            }
        }
        return new QueryParams(values);
    }

    static String decode(String s) {
        try {
            return QueryString.decode(s);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    public String string(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** An ISO date ({@code YYYY-MM-DD}), or null when absent. */
    public LocalDate date(String name) {
        String v = string(name);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " must be a date YYYY-MM-DD, got '" + v + "'");
        }
    }

    public LocalDate requiredDate(String name) {
        LocalDate d = date(name);
        if (d == null) {
            throw new BadRequestException("parameter '" + name + "' (YYYY-MM-DD) is required");
        }
        return d;
    }

    /** A window such as {@code 30d}: whole days, 1 to {@link #MAX_WINDOW_DAYS}. */
    public int windowDays(String name, int defaultDays) {
        String v = string(name);
        if (v == null) {
            return defaultDays;
        }
        Matcher m = WINDOW.matcher(v);
        if (!m.matches() || Integer.parseInt(m.group(1)) > MAX_WINDOW_DAYS) {
            throw new BadRequestException(
                    name + " must be a number of days such as 30d (1d to " + MAX_WINDOW_DAYS + "d), got '" + v + "'");
        }
        return Integer.parseInt(m.group(1));
    }

    public int limit(String name) {
        String v = string(name);
        if (v == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new BadRequestException(name + " must be a whole number from 1 to " + MAX_LIMIT + ", got '" + v + "'");
    }

    public EntityType type(String name) {
        String v = string(name);
        if (v == null) {
            return null;
        }
        try {
            return EntityType.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(
                    name + " must be one of " + Arrays.toString(EntityType.values()) + ", got '" + v + "'");
        }
    }

    public String oneOf(String name, List<String> choices) {
        String v = string(name);
        if (v == null) {
            return choices.get(0);
        }
        if (!choices.contains(v)) {
            throw new BadRequestException(name + " must be one of " + choices + ", got '" + v + "'");
        }
        return v;
    }

    /** Checks {@code from <= to} when both are given. */
    public static void checkRange(LocalDate from, LocalDate to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new BadRequestException("from (" + from + ") is after to (" + to + ")");
        }
    }
}
