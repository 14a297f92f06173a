package io.pilu.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.Entity;
import io.pilu.model.Figure;
import io.pilu.model.IrActivity;
import io.pilu.model.Json;
import io.pilu.model.RawAnnouncement;
import io.pilu.sink.es.BulkAction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Turns an {@link EnrichedAnnouncement} into the Elasticsearch document the sink indexes: pure, no I/O.
 *
 * <p>The document is flat where people search (company, title, date, text at the top level) and keeps the
 * structure where queries need pairs to stay together ({@code figures} and {@code entities} are {@code nested},
 * so "营业收入 above 1 亿元" does not match a revenue figure and an unrelated 1.5 from another figure). IR
 * participants, customers and partners are also copied into plain keyword arrays so a term filter or an
 * aggregation needs no nested query. The field list must match {@code index-template.json}, whose mapping is
 * {@code strict}: a field added here and not there is rejected by ES, not silently mapped as the wrong type.
 *
 * <p>{@code _id} is the filing id ({@link io.pilu.model.FilingIdentity}): a filing reported by bse.cn and by cninfo is one
 * document, whatever order its arrivals come in. Each record becomes a {@link BulkAction.Arrival} and each tombstone
 * (keyed by raw id) a {@link BulkAction.Withdraw}, which {@link FilingMerger} resolves against the stored document:
 * every arrival is listed under {@code arrivals} and {@code sources}, the content is the primary arrival's, an older
 * enrichment never replaces a newer one, and the document goes with its last arrival.
 */
public final class EnrichedDocumentConverter {

    /** Elasticsearch refuses ids longer than 512 bytes. */
    static final int MAX_ID_BYTES = 512;

    /** The output buffer starts at the document's likely size, up to this; it grows beyond when needed. */
    private static final int MAX_INITIAL_BUFFER = 1 << 20;

    /** Currency units the enrich stage writes, with their factor to 元, for {@code figures.amountYuan}. */
    private static final Map<String, BigDecimal> YUAN_FACTORS = Map.of(
            "元", BigDecimal.ONE,
            "千元", new BigDecimal("1000"),
            "万元", new BigDecimal("10000"),
            "百万元", new BigDecimal("1000000"),
            "亿元", new BigDecimal("100000000"));

    private final ObjectMapper mapper = Json.mapper();

