package io.pilu.enrich.extract;

/**
 * Character classes and number words shared by the extractors. Chinese disclosure text mixes Han characters,
 * full-width punctuation and ASCII digits; most parsing decisions hinge on which of those sits next to which.
 */
final class ChineseText {

    /** Full-width punctuation that behaves like a Han character for spacing: no space belongs beside it. */
    private static final String CJK_PUNCTUATION = "，。、；：？！“”‘’（）《》【】「」『』…—～·";

    private ChineseText() {}

    /** A CJK unified ideograph (basic block and extension A), or 〇 as written in dates. */
    static boolean isHan(char c) {
        return (c >= '\u4E00' && c <= '\u9FFF') || (c >= '\u3400' && c <= '\u4DBF') || c == '〇';
    }

    static boolean isCjkPunctuation(char c) {
        return CJK_PUNCTUATION.indexOf(c) >= 0;
    }

    static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isLatin(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Number of Han characters in {@code s}. */
    static int hanCount(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (isHan(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    /** True when every character of the non-empty {@code s} is a Han character. */
    static boolean allHan(CharSequence s) {
        if (s.length() == 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isHan(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code s} without any whitespace: label matching must not depend on where a PDF put spaces. */
    static String compact(CharSequence s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * The first {@code max} characters of {@link #compact(CharSequence)} of {@code s} (fewer when it has fewer):
     * enough to test which label a line starts with, without copying the whole line.
     */
    static String compactPrefix(CharSequence s, int max) {
        StringBuilder sb = new StringBuilder(Math.min(max, s.length()));
        for (int i = 0; i < s.length() && sb.length() < max; i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Whether {@code s} has more than {@code max} characters that are not whitespace (its compact form's length). */
    static boolean compactLengthExceeds(CharSequence s, int max) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isWhitespace(s.charAt(i)) && ++n > max) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses an ASCII number or a Chinese number word up to 9999 (三十一, 二〇二四 digit by digit, 十二, 一百零五).
     * Returns -1 when {@code s} is neither, so callers can drop what they cannot read instead of guessing.
     */
    static int parseNumber(String s) {
        if (s == null || s.isEmpty() || s.length() > 9) {
            return -1;
        }
        if (s.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return Integer.parseInt(s);
        }
        boolean positional = s.indexOf('十') < 0 && s.indexOf('百') < 0 && s.indexOf('千') < 0;
        if (positional) {
            // 二〇二四 style: each character is one digit.
            int value = 0;
            for (int i = 0; i < s.length(); i++) {
                int d = digit(s.charAt(i));
                if (d < 0) {
                    return -1;
                }
                value = value * 10 + d;
            }
            return value;
        }
        int total = 0;
        int pending = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int d = digit(c);
            if (d >= 0) {
                pending = d;
                continue;
            }
            int unit = switch (c) {
                case '十' -> 10;
                case '百' -> 100;
                case '千' -> 1000;
                default -> -1;
            };
            if (unit < 0) {
                return -1;
            }
            total += (pending == 0 ? 1 : pending) * unit;
            pending = 0;
        }
        return total + pending;
    }

    private static int digit(char c) {
        return switch (c) {
            case '〇', '零', 'O', 'o' -> 0;
            case '一' -> 1;
            case '二', '两' -> 2;
            case '三' -> 3;
            case '四' -> 4;
            case '五' -> 5;
            case '六' -> 6;
            case '七' -> 7;
            case '八' -> 8;
            case '九' -> 9;
            default -> (c >= '0' && c <= '9') ? c - '0' : -1;
        };
    }
}
