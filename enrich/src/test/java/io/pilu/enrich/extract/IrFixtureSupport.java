package io.pilu.enrich.extract;

import io.pilu.model.DocumentClass;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.IrActivity;
import java.time.LocalDate;

/** Enriches an IR fixture through the public entry point, failing loudly if it is not read as an IR record. */
final class IrFixtureSupport {

    private static final AnnouncementEnricher ENRICHER = new AnnouncementEnricher();

    private IrFixtureSupport() {}

    static EnrichedAnnouncement enrich(String fixture, String title, LocalDate publishDate) {
        return ENRICHER.enrich(Fixtures.raw(title, Fixtures.text(fixture), publishDate), Fixtures.ENRICHED_AT);
    }

    static IrActivity ir(String fixture) {
        EnrichedAnnouncement e = enrich(fixture, "投资者关系活动记录表", LocalDate.of(2025, 1, 1));
        if (e.documentClass() != DocumentClass.IR_ACTIVITY_RECORD || e.irActivity() == null) {
            throw new AssertionError(fixture + " was classified " + e.documentClass());
        }
        return e.irActivity();
    }
}
