package io.pilu.ingest.cninfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import io.pilu.ingest.CrawlMetrics;
import io.pilu.ingest.cninfo.CninfoSchemaException.Kind;
import io.pilu.model.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses the body of {@code POST /new/hisAnnouncement/query} into a {@link CninfoPage}. Pure: a string in, a page or
 * a {@link CninfoSchemaException} naming the first deviation from docs/cninfo-contract.md out. Fails closed: the
 * totals and {@code hasMore} must be there with their types, {@code announcements} must be an array or
 * {@code null}, and every row needs a numeric {@code announcementId}, a {@code secCode}, an epoch-millisecond
 * {@code announcementTime} and an {@code adjunctUrl}; optional fields, when present and not null, must have their
 * documented type too. The contract's quirks are handled here, once:
 *
 * <ul>
 *   <li>{@code <em>}/{@code </em>} highlight tags are stripped from titles and names;</li>
 *   <li>rows whose {@code adjunctUrl} ends in {@code .js} are dropped and counted (they are not documents);</li>
 *   <li>{@code announcements: null} is an empty page; the all-null/all-zero payload is flagged so the caller can
 *       alarm when it expected results;</li>
 *   <li>the publish date is the Beijing date of the millisecond instant.</li>
 * </ul>
 */
public final class CninfoResponseParser {

    private static final Pattern EM_TAG = Pattern.compile("</?em>", Pattern.CASE_INSENSITIVE);
    /** About 10 digits today; 19 keeps any id inside a long. */
    private static final Pattern NUMERIC_ID = Pattern.compile("[0-9]{1,19}");

    /** A {@code true}/{@code false}/{@code null} cut off at the end of the body. */
    private static final Pattern CUT_LITERAL = Pattern.compile("[:\\[,]\\s*(t|tr|tru|f|fa|fal|fals|n|nu|nul)$");

    private CninfoResponseParser() {}

    /**
     * @param body    the response body
     * @param pageNum the page that was asked for (the response does not repeat it)
     */
    public static CninfoPage parse(String body, int pageNum) throws CninfoSchemaException {
        JsonNode root = readJson(body);
        if (!root.isObject()) {
            throw new CninfoSchemaException(Kind.SHAPE, "$: expected a JSON object, got " + kind(root));
        }
        int totalAnnouncement = integer(root, "totalAnnouncement");
        int totalRecordNum = integer(root, "totalRecordNum");
        int totalpages = integer(root, "totalpages");
        JsonNode more = root.get("hasMore");
        if (more == null || !more.isBoolean()) {
            throw missing("$", "hasMore", "a boolean", more);
        }
        boolean hasMore = more.asBoolean();
        JsonNode rows = root.get("announcements");
        if (rows == null || !(rows.isNull() || rows.isArray())) {
            throw missing("$", "announcements", "an array or null", rows);
        }
        List<CninfoAnnouncement> kept = new ArrayList<>();
        int dropped = 0;
        if (rows.isArray()) {
            for (int i = 0; i < rows.size(); i++) {
                String path = "$.announcements[" + i + "]";
                JsonNode row = rows.get(i);
                if (row == null || !row.isObject()) {
                    throw new CninfoSchemaException(
                            Kind.SHAPE, path + ": expected an announcement object, got " + kind(row));
                }
                String adjunctUrl = text(row, "adjunctUrl", path, true);
                if (isScript(adjunctUrl)) {
                    dropped++; // not a document: cninfo lists such rows now and then (contract §2)
                    continue;
                }
                kept.add(record(row, path, adjunctUrl));
            }
        }
        boolean emptyPayload =
                rows.isNull() && totalAnnouncement == 0 && totalRecordNum == 0 && totalpages == 0 && !hasMore;
        return new CninfoPage(
                kept, pageNum, totalAnnouncement, totalRecordNum, totalpages, hasMore, dropped, emptyPayload);
    }

    /** Whether an {@code adjunctUrl} names a script, not a document. */
    public static boolean isScript(String adjunctUrl) {
        return adjunctUrl.strip().toLowerCase(Locale.ROOT).endsWith(".js");
    }

    /** {@code s} without {@code <em>}/{@code </em>} highlight tags (any case); null stays null. */
    public static String stripHighlights(String s) {
        return s == null ? null : EM_TAG.matcher(s).replaceAll("");
    }

