package io.pilu.ingest.listing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.pilu.model.Json;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses a listing response body (JSONP) of either endpoint into a {@link ListingPage}. Pure: a string in, domain
 * objects or a {@link ListingSchemaException} naming the first deviation from the contract out.
 *
 * <ul>
 *   <li>Endpoint A: {@code [{"listInfo":{"content":[record…],"number":…,"totalPages":…,"lastPage":…},"status":0}]}</li>
 *   <li>Endpoint B: {@code {"data":{"content":[{"disclosures":[record…]}…],"number":…,"totalPages":…,
 *       "lastPage":…}}}</li>
 * </ul>
 */
public final class ListingResponseParser {

    private ListingResponseParser() {}

    /** A real page has 20 rows; far more is an attack or a broken server (see {@code --max-listing-rows}). */
    public static final int DEFAULT_MAX_ROWS = 1000;

    public static ListingPage parse(ListingEndpoint endpoint, String body) throws ListingSchemaException {
        return parse(endpoint, body, DEFAULT_MAX_ROWS);
    }

    /**
     * @param maxRows announcements the page may hold (after flattening endpoint B's groups); more is a
     *                {@link ListingLimitException}
     */
    public static ListingPage parse(ListingEndpoint endpoint, String body, int maxRows) throws ListingSchemaException {
        JsonNode root = readJson(JsonpUnwrapper.unwrap(body));
        return switch (endpoint) {
            case COMPANY_ANNOUNCEMENT -> parseCompanyAnnouncement(root, maxRows);
            case DISCLOSURE_LIST -> parseDisclosureList(root, maxRows);
        };
    }

    private static void checkRows(long rows, int maxRows) throws ListingLimitException {
        if (rows > maxRows) {
            throw new ListingLimitException(
                    io.pilu.ingest.Refusal.LISTING_TOO_MANY_ROWS,
                    "listing page has more than " + maxRows + " rows (--max-listing-rows)");
        }
    }

    private static ListingPage parseCompanyAnnouncement(JsonNode root, int maxRows) throws ListingSchemaException {
        if (!root.isArray() || root.isEmpty()) {
            throw new ListingSchemaException(
                    "companyAnnouncement.do: expected a non-empty JSON array, got " + kind(root));
        }
        JsonNode first = root.get(0);
        checkStatus(first, "$[0].status", true);
        JsonNode listInfo = object(first, "listInfo", "$[0]");
        List<Disclosure> items = new ArrayList<>();
        JsonNode content = array(listInfo, "content", "$[0].listInfo");
        checkRows(content.size(), maxRows);
        for (int i = 0; i < content.size(); i++) {
            items.add(record(content.get(i), "$[0].listInfo.content[" + i + "]"));
        }
        return page(listInfo, "$[0].listInfo", items);
    }

