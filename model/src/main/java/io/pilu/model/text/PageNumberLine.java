package io.pilu.model.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule for what a page-number line of a Chinese disclosure looks like: {@code 3}, {@code - 3 -},
 * {@code —3—}, {@code 第 3 页}, {@code 第3页 共8页}, {@code 第 3 页，共 8 页}, {@code 3/8}, {@code Page 3 of 8}.
 * Both text stages use it: ingest drops such lines at the top or bottom of a page, where it knows the page count;
 * enrich drops them anywhere in text that never went through ingest's page-aware cleaning (a {@code .txt} given to
 * {@code pilu extract}, older records). Pure.
 */
public final class PageNumberLine {

    private static final Pattern PAGE_NUMBER = Pattern.compile("^(?:[-—–_·\\s]*(\\d{1,4})[-—–_·\\s]*"
            + "|第\\s*(\\d{1,4})\\s*页(?:\\s*[/，,]?\\s*共\\s*\\d{1,4}\\s*页)?"
            + "|(\\d{1,4})\\s*/\\s*\\d{1,4}"
            + "|(?i:page)\\s*(\\d{1,4})(?:\\s*(?i:of)\\s*\\d{1,4})?)$");

    private PageNumberLine() {}

    /**
     * Whether {@code line} (stripped) is only a page number no greater than {@code maxPage}: a bare number beyond
     * the pages a document can have is data (a year, an amount), not a page number.
     */
    public static boolean matches(String line, int maxPage) {
        if (!hasAsciiDigit(line)) {
            return false; // every form has one (\\d is [0-9] here): most lines end at this cheap test
        }
        Matcher m = PAGE_NUMBER.matcher(line);
        if (!m.matches()) {
            return false;
        }
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.group(g) != null) {
                return Integer.parseInt(m.group(g)) <= maxPage;
            }
        }
        return false;
    }

    private static boolean hasAsciiDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }
}
