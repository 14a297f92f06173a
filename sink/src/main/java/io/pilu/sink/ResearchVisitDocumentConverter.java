package io.pilu.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilu.model.IrActivity;
import io.pilu.model.Json;
import io.pilu.model.ResearchVisit;
import io.pilu.sink.es.BulkAction;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * Turns a {@link ResearchVisit} into the document of {@code pilu-research-visits}: pure, no I/O. The same rules as
 * the announcements: {@code _id} is the record key ({@code {filingId}|{normalizedName}}, so replays
 * overwrite and a filing reported by two sources is one set of visits), the version is the enrichment version (an older one never replaces a newer one), a tombstone
 * deletes. For Kibana aggregations the activity date is also given as a real date, {@code activityDay} (a
 * month-only date counts on the first day of its month, as in the analytics API), and as {@code activityMonth}.
 * The field list must match {@code research-visits-template.json} (strict mapping).
 */
public final class ResearchVisitDocumentConverter {

    private final ObjectMapper mapper = Json.mapper();

    public BulkAction.Index convert(byte[] key, ResearchVisit v) {
        String id = validId(key);
        if (!id.equals(v.key())) {
            throw new DocumentConversionException(
                    "record key '" + id + "' differs from the visit's key '" + v.key() + "'");
        }
        if (v.enrichmentVersion() < 1) {
            throw new DocumentConversionException("enrichmentVersion must be >= 1, got " + v.enrichmentVersion());
        }
        try {
            return new BulkAction.Index(id, v.enrichmentVersion(), mapper.writeValueAsBytes(document(v)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public BulkAction.Delete delete(byte[] key) {
        return new BulkAction.Delete(validId(key));
    }

    /** The document as a JSON tree (visible for tests). */
    public ObjectNode document(ResearchVisit v) {
        ObjectNode d = mapper.createObjectNode();
        d.put("announcementId", v.announcementId());
        putIfPresent(d, "filingId", v.filingId());
        putIfPresent(d, "exchange", v.exchange());
        putIfPresent(d, "companyCode", v.companyCode());
        putIfPresent(d, "companyName", v.companyName());
        d.put("institutionName", v.institution().name());
        d.put("institution", v.institution().normalizedName());
        d.put("institutionType", v.institution().type().name());
        ArrayNode people = d.putArray("people");
        v.people().forEach(people::add);
        putIfPresent(d, "activityDate", v.activityDate());
        LocalDate day = day(v.activityDate());
        if (day == null) {
            day = v.publishDate();
        }
        if (day != null) {
            d.put("activityDay", day.toString());
            d.put("activityMonth", YearMonth.from(day).toString());
        }
        if (v.publishDate() != null) {
            d.put("publishDate", v.publishDate().toString());
        }
        ArrayNode types = d.putArray("activityTypes");
        v.activityTypes().forEach(types::add);
        putIfPresent(d, "location", v.location());
        ArrayNode receptionists = d.putArray("receptionists");
        for (IrActivity.Receptionist r : v.receptionists()) {
            ObjectNode n = receptionists.addObject();
            putIfPresent(n, "name", r.name());
            putIfPresent(n, "title", r.title());
        }
        if (v.declaredInstitutionCount() != null) {
            d.put("declaredInstitutionCount", v.declaredInstitutionCount());
        }
        if (v.declaredPersonCount() != null) {
            d.put("declaredPersonCount", v.declaredPersonCount());
        }
        d.put("enrichmentVersion", v.enrichmentVersion());
        d.put("schemaVersion", v.schemaVersion());
        return d;
    }

    private static LocalDate day(String written) {
        if (written == null) {
            return null;
        }
        try {
            return written.length() == 7 ? YearMonth.parse(written).atDay(1) : LocalDate.parse(written);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String validId(byte[] key) {
        if (key == null || key.length == 0) {
            throw new DocumentConversionException("research visit without a key: no document id");
        }
        if (key.length > EnrichedDocumentConverter.MAX_ID_BYTES) {
            throw new DocumentConversionException("key is longer than " + EnrichedDocumentConverter.MAX_ID_BYTES
                    + " bytes, which Elasticsearch refuses as _id");
        }
        return new String(key, StandardCharsets.UTF_8);
    }

    private static void putIfPresent(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }
}
