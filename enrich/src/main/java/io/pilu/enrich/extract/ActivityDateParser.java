package io.pilu.enrich.extract;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the date of an IR activity from the text beside 活动时间 / 时间 / 日期.
 *
 * <p>Output is {@code YYYY-MM-DD}, or {@code YYYY-MM} when only the month is given (2026年7月 → 2026-07).
 * A range or a list (2024年6月17日-18日, 6月17日至6月20日, 6月17日、6月19日) gives its <em>first</em> day: the
 * activity started then, and one date per record keeps the field sortable. Accepted forms: 2024年6月17日,
 * 2024-06-17, 2024/6/17, 2024.6.17, 二〇二四年六月十七日. A date that does not exist (2024年2月30日) or a
 * year outside 1990–2100 is dropped rather than guessed.
 */
final class ActivityDateParser {

    private static final String CN_DIGITS = "〇零一二三四五六七八九O";
    private static final Pattern FULL_DATE = Pattern.compile("(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号]"
            + "|(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})(?!\\d)"
            + "|([" + CN_DIGITS + "]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})[日号]");
    private static final Pattern MONTH = Pattern.compile(
            "(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月(?!\\s*\\d)|([" + CN_DIGITS + "]{4})年([一二三四五六七八九十]{1,3})月");

    private ActivityDateParser() {}

    /** The first date in {@code text}, see the class comment; empty when there is none. */
    static Optional<String> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        String s = text;
        Matcher full = FULL_DATE.matcher(s);
        Matcher month = MONTH.matcher(s);
        int fullAt = -1;
        String fullValue = null;
        while (full.find()) {
            fullValue = fullDate(full);
            if (fullValue != null) {
                fullAt = full.start();
                break;
            }
        }
        while (month.find()) {
            if (fullAt >= 0 && month.start() >= fullAt) {
                break;
            }
            String value = monthOnly(month);
            if (value != null) {
                // a month seen before any full date (2026年7月中旬) is the activity's date
                return Optional.of(value);
            }
        }
        return Optional.ofNullable(fullValue);
    }

    private static String fullDate(Matcher m) {
        int base = m.group(1) != null ? 1 : m.group(4) != null ? 4 : 7;
        int year = ChineseText.parseNumber(m.group(base));
        int month = ChineseText.parseNumber(m.group(base + 1));
        int day = ChineseText.parseNumber(m.group(base + 2));
        if (year < 1990 || year > 2100) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day).toString();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static String monthOnly(Matcher m) {
        int base = m.group(1) != null ? 1 : 3;
        int year = ChineseText.parseNumber(m.group(base));
        int month = ChineseText.parseNumber(m.group(base + 1));
        if (year < 1990 || year > 2100 || month < 1 || month > 12) {
            return null;
        }
        try {
            return YearMonth.of(year, month).toString();
        } catch (DateTimeException e) {
            return null;
        }
    }
}
