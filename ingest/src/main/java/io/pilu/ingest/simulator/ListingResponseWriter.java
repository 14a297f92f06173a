package io.pilu.ingest.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilu.ingest.listing.ListingEndpoint;
import io.pilu.model.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the JSONP bodies of the two list endpoints in the shapes the contract records, optionally drifted. Pure:
 * the mirror image of the crawler's {@code ListingResponseParser}.
 */
public final class ListingResponseWriter {

    /** Endpoint B puts at most this many announcements of one company and day into one row. */
    static final int MAX_PER_ROW = 3;

    private ListingResponseWriter() {}

    /** {@code callback(json)}; with no callback the site literally writes {@code null(…)}. */
    public static String jsonp(String callback, String json) {
        return (callback == null || callback.isBlank() ? "null" : callback) + "(" + json + ")";
    }

    /** One page of {@code endpoint}'s answer (JSON, before the JSONP wrapping), drifted by {@code drift}. */
    public static String page(
            ListingEndpoint endpoint, List<SimulatedAnnouncement> all, int page, int pageSize, ListingDrift drift) {
        return switch (endpoint) {
            case COMPANY_ANNOUNCEMENT -> companyAnnouncement(all, page, pageSize, drift);
            case DISCLOSURE_LIST -> disclosureList(all, page, pageSize, drift);
        };
    }

    /**
     * {@code companyAnnouncement.do}: a one-element array holding {@code listInfo} (a Spring-style page) and
     * {@code status}.
     */
    private static String companyAnnouncement(
            List<SimulatedAnnouncement> all, int page, int pageSize, ListingDrift drift) {
        int totalPages = totalPages(all.size(), pageSize);
        List<SimulatedAnnouncement> slice = slice(all, page, pageSize);
        ArrayNode content = Json.mapper().createArrayNode();
        slice.forEach(a -> content.add(record(a, drift)));
        ObjectNode listInfo = Json.mapper().createObjectNode();
        listInfo.set("content", content);
        listInfo.put("firstPage", page == 0);
        listInfo.put("lastPage", page >= totalPages - 1);
        listInfo.put("number", page);
        listInfo.put("numberOfElements", slice.size());
        listInfo.put("size", pageSize);
        listInfo.putNull("sort");
        listInfo.put("totalElements", all.size());
        listInfo.put("totalPages", totalPages);
        ObjectNode first = Json.mapper().createObjectNode();
        if (drift != ListingDrift.MISSING_LIST_INFO) {
            first.set("listInfo", listInfo);
        }
        first.put("status", drift == ListingDrift.STATUS_NOT_ZERO ? 1 : 0);
        return Json.write(Json.mapper().createArrayNode().add(first));
    }

    /**
     * {@code initDisclosureList.do}: consecutive announcements of one company and day are grouped into one row (up
     * to {@value #MAX_PER_ROW}); pages count rows, and each row's {@code totalElements} counts announcements.
     */
    private static String disclosureList(List<SimulatedAnnouncement> all, int page, int pageSize, ListingDrift drift) {
        List<List<SimulatedAnnouncement>> rows = rows(all);
        int totalPages = totalPages(rows.size(), pageSize);
        ArrayNode content = Json.mapper().createArrayNode();
        for (List<SimulatedAnnouncement> row : slice(rows, page, pageSize)) {
            ObjectNode r = Json.mapper().createObjectNode();
            ArrayNode disclosures = r.putArray("disclosures");
            row.forEach(a -> disclosures.add(record(a, drift)));
            r.put("totalElements", all.size());
            content.add(r);
        }
        ObjectNode data = Json.mapper().createObjectNode();
        data.set("content", content);
        data.put("numberOfElements", content.size());
        data.putNull("sort");
        data.put("totalElements", rows.size());
        data.put("totalPages", totalPages);
        data.put("firstPage", page == 0);
        data.put("lastPage", page >= totalPages - 1);
        data.put("size", pageSize);
        data.put("number", page);
        ObjectNode root = Json.mapper().createObjectNode();
        if (drift != ListingDrift.MISSING_LIST_INFO) {
            root.set("data", data);
        }
        if (drift == ListingDrift.STATUS_NOT_ZERO) {
            root.put("status", -1);
        }
        return Json.write(root);
    }

    static List<List<SimulatedAnnouncement>> rows(List<SimulatedAnnouncement> all) {
        List<List<SimulatedAnnouncement>> rows = new ArrayList<>();
        for (SimulatedAnnouncement a : all) {
            List<SimulatedAnnouncement> last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
            if (last != null
                    && last.size() < MAX_PER_ROW
                    && last.get(0).companyCd().equals(a.companyCd())
                    && last.get(0).publishDate().equals(a.publishDate())) {
                last.add(a);
            } else {
                rows.add(new ArrayList<>(List.of(a)));
            }
        }
        return rows;
    }

    private static ObjectNode record(SimulatedAnnouncement a, ListingDrift drift) {
        ObjectNode r = a.toListingJson();
        if (drift == ListingDrift.RECORD_WITHOUT_PATH) {
            r.remove("destFilePath");
        }
        return r;
    }

    private static int totalPages(int elements, int pageSize) {
        return Math.max(1, (elements + pageSize - 1) / pageSize);
    }

    private static <T> List<T> slice(List<T> all, int page, int size) {
        int from = (int) Math.min(all.size(), (long) page * size);
        return all.subList(from, Math.min(all.size(), from + size));
    }
}
