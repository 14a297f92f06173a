package io.pilu.deploy;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls the metric names out of a PromQL expression, so dashboards and alert rules can be checked against the names
 * the services really export. A small tokenizer, not a parser: it skips strings, label matchers ({@code {...}}, but
 * reads a {@code __name__} matcher), ranges and subqueries ({@code [...]}), numbers and durations, keywords,
 * label lists after {@code by/without/on/ignoring/group_left/group_right}, Grafana variables ({@code $x}, {@code
 * ${x}}), and every identifier followed by {@code (} (functions and aggregations). What is left is a metric name.
 */
final class PromQl {

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "offset", "bool", "atan2", "inf", "nan");
    /** Keywords followed by a parenthesised list of label names. */
    private static final Set<String> LABEL_LIST_KEYWORDS =
            Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

    private static final Pattern NAME_MATCHER = Pattern.compile("__name__\\s*=\\s*[\"'`]([a-zA-Z_:][a-zA-Z0-9_:]*)");

    private PromQl() {}

    /** The metric names {@code expr} selects, in order of appearance. */
    static Set<String> metricNames(String expr) {
        Set<String> names = new LinkedHashSet<>();
        int n = expr.length();
        int i = 0;
        while (i < n) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = afterString(expr, i);
            } else if (c == '#') {
                int eol = expr.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (c == '{') {
                int end = closing(expr, i, '{', '}');
                Matcher m = NAME_MATCHER.matcher(expr.substring(i, end));
                while (m.find()) {
                    names.add(m.group(1));
                }
                i = end;
            } else if (c == '[') {
                i = closing(expr, i, '[', ']');
            } else if (c == '$') {
                i = afterVariable(expr, i + 1);
            } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(expr.charAt(i + 1))) {
                // numbers (1e-3, 0x1f, .5) and durations (5m, 1h30m) are all digits, letters and dots
                i++;
                while (i < n
                        && (Character.isLetterOrDigit(expr.charAt(i))
                                || expr.charAt(i) == '.'
                                || (expr.charAt(i) == '-' || expr.charAt(i) == '+')
                                        && Character.toLowerCase(expr.charAt(i - 1)) == 'e'
                                        && !isHex(expr, i))) {
                    i++;
                }
            } else if (isIdentStart(c)) {
                int start = i;
                while (i < n && isIdentPart(expr.charAt(i))) {
                    i++;
                }
                String ident = expr.substring(start, i);
                int next = skipSpace(expr, i);
                if (LABEL_LIST_KEYWORDS.contains(ident.toLowerCase())) {
                    i = next < n && expr.charAt(next) == '(' ? closing(expr, next, '(', ')') : next;
                } else if (KEYWORDS.contains(ident.toLowerCase())) {
                    // an operator or modifier, nothing to select
                } else if (next < n && expr.charAt(next) == '(') {
                    // a function or an aggregation: its argument list is scanned as the loop goes on
                } else if (startsWithWord(expr, next, "by") || startsWithWord(expr, next, "without")) {
                    // an aggregation written with its grouping first: sum by (job) (...)
                } else {
                    names.add(ident);
                }
            } else {
                i++;
            }
        }
        return names;
    }

    private static boolean isHex(String s, int i) {
        int j = i - 1;
        while (j >= 0 && Character.isLetterOrDigit(s.charAt(j))) {
            j--;
        }
        return s.startsWith("0x", j + 1) || s.startsWith("0X", j + 1);
    }

    private static boolean isIdentStart(char c) {
        return c == '_' || c == ':' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || c >= '0' && c <= '9';
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean startsWithWord(String s, int i, String word) {
        int end = i + word.length();
        return s.regionMatches(true, i, word, 0, word.length()) && (end >= s.length() || !isIdentPart(s.charAt(end)));
    }

    /** Index after the string literal starting at {@code i} (backslash escapes in "" and '' only). */
    private static int afterString(String s, int i) {
        char quote = s.charAt(i);
        int j = i + 1;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (c == '\\' && quote != '`') {
                j += 2;
                continue;
            }
            if (c == quote) {
                return j + 1;
            }
            j++;
        }
        throw new IllegalArgumentException("unterminated string starting at " + i + " in: " + s);
    }

    /** Index after the bracket closing the one at {@code i}, skipping strings inside. */
    private static int closing(String s, int i, char open, char close) {
        int depth = 0;
        int j = i;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (c == '"' || c == '\'' || c == '`') {
                j = afterString(s, j);
                continue;
            }
            if (c == open) {
                depth++;
            } else if (c == close && --depth == 0) {
                return j + 1;
            }
            j++;
        }
        throw new IllegalArgumentException("unbalanced '" + open + "' at " + i + " in: " + s);
    }

    /** Index after a Grafana variable whose name starts at {@code i}: {@code name}, {@code {name}} or {@code {name:fmt}}. */
    private static int afterVariable(String s, int i) {
        if (i < s.length() && s.charAt(i) == '{') {
            return closing(s, i, '{', '}');
        }
        while (i < s.length() && isIdentPart(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