    private static CninfoAnnouncement record(JsonNode row, String path, String adjunctUrl)
            throws CninfoSchemaException {
        String id = text(row, "announcementId", path, true).strip();
        if (!NUMERIC_ID.matcher(id).matches()) {
            throw new CninfoSchemaException(
                    Kind.SHAPE, path + ".announcementId: expected a numeric string, got " + quote(id));
        }
        String secCode = text(row, "secCode", path, true).strip();
        JsonNode time = row.get("announcementTime");
        if (time == null || !time.isIntegralNumber() || !time.canConvertToLong() || time.asLong() < 0) {
            throw missing(path, "announcementTime", "epoch milliseconds (a non-negative integer)", time);
        }
        Instant instant = Instant.ofEpochMilli(time.asLong());
        JsonNode size = row.get("adjunctSize");
        Long adjunctSize = null;
        if (size != null && !size.isNull()) {
            if (!size.isIntegralNumber() || !size.canConvertToLong()) {
                throw missing(path, "adjunctSize", "an integer or null", size);
            }
            adjunctSize = size.asLong();
        }
        return new CninfoAnnouncement(
                id,
                secCode,
                nullToEmpty(stripHighlights(text(row, "secName", path, false))).strip(),
                nullToEmpty(text(row, "orgId", path, false)).strip(),
                nullToEmpty(stripHighlights(text(row, "announcementTitle", path, false)))
                        .strip(),
                instant,
                instant.atZone(CrawlMetrics.EXCHANGE_ZONE).toLocalDate(),
                adjunctUrl.strip(),
                adjunctSize,
                blankToNull(text(row, "adjunctType", path, false)),
                codes(text(row, "announcementType", path, false)),
                codes(text(row, "columnId", path, false)),
                blankToNull(text(row, "pageColumn", path, false)));
    }

    private static List<String> codes(String joined) {
        if (joined == null) {
            return List.of();
        }
        return Arrays.stream(joined.split("\\|\\|"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static int integer(JsonNode parent, String key) throws CninfoSchemaException {
        JsonNode n = parent.get(key);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < 0) {
            throw missing("$", key, "a non-negative integer", n);
        }
        return n.asInt();
    }

    private static String text(JsonNode parent, String key, String path, boolean required)
            throws CninfoSchemaException {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            if (required) {
                throw missing(path, key, "a string", n);
            }
            return null;
        }
        if (!n.isTextual()) {
            throw missing(path, key, "a string", n);
        }
        if (required && n.asText().isBlank()) {
            throw new CninfoSchemaException(Kind.SHAPE, path + "." + key + ": empty");
        }
        return n.asText();
    }

    private static CninfoSchemaException missing(String path, String key, String expected, JsonNode got) {
        return new CninfoSchemaException(
                Kind.SHAPE,
                path + "." + key + ": expected " + expected + ", got "
                        + (got == null ? "nothing (key missing)" : kind(got) + describe(got)));
    }

    private static String describe(JsonNode n) {
        return n.isValueNode() && !n.isNull() ? " " + quote(n.asText()) : "";
    }

    private static String kind(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        return n.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** The JSON value of a body, with empty, truncated, HTML and non-JSON bodies typed apart. */
    static JsonNode readJson(String body) throws CninfoSchemaException {
        String s = body == null ? "" : body.strip();
        if (!s.isEmpty() && s.charAt(0) == '\uFEFF') {
            s = s.substring(1).strip();
        }
        if (s.isEmpty()) {
            throw new CninfoSchemaException(Kind.EMPTY_BODY, "empty response body where a JSON object is expected");
        }
        if (s.charAt(0) == '<') {
            throw new CninfoSchemaException(
                    Kind.CHALLENGE_PAGE,
                    "HTML where a JSON object is expected (an anti-crawler challenge or error page): "
                            + quote(s.length() > 120 ? s.substring(0, 120) : s));
        }
        try {
            JsonNode root = Json.mapper().readTree(s);
            if (root == null || root.isMissingNode()) {
                throw new CninfoSchemaException(Kind.EMPTY_BODY, "response body holds no JSON value");
            }
            return root;
        } catch (JsonEOFException e) {
            throw new CninfoSchemaException(
                    Kind.TRUNCATED, "response body is truncated JSON (" + s.length() + " characters)", e);
        } catch (JsonProcessingException e) {
            // a token cut off at the very end ("tr" of true) is a truncation too, not garbage
            long at = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
            if (at >= s.length() - 1 || CUT_LITERAL.matcher(s).find()) {
                throw new CninfoSchemaException(
                        Kind.TRUNCATED, "response body is truncated JSON (" + s.length() + " characters)", e);
            }
            throw new CninfoSchemaException(
                    Kind.NOT_JSON, "response body is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String quote(String s) {
        return '"' + (s.length() > 80 ? s.substring(0, 80) + "…" : s) + '"';
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
