package io.pilu.service;

/**
 * Makes text that came from outside (an exchange's titles and error bodies, file names, URLs) safe to put in a log
 * line: control characters (line breaks, ANSI escapes, other C0/C1 controls, Unicode line and paragraph
 * separators, bidi overrides) are written as escapes, so outside text can neither forge a log line nor repaint a
 * terminal. Everything else, Chinese included, stays as it is.
 */
public final class LogText {

    private LogText() {}

    /** {@code text} with its control characters escaped ({@code \n}, {@code \r}, {@code \t}, else {@code \u001B}). */
    public static String escape(CharSequence text) {
        if (text == null) {
            return "null";
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (needsEscape(c)) {
                if (sb == null) {
                    sb = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                switch (c) {
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> sb.append(String.format("\\u%04X", (int) c));
                }
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text.toString() : sb.toString();
    }

    /** Whether {@code c} is escaped by {@link #escape}. */
    public static boolean needsEscape(char c) {
        return Character.isISOControl(c)
                || c == '\u2028'
                || c == '\u2029'
                || c == '\u0085'
                || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
