package io.pilu.analytics.topology;

import java.time.LocalDate;

/**
 * Keys of the side stores. The parts are joined with {@code |}, which no code or canonical name contains
 * ({@link InstitutionNames}). Visits are keyed owner first, then day: a company's (or an institution's) visits are
 * one contiguous range, ordered by the day they count on, so a window is one range scan and the first and last
 * dates are the range's ends.
 */
public final class StoreKeys {

    /** Day part of a visit with no date at all: sorts before every real day, so no window ever includes it. */
    public static final String NO_DATE = "0000-00-00";

    private StoreKeys() {}

    public static String visit(String owner, LocalDate day, String counterpart, String announcementId) {
        return owner + "|" + (day == null ? NO_DATE : day.toString()) + "|" + counterpart + "|" + announcementId;
    }

    public static String pair(String owner, String counterpart) {
        return owner + "|" + counterpart;
    }

    /** Lower bound of every key of {@code owner}. */
    public static String first(String owner) {
        return owner + "|";
    }

    /** Upper bound of every key of {@code owner}: U+10FFFF encodes above any character a key part starts with. */
    public static String last(String owner) {
        return owner + "|\uDBFF\uDFFF";
    }

    /** Lower bound of {@code owner}'s visits on or after {@code from}. */
    public static String from(String owner, LocalDate from) {
        return owner + "|" + from;
    }

    /** Upper bound of {@code owner}'s visits on or before {@code to}: no key equals it, every such key is below. */
    public static String through(String owner, LocalDate to) {
        return owner + "|" + to.plusDays(1);
    }

    /** The parts of a visit key: owner, day, counterpart, announcement id. */
    public static String[] split(String key) {
        return key.split("\\|", 4);
    }
}
