package io.pilu.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Serialized events must validate against the published JSON Schemas in docs/schemas, and bad ones must not. */
class SchemaConformanceTest {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            b -> b.schemaMappers(m -> m.mapPrefix("https://pilu.io/schemas/", "classpath:io/pilu/model/schemas/")));

    private static JsonSchema schema(String file) {
        return FACTORY.getSchema(SchemaLocation.of("https://pilu.io/schemas/" + file));
    }

    private static Set<ValidationMessage> validate(String file, Object event) {
        return schema(file).validate(Json.mapper().valueToTree(event));
    }

    private static Set<ValidationMessage> validateTree(String file, JsonNode tree) {
        return schema(file).validate(tree);
    }

    @Test
    void rawAnnouncementsConform() {
        assertThat(validate("raw-announcement.schema.json", Fixtures.raw())).isEmpty();
        assertThat(validate("raw-announcement.schema.json", Fixtures.failedRaw()))
                .isEmpty();
    }

    @Test
    void enrichedAnnouncementConforms() {
        assertThat(validate("enriched-announcement.schema.json", Fixtures.enrichedIr()))
                .isEmpty();
    }

    @Test
    void unreadableIrRecordConformsWithoutActivityButNotWithOne() {
        RawAnnouncement failed = Fixtures.failedRaw();
        EnrichedAnnouncement unread = new EnrichedAnnouncement(
                EnrichedAnnouncement.SCHEMA_VERSION,
                failed.id(),
                failed,
                DocumentClass.IR_ACTIVITY_RECORD,
                null,
                null,
                null,
                1,
                Instant.parse("2024-04-01T08:00:05Z"));
        assertThat(validate("enriched-announcement.schema.json", unread)).isEmpty();

        ObjectNode withActivity = Json.mapper().valueToTree(unread);
        withActivity.set(
                "irActivity", Json.mapper().valueToTree(Fixtures.enrichedIr().irActivity()));
        assertThat(validateTree("enriched-announcement.schema.json", withActivity))
                .isNotEmpty();
    }

    @Test
    void entityMentionConforms() {
        EnrichedAnnouncement e = Fixtures.enrichedIr();
        for (Entity entity : e.entities()) {
            assertThat(validate("entity-mention.schema.json", EntityMention.of(e, entity)))
                    .isEmpty();
        }
    }

    @Test
    void deadLetterConformsForTextAndBinary() {
        DeadLetter text = DeadLetter.of(
                "enrich",
                "pilu.announcements.raw",
                0,
                42L,
                "k".getBytes(),
                "{not json".getBytes(),
                new IllegalStateException("boom"),
                Instant.now());
        DeadLetter binary = DeadLetter.of(
                "sink",
                "pilu.announcements.enriched",
                1,
                7L,
                null,
                new byte[] {(byte) 0xff, (byte) 0xfe, 0},
                "mapper_parsing_exception",
                "failed to parse",
                Instant.now());
        assertThat(validate("dead-letter.schema.json", text)).isEmpty();
        assertThat(validate("dead-letter.schema.json", binary)).isEmpty();
        assertThat(binary.encoding()).isEqualTo(DeadLetter.BASE64);
    }

    @Test
    void schemasRejectWhatTheyShould() {
        ObjectNode raw = Json.mapper().valueToTree(Fixtures.raw());
        raw.remove("text"); // extraction OK requires text
        assertThat(validateTree("raw-announcement.schema.json", raw)).isNotEmpty();

        ObjectNode unknownField = Json.mapper().valueToTree(Fixtures.raw());
        unknownField.put("surprise", 1);
        assertThat(validateTree("raw-announcement.schema.json", unknownField)).isNotEmpty();

        ObjectNode enriched = Json.mapper().valueToTree(Fixtures.enrichedIr());
        enriched.remove("irActivity"); // an IR record must carry its activity
        assertThat(validateTree("enriched-announcement.schema.json", enriched)).isNotEmpty();

        ObjectNode badType = Json.mapper().valueToTree(Fixtures.enrichedIr());
        ((ObjectNode) badType.get("irActivity")).putArray("activityTypes").add("喝茶");
        assertThat(validateTree("enriched-announcement.schema.json", badType)).isNotEmpty();
    }
}
