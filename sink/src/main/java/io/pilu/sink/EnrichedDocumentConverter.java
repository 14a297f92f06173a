package io.pilu.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.Entity;
import io.pilu.model.Figure;
import io.pilu.model.IrActivity;
import io.pilu.model.Json;
import io.pilu.model.RawAnnouncement;
import io.pilu.sink.es.BulkAction;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
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
                    mapper.writeValueAsBytes(document(e)));
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

    /** The document as a JSON tree (visible for tests and the benchmark). */
    public ObjectNode document(EnrichedAnnouncement e) {
        RawAnnouncement a = e.announcement();
        ObjectNode d = mapper.createObjectNode();
        d.put("id", e.id());
        d.put("filingId", e.filingId());
        d.put("source", a.source());
        d.put("exchange", a.exchange());
        putIfPresent(d, "companyCode", a.companyCode());
        putIfPresent(d, "companyName", a.companyName());
        putIfPresent(d, "title", a.title());
        strings(d.putArray("typeCodes"), a.typeCodes());
        if (a.publishDate() != null) {
            d.put("publishDate", a.publishDate().toString());
        }
        putIfPresent(d, "documentUrl", a.documentUrl());
        putIfPresent(d, "fileType", a.fileType());
        putIfPresent(d, "documentSha256", a.documentSha256());
        if (a.documentBytes() != null) {
            d.put("documentBytes", a.documentBytes());
        }
        if (a.pageCount() != null) {
            d.put("pageCount", a.pageCount());
        }
        putIfPresent(d, "text", a.text());
        d.put("extraction", a.extraction().name());
        putIfPresent(d, "extractionError", a.extractionError());
        if (a.fetchedAt() != null) {
            d.put("fetchedAt", a.fetchedAt().toString());
        }

        d.put("documentClass", e.documentClass().name());
        d.put("enrichmentVersion", e.enrichmentVersion());
        d.put("schemaVersion", e.schemaVersion());
        if (e.enrichedAt() != null) {
            d.put("enrichedAt", e.enrichedAt().toString());
        }

        ArrayNode figures = d.putArray("figures");
        for (Figure f : e.figures()) {
            ObjectNode fn = figures.addObject();
            fn.put("metric", f.metric());
            fn.put("value", f.value());
            fn.put("unit", f.unit());
            putIfPresent(fn, "period", f.period());
            putIfPresent(fn, "context", f.context());
            BigDecimal factor = YUAN_FACTORS.get(f.unit());
            if (factor != null) {
                fn.put("amountYuan", f.value().multiply(factor));
            }
        }

        ArrayNode entities = d.putArray("entities");
        Set<String> entityNames = new LinkedHashSet<>();
        Set<String> entityTypes = new LinkedHashSet<>();
        for (Entity en : e.entities()) {
            ObjectNode n = entities.addObject();
            n.put("name", en.name());
            n.put("normalizedName", en.normalizedName());
            n.put("type", en.type().name());
            n.put("role", en.role().name());
            entityNames.add(en.name());
            entityNames.add(en.normalizedName());
            entityTypes.add(en.type().name());
        }
        strings(d.putArray("entityNames"), entityNames);
        strings(d.putArray("entityTypes"), entityTypes);

        if (e.irActivity() != null) {
            d.set("ir", ir(e.irActivity()));
        }
        return d;
    }

    private ObjectNode ir(IrActivity ir) {
        ObjectNode n = mapper.createObjectNode();
        if (ir.layout() != null) {
            n.put("layout", ir.layout().name());
        }
        strings(n.putArray("activityTypes"), ir.activityTypes());
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
        strings(n.putArray("participants"), participants);
        strings(n.putArray("participantTypes"), participantTypes);
        strings(n.putArray("participantPeople"), people);
        n.put("participantCount", ir.participants().size());
        if (ir.declaredInstitutionCount() != null) {
            n.put("declaredInstitutionCount", ir.declaredInstitutionCount());
        }
        if (ir.declaredPersonCount() != null) {
            n.put("declaredPersonCount", ir.declaredPersonCount());
        }
        strings(
                n.putArray("receptionists"),
                ir.receptionists().stream().map(IrActivity.Receptionist::name).toList());
        strings(
                n.putArray("customers"),
                ir.customers().stream().map(IrActivity.NamedCompany::name).toList());
        strings(
                n.putArray("partners"),
                ir.partners().stream().map(IrActivity.NamedCompany::name).toList());
        ArrayNode qa = n.putArray("qa");
        for (IrActivity.QaPair p : ir.qa()) {
            ObjectNode q = qa.addObject();
            putIfPresent(q, "question", p.question());
            putIfPresent(q, "answer", p.answer());
        }
        return n;
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

    private static void strings(ArrayNode array, Collection<String> values) {
        values.stream().filter(v -> v != null && !v.isBlank()).distinct().forEach(array::add);
    }
}
