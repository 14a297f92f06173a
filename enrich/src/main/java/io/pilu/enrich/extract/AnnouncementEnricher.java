package io.pilu.enrich.extract;

import io.pilu.model.DocumentClass;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.Entity;
import io.pilu.model.EntityRole;
import io.pilu.model.EntityType;
import io.pilu.model.Figure;
import io.pilu.model.IrActivity;
import io.pilu.model.RawAnnouncement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a crawled announcement into an enriched one: normalizes the text ({@link TextNormalizer}), classifies it
 * ({@link DocumentClassifier}), parses IR activity records ({@link IrRecordParser}), reads figures
 * ({@link FigureExtractor}) and lists the entities found.
 *
 * <p>A record whose text could not be extracted (extraction FAILED or SKIPPED, text null) is classified on its
 * title alone and carries no IR activity and no figures. {@code entities} holds the participants (their
 * institution type, role PARTICIPANT), the reception staff (PERSON, RECEPTIONIST), the customers (COMPANY,
 * CUSTOMER) and the partners (COMPANY, PARTNER), each once per normalized name and role.
 *
 * <p>Pure and thread-safe: the gazetteer is loaded once, in the constructor, and nothing else is shared.
 */
public final class AnnouncementEnricher {

    /** Version of the extraction logic; bump when extraction output changes so newer results replace older ones. */
    public static final int ENRICHMENT_VERSION = 3;

    private final TextNormalizer normalizer = new TextNormalizer();
    private final DocumentClassifier classifier = new DocumentClassifier();
    private final IrRecordParser irParser;

    /** With the gazetteer shipped on the classpath. */
    public AnnouncementEnricher() {
        this(InstitutionGazetteer.loadDefault());
    }

    /** With a given gazetteer (tests, or a deployment that curates its own list). */
    public AnnouncementEnricher(InstitutionGazetteer gazetteer) {
        this.irParser = new IrRecordParser(Objects.requireNonNull(gazetteer, "gazetteer"));
    }

    /**
     * Enriches {@code raw}. Never throws for any text; throws {@link IllegalArgumentException} only for a null
     * {@code raw} or {@code enrichedAt}.
     */
    public EnrichedAnnouncement enrich(RawAnnouncement raw, Instant enrichedAt) {
        if (raw == null) {
            throw new IllegalArgumentException("raw announcement is null");
        }
        if (enrichedAt == null) {
            throw new IllegalArgumentException("enrichedAt is null");
        }
        boolean readable = raw.extraction() == RawAnnouncement.ExtractionStatus.OK && raw.text() != null;
        String text = readable ? normalizer.normalize(raw.text()) : null;
        DocumentClass documentClass = classifier.classify(raw.title(), text);

        IrActivity ir = documentClass == DocumentClass.IR_ACTIVITY_RECORD && text != null
                ? irParser.parse(text, raw.title())
                : null;
        Integer year = raw.publishDate() == null ? null : raw.publishDate().getYear();
        List<Figure> figures = text == null ? List.of() : FigureExtractor.extract(text, year);

        return new EnrichedAnnouncement(
                EnrichedAnnouncement.SCHEMA_VERSION,
                raw.id(),
                raw,
                documentClass,
                ir,
                figures,
                entities(ir),
                ENRICHMENT_VERSION,
                enrichedAt);
    }

    private static List<Entity> entities(IrActivity ir) {
        if (ir == null) {
            return List.of();
        }
        Map<String, Entity> out = new LinkedHashMap<>();
        for (IrActivity.Participant p : ir.participants()) {
            add(out, new Entity(p.name(), p.normalizedName(), p.type(), EntityRole.PARTICIPANT));
        }
        for (IrActivity.Receptionist r : ir.receptionists()) {
            add(out, new Entity(r.name(), r.name(), EntityType.PERSON, EntityRole.RECEPTIONIST));
        }
        for (IrActivity.NamedCompany c : ir.customers()) {
            add(out, new Entity(c.name(), c.name(), EntityType.COMPANY, EntityRole.CUSTOMER));
        }
        for (IrActivity.NamedCompany c : ir.partners()) {
            add(out, new Entity(c.name(), c.name(), EntityType.COMPANY, EntityRole.PARTNER));
        }
        return new ArrayList<>(out.values());
    }

    private static void add(Map<String, Entity> out, Entity e) {
        out.putIfAbsent(e.role() + "|" + e.normalizedName(), e);
    }
}
