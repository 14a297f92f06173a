package io.pilu.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.Json;
import io.pilu.model.RawAnnouncement;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the enricher produces, serialized with {@link Json}, validates against docs/schemas. */
class EnrichedSchemaConformanceTest {

    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(
                    SpecVersion.VersionFlag.V202012,
                    b -> b.schemaMappers(
                            m -> m.mapPrefix("https://pilu.io/schemas/", "classpath:io/pilu/model/schemas/")))
            .getSchema(SchemaLocation.of("https://pilu.io/schemas/enriched-announcement.schema.json"));
    private static final AnnouncementEnricher ENRICHER = new AnnouncementEnricher();

    private static Set<ValidationMessage> validate(EnrichedAnnouncement e) {
        // through the JSON text, exactly as a consumer of the topic sees it
        return SCHEMA.validate(tree(Json.write(e)));
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theSeed() throws Exception {
        EnrichedAnnouncement seed = ENRICHER.enrich(Fixtures.seedRaw(), Fixtures.ENRICHED_AT);
        assertThat(SCHEMA.validate(Json.mapper().readTree(Json.write(seed)))).isEmpty();
        // and it reads back equal
        assertThat(Json.mapper().readValue(Json.write(seed), EnrichedAnnouncement.class))
                .isEqualTo(seed);
    }

    @ParameterizedTest
    @CsvSource({
        "sz-table-record.txt",
        "sh-table-record.txt",
        "legacy-registration-form.txt",
        "bse-damaged-lost-tick.txt",
        "bse-damaged-spaced.txt",
        "bse-damaged-multi-category.txt",
        "news-digest-mentions-ir.txt",
        "annual-report-excerpt.txt",
        "board-resolution.txt"
    })
    void everyFixture(String fixture) {
        assertThat(validate(ENRICHER.enrich(
                        Fixtures.raw("投资者关系活动记录表", Fixtures.text(fixture), LocalDate.of(2024, 6, 18)),
                        Fixtures.ENRICHED_AT)))
                .isEmpty();
    }

    @Test
    void anUnreadableIrRecordWithoutActivity() {
        assertThat(validate(ENRICHER.enrich(
                        Fixtures.failed("投资者关系活动记录表", RawAnnouncement.ExtractionStatus.FAILED), Fixtures.ENRICHED_AT)))
                .isEmpty();
    }
}