    /**
     * The arrival of {@code e} at its filing's document, merged by {@link FilingMerger}; throws
     * {@link DocumentConversionException} when no valid document exists.
     */
    public BulkAction.Arrival convert(EnrichedAnnouncement e) {
        String id = validId(e.id());
        String filingId = validId(e.filingId());
        if (e.enrichmentVersion() < 1) {
            // 0 would never beat anything: the schema says >= 1
            throw new DocumentConversionException("enrichmentVersion must be >= 1, got " + e.enrichmentVersion());
        }
        try {
            return new BulkAction.Arrival(
                    filingId,
                    id,
                    e.announcement().source(),
                    e.enrichmentVersion(),
                    mapper.writeValueAsBytes(arrival(e)),
                    bytes(e));
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The withdrawal of the arrival a tombstone with record key {@code key} (its raw id) names. */
    public BulkAction.Withdraw delete(byte[] key) {
        if (key == null) {
            throw new DocumentConversionException("tombstone without a key: no document id to delete");
        }
        return new BulkAction.Withdraw(validId(new String(key, StandardCharsets.UTF_8)));
    }

    /** What the document records of one arrival (visible for tests). */
    public ObjectNode arrival(EnrichedAnnouncement e) {
        RawAnnouncement a = e.announcement();
        ObjectNode n = mapper.createObjectNode();
        n.put("id", e.id());
        n.put("source", a.source());
        putIfPresent(n, "title", a.title());
        putIfPresent(n, "documentUrl", a.documentUrl());
        putIfPresent(n, "documentSha256", a.documentSha256());
        n.put("enrichmentVersion", e.enrichmentVersion());
        return n;
    }

    /** The document as a JSON tree (for tests: read back from the very bytes {@link #convert} sends). */
    public ObjectNode document(EnrichedAnnouncement e) {
        try {
            return (ObjectNode) mapper.readTree(bytes(e));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The document's UTF-8 JSON, written field by field with a streaming generator: no tree in between (building
     * one and serialising it cost the sink a quarter of its CPU in {@code pilu bench sink}).
     */
    private byte[] bytes(EnrichedAnnouncement e) {
        RawAnnouncement a = e.announcement();
        int text = a.text() == null ? 0 : a.text().length();
        ByteArrayBuilder out = new ByteArrayBuilder(Math.min(MAX_INITIAL_BUFFER, 2_048 + text * 3));
        try (JsonGenerator g = mapper.createGenerator(out)) {
            write(g, e);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    private void write(JsonGenerator d, EnrichedAnnouncement e) throws IOException {
        RawAnnouncement a = e.announcement();
        d.writeStartObject();
        d.writeStringField("id", e.id());
        d.writeStringField("filingId", e.filingId());
        d.writeStringField("source", a.source());
        d.writeStringField("exchange", a.exchange());
        putIfPresent(d, "companyCode", a.companyCode());
        putIfPresent(d, "companyName", a.companyName());
        putIfPresent(d, "title", a.title());
        strings(d, "typeCodes", a.typeCodes());
        if (a.publishDate() != null) {
            d.writeStringField("publishDate", a.publishDate().toString());
        }
        putIfPresent(d, "documentUrl", a.documentUrl());
        putIfPresent(d, "fileType", a.fileType());
        putIfPresent(d, "documentSha256", a.documentSha256());
        if (a.documentBytes() != null) {
            d.writeNumberField("documentBytes", a.documentBytes());
        }
        if (a.pageCount() != null) {
            d.writeNumberField("pageCount", a.pageCount());
        }
        putIfPresent(d, "text", a.text());
        d.writeStringField("extraction", a.extraction().name());
        putIfPresent(d, "extractionError", a.extractionError());
        if (a.fetchedAt() != null) {
            d.writeStringField("fetchedAt", a.fetchedAt().toString());
        }

        d.writeStringField("documentClass", e.documentClass().name());
        d.writeNumberField("enrichmentVersion", e.enrichmentVersion());
        d.writeNumberField("schemaVersion", e.schemaVersion());
        if (e.enrichedAt() != null) {
            d.writeStringField("enrichedAt", e.enrichedAt().toString());
        }

        d.writeArrayFieldStart("figures");
        for (Figure f : e.figures()) {
            d.writeStartObject();
            d.writeStringField("metric", f.metric());
            d.writeNumberField("value", f.value());
            d.writeStringField("unit", f.unit());
            putIfPresent(d, "period", f.period());
            putIfPresent(d, "context", f.context());
            BigDecimal factor = YUAN_FACTORS.get(f.unit());
            if (factor != null) {
                d.writeNumberField("amountYuan", f.value().multiply(factor));
            }
            d.writeEndObject();
        }
        d.writeEndArray();

        d.writeArrayFieldStart("entities");
        Set<String> entityNames = new LinkedHashSet<>();
        Set<String> entityTypes = new LinkedHashSet<>();
        for (Entity en : e.entities()) {
            d.writeStartObject();
            d.writeStringField("name", en.name());
            d.writeStringField("normalizedName", en.normalizedName());
            d.writeStringField("type", en.type().name());
            d.writeStringField("role", en.role().name());
            d.writeEndObject();
            entityNames.add(en.name());
            entityNames.add(en.normalizedName());
            entityTypes.add(en.type().name());
        }
        d.writeEndArray();
        strings(d, "entityNames", entityNames);
        strings(d, "entityTypes", entityTypes);

        if (e.irActivity() != null) {
            d.writeFieldName("ir");
            ir(d, e.irActivity());
        }
        d.writeEndObject();
    }

    private static void ir(JsonGenerator n, IrActivity ir) throws IOException {
        n.writeStartObject();
        if (ir.layout() != null) {
            n.writeStringField("layout", ir.layout().name());
        }
        strings(n, "activityTypes", ir.activityTypes());
        putIfPresent(n, "activityTypeOther", ir.activityTypeOther());
        putIfPresent(n, "date", ir.date());
        putIfPresent(n, "location", ir.location());
        Set<String> participants = new LinkedHashSet<>();
        Set<String> participantTypes = new LinkedHashSet<>();
        Set<String> people = new LinkedHashSet<>();
        for (IrActivity.Participant p : ir.participants()) {
            if (p.name() != null) {
                participants.add(p.name());
            }
            if (p.normalizedName() != null) {
                participants.add(p.normalizedName());
            }
            if (p.type() != null) {
                participantTypes.add(p.type().name());
            }
            people.addAll(p.people());
        }
        strings(n, "participants", participants);
        strings(n, "participantTypes", participantTypes);
        strings(n, "participantPeople", people);
        n.writeNumberField("participantCount", ir.participants().size());
        if (ir.declaredInstitutionCount() != null) {
            n.writeNumberField("declaredInstitutionCount", ir.declaredInstitutionCount());
        }
        if (ir.declaredPersonCount() != null) {
            n.writeNumberField("declaredPersonCount", ir.declaredPersonCount());
        }
        strings(
                n,
                "receptionists",
                ir.receptionists().stream().map(IrActivity.Receptionist::name).toList());
        strings(
                n,
                "customers",
                ir.customers().stream().map(IrActivity.NamedCompany::name).toList());
        strings(
                n,
                "partners",
                ir.partners().stream().map(IrActivity.NamedCompany::name).toList());
        n.writeArrayFieldStart("qa");
        for (IrActivity.QaPair p : ir.qa()) {
            n.writeStartObject();
            putIfPresent(n, "question", p.question());
            putIfPresent(n, "answer", p.answer());
            n.writeEndObject();
        }
        n.writeEndArray();
        n.writeEndObject();
    }

    private static String validId(String id) {
        if (id == null || id.isBlank()) {
            throw new DocumentConversionException("announcement id is blank");
        }
        if (id.getBytes(StandardCharsets.UTF_8).length > MAX_ID_BYTES) {
            throw new DocumentConversionException(
                    "announcement id is longer than " + MAX_ID_BYTES + " bytes, which Elasticsearch refuses as _id");
        }
        return id;
    }

    private static void putIfPresent(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static void putIfPresent(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    /** {@code values} without nulls, blanks and repeats, as an array field. */
    private static void strings(JsonGenerator g, String field, Collection<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        Set<String> seen = new HashSet<>();
        for (String v : values) {
            if (v != null && !v.isBlank() && seen.add(v)) {
                g.writeString(v);
            }
        }
        g.writeEndArray();
    }
}
