package io.pilu.ingest.simulator.cninfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilu.model.Json;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a {@code /new/hisAnnouncement/query} answer in the contract's shape (§1): every documented top-level and
 * row field, the unused ones {@code null}; {@code announcements} is {@code null} when the page has no rows; totals
 * follow the server's caps ({@code totalRecordNum} at most {@value CninfoSimulator#MAX_RECORDS}, at most 30 rows a
 * page).
 */
public final class CninfoResponseWriter {

    private CninfoResponseWriter() {}

    /** Page {@code request.pageNum()} of {@code matching} (already filtered and ordered). */
    public static String page(CninfoQueryRequest request, List<SimulatedCninfoAnnouncement> matching) {
        int size = request.effectivePageSize();
        int total = matching.size();
        int records = Math.min(total, CninfoSimulator.MAX_RECORDS);
        int pages = (records + size - 1) / size;
        int from = (int) Math.min((long) (request.pageNum() - 1) * size, records);
        int to = Math.min(from + size, records);
        ObjectNode root = Json.mapper().createObjectNode();
        root.putNull("classifiedAnnouncements");
        root.put("totalSecurities", 0);
        root.put("totalAnnouncement", total);
        root.put("totalRecordNum", records);
        if (from >= to) {
            root.putNull("announcements");
        } else {
            ArrayNode rows = root.putArray("announcements");
            for (SimulatedCninfoAnnouncement a : matching.subList(from, to)) {
                row(rows.addObject(), a, request.highlight() ? request.searchkey() : "");
            }
        }
        root.putNull("categoryList");
        root.put("hasMore", request.pageNum() < pages);
        root.put("totalpages", pages);
        return write(root);
    }

    /** The all-null/all-zero payload cninfo reportedly sent from a broken channel (contract §2). */
    public static String emptyPayload() {
        ObjectNode root = Json.mapper().createObjectNode();
        root.putNull("classifiedAnnouncements");
        root.put("totalSecurities", 0);
        root.put("totalAnnouncement", 0);
        root.put("totalRecordNum", 0);
        root.putNull("announcements");
        root.putNull("categoryList");
        root.put("hasMore", false);
        root.put("totalpages", 0);
        return write(root);
    }

    private static void row(ObjectNode o, SimulatedCninfoAnnouncement a, String highlight) {
        o.putNull("id");
        o.put("secCode", a.secCode());
        o.put("secName", em(a.secName(), highlight));
        o.put("orgId", a.orgId());
        o.put("announcementId", a.announcementId());
        o.put("announcementTitle", em(a.title(), highlight));
        o.putNull("shortTitle");
        o.put("announcementTime", a.announcementTime());
        o.put("adjunctUrl", a.adjunctUrl());
        if (a.adjunctSize() == null) {
            o.putNull("adjunctSize");
        } else {
            o.put("adjunctSize", a.adjunctSize());
        }
        o.put("adjunctType", a.adjunctType());
        o.putNull("storageTime");
        o.put("columnId", a.columnId());
        o.put("pageColumn", a.pageColumn());
        o.put("announcementType", a.announcementType());
        o.putNull("associateAnnouncement");
        o.putNull("important");
        o.putNull("batchNum");
        o.putNull("announcementContent");
        o.putNull("orgName");
        o.putNull("announcementTypeName");
        o.putNull("tileSecName");
        o.putNull("secNameList");
    }

    /** {@code text} with every occurrence of {@code word} wrapped in {@code <em>}, as {@code isHLtitle=true} does. */
    static String em(String text, String word) {
        if (word == null || word.isEmpty() || text == null) {
            return text;
        }
        return text.replaceAll(Pattern.quote(word), Matcher.quoteReplacement("<em>" + word + "</em>"));
    }

    private static String write(ObjectNode root) {
        try {
            return Json.mapper().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }
}
