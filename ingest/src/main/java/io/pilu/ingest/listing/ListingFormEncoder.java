package io.pilu.ingest.listing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@code application/x-www-form-urlencoded} body of a listing request as the bse.cn page sends it:
 * array fields repeated with {@code []} in the key ({@code needFields[]=companyCd&needFields[]=…}).
 */
public final class ListingFormEncoder {

    /** The record fields the crawler asks for (endpoint A returns only what {@code needFields[]} lists). */
    public static final List<String> NEED_FIELDS = List.of(
            "companyCd",
            "companyName",
            "disclosureTitle",
            "disclosurePostTitle",
            "destFilePath",
            "publishDate",
            "xxfcbj",
            "fileExt",
            "xxzrlx");

    private ListingFormEncoder() {}

    /** The form fields, in order, as key/value pairs (keys repeat for array fields). */
    public static List<Map.Entry<String, String>> fields(ListingEndpoint endpoint, ListingFilter filter, int page) {
        List<Map.Entry<String, String>> f = new ArrayList<>();
        f.add(Map.entry("disclosureType[]", "5"));
        // Only subtype codes (9503-1001) mean something to disclosureSubtype[]; a bare type code is filtered on
        // the client. Empty = all subtypes.
        List<String> subtypes =
                filter.typeCodes().stream().filter(c -> c.contains("-")).toList();
        if (subtypes.isEmpty() || subtypes.size() != filter.typeCodes().size()) {
            f.add(Map.entry("disclosureSubtype[]", ""));
        } else {
            subtypes.forEach(s -> f.add(Map.entry("disclosureSubtype[]", s)));
        }
        f.add(Map.entry("page", Integer.toString(page)));
        // companyCd takes one code; with several the filter is client-side only.
        f.add(Map.entry(
                "companyCd",
                filter.companyCodes().size() == 1
                        ? filter.companyCodes().iterator().next()
                        : ""));
        f.add(Map.entry("isNewThree", "1"));
        f.add(Map.entry("startTime", filter.from() == null ? "" : filter.from().toString()));
        f.add(Map.entry("endTime", filter.to() == null ? "" : filter.to().toString()));
        f.add(Map.entry("keyword", filter.keyword() == null ? "" : filter.keyword()));
        f.add(Map.entry("xxfcbj[]", "2"));
        f.add(Map.entry("hyType", ""));
        NEED_FIELDS.forEach(n -> f.add(Map.entry("needFields[]", n)));
        f.add(Map.entry("sortfield", "publishDate"));
        f.add(Map.entry("sorttype", "desc"));
        if (endpoint == ListingEndpoint.DISCLOSURE_LIST) {
            f.add(Map.entry("siteId", "6"));
            f.add(Map.entry("flag", "0"));
        }
        return f;
    }

    /** The encoded body. */
    public static String encode(ListingEndpoint endpoint, ListingFilter filter, int page) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : fields(endpoint, filter, page)) {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return sb.toString();
    }
}