    private static ListingPage parseDisclosureList(JsonNode root, int maxRows) throws ListingSchemaException {
        if (!root.isObject()) {
            throw new ListingSchemaException("initDisclosureList.do: expected a JSON object, got " + kind(root));
        }
        checkStatus(root, "$.status", false);
        JsonNode data = object(root, "data", "$");
        JsonNode rows = array(data, "content", "$.data");
        List<Disclosure> items = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            String rowPath = "$.data.content[" + r + "]";
            JsonNode disclosures = array(rows.get(r), "disclosures", rowPath);
            checkRows((long) items.size() + disclosures.size(), maxRows);
            for (int i = 0; i < disclosures.size(); i++) {
                items.add(record(disclosures.get(i), rowPath + ".disclosures[" + i + "]"));
            }
        }
        return page(data, "$.data", items);
    }

    private static ListingPage page(JsonNode info, String path, List<Disclosure> items) throws ListingSchemaException {
        int number = integer(info, "number", path);
        int totalPages = integer(info, "totalPages", path);
        JsonNode last = info.get("lastPage");
        if (last == null || !last.isBoolean()) {
            throw missing(path, "lastPage", "a boolean", last);
        }
        JsonNode total = info.get("totalElements");
        long totalElements = total != null && total.canConvertToLong() ? total.asLong() : items.size();
        return new ListingPage(items, number, totalPages, last.asBoolean(), totalElements);
    }

    /** One announcement record; the keys the crawler cannot work without are required. */
    static Disclosure record(JsonNode node, String path) throws ListingSchemaException {
        if (node == null || !node.isObject()) {
            throw new ListingSchemaException(path + ": expected an announcement object, got " + kind(node));
        }
        String destFilePath = text(node, "destFilePath", path, true);
        String companyCode = text(node, "companyCd", path, true);
        String title = text(node, "disclosureTitle", path, true);
        String dateText = text(node, "publishDate", path, true);
        LocalDate publishDate;
        try {
            // Some recorded responses carry a time after the date ("2024-06-18 00:00:00"); the date is what counts.
            publishDate = LocalDate.parse(
                    dateText.length() > 10 && dateText.charAt(10) == ' ' ? dateText.substring(0, 10) : dateText);
        } catch (DateTimeParseException e) {
            throw new ListingSchemaException(path + ".publishDate: not a YYYY-MM-DD date: \"" + dateText + "\"", e);
        }
        String disclosureCode = text(node, "disclosureCode", path, false);
        String fileExt = text(node, "fileExt", path, false);
        String fileType = fileExt == null || fileExt.isBlank()
                ? extension(destFilePath)
                : fileExt.strip().toLowerCase(Locale.ROOT).replaceFirst("^\\.", "");
        Set<String> typeCodes = new LinkedHashSet<>();
        for (String key : List.of("disclosureType", "disclosureSubType", "disclosureSubtype")) {
            String code = text(node, key, path, false);
            if (code != null && !code.isBlank()) {
                typeCodes.add(code.strip());
            }
        }
        return new Disclosure(
                AnnouncementIds.of(disclosureCode, destFilePath),
                disclosureCode == null || disclosureCode.isBlank() ? null : disclosureCode.strip(),
                companyCode.strip(),
                nullToEmpty(text(node, "companyName", path, false)).strip(),
                title.strip(),
                destFilePath,
                publishDate,
                fileType,
                List.copyOf(typeCodes));
    }

    private static void checkStatus(JsonNode node, String path, boolean required) throws ListingSchemaException {
        JsonNode status = node.get("status");
        if (status == null || status.isNull()) {
            if (required) {
                throw new ListingSchemaException(path + ": missing (expected 0)");
            }
            return;
        }
        if (!status.canConvertToInt() || status.asInt() != 0) {
            throw new ListingSchemaException(path + ": exchange reported status " + status + " (expected 0)");
        }
    }

    private static JsonNode object(JsonNode parent, String key, String path) throws ListingSchemaException {
        JsonNode n = parent.get(key);
        if (n == null || !n.isObject()) {
            throw missing(path, key, "an object", n);
        }
        return n;
    }

    private static JsonNode array(JsonNode parent, String key, String path) throws ListingSchemaException {
        JsonNode n = parent == null ? null : parent.get(key);
        if (n == null || !n.isArray()) {
            throw missing(path, key, "an array", n);
        }
        return n;
    }

    private static int integer(JsonNode parent, String key, String path) throws ListingSchemaException {
        JsonNode n = parent.get(key);
        if (n == null || !n.canConvertToInt() || !n.isNumber()) {
            throw missing(path, key, "an integer", n);
        }
        return n.asInt();
    }

    private static String text(JsonNode parent, String key, String path, boolean required)
            throws ListingSchemaException {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            if (required) {
                throw missing(path, key, "a string", n);
            }
            return null;
        }
        if (!n.isTextual()) {
            if (n.isNumber()) {
                return n.asText(); // a code the exchange sends as a number (e.g. companyCd 920007)
            }
            throw missing(path, key, "a string", n);
        }
        if (required && n.asText().isBlank()) {
            throw new ListingSchemaException(path + "." + key + ": empty");
        }
        return n.asText();
    }

    private static ListingSchemaException missing(String path, String key, String expected, JsonNode got) {
        return new ListingSchemaException(path + "." + key + ": expected " + expected + ", got "
                + (got == null ? "nothing (key missing)" : kind(got)));
    }

    private static String kind(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        return n.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static JsonNode readJson(String json) throws ListingSchemaException {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new ListingSchemaException("listing payload is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String extension(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash ? path.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
