package io.pilu.ingest.listing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strips a JSONP wrapper: {@code callbackName( … )} with an optional trailing {@code ;}. bse.cn answers
 * {@code null( … )} when no callback is given and {@code <name>( … )} otherwise; anything else (an HTML error page,
 * bare JSON) is not the contract and is refused.
 */
public final class JsonpUnwrapper {

    private static final Pattern JSONP = Pattern.compile(
            "^\\s*(?:/\\*\\*/\\s*)?([A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*)\\s*\\((.*)\\)\\s*;?\\s*$",
            Pattern.DOTALL);

    private JsonpUnwrapper() {}

    /** The JSON inside the wrapper. */
    public static String unwrap(String body) throws ListingSchemaException {
        if (body == null || body.isBlank()) {
            throw new ListingSchemaException("empty listing response (expected JSONP)");
        }
        Matcher m = JSONP.matcher(body);
        if (!m.matches()) {
            throw new ListingSchemaException("listing response is not JSONP, it starts with: " + preview(body));
        }
        String json = m.group(2).strip();
        if (json.isEmpty()) {
            throw new ListingSchemaException("JSONP wrapper " + m.group(1) + "() is empty");
        }
        return json;
    }

    static String preview(String body) {
        String s = body.strip().replaceAll("\\s+", " ");
        return '"' + (s.length() > 80 ? s.substring(0, 80) + "…" : s) + '"';
    }
}
