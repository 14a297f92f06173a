package io.pilu.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilu.model.EntityType;
import io.pilu.model.IrActivity;
import io.pilu.model.JsonSerde;
import io.pilu.model.ResearchVisit;
import io.pilu.sink.es.BulkAction;
import io.pilu.sink.es.IndexTemplate;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResearchVisitDocumentConverterTest {

    private final ResearchVisitDocumentConverter converter = new ResearchVisitDocumentConverter();

    static ResearchVisit visit(String activityDate, int version) {
        return new ResearchVisit(
                ResearchVisit.SCHEMA_VERSION,
                "8a2c7f1e",
                "BSE:839493:2024-06-18:0123456789abcdef",
                "BSE",
                "839493",
                "并行科技",
                new ResearchVisit.Institution("中邮证券", "中邮证券有限责任公司", EntityType.BROKER),
                List.of("张三"),
                activityDate,
                LocalDate.of(2024, 6, 18),
                List.of("特定对象调研"),
                "公司会议室",
                List.of(new IrActivity.Receptionist("师健伟", "董事会秘书")),
                2,
                3,
                version);
    }

    static byte[] key(ResearchVisit v) {
        return v.key().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void idIsTheVisitKeyAndVersionTheEnrichmentVersion() {
        ResearchVisit v = visit("2024-06-17", 3);
        BulkAction.Index a = converter.convert(key(v), v);
        assertThat(a.id()).isEqualTo("BSE:839493:2024-06-18:0123456789abcdef|中邮证券有限责任公司");
        assertThat(converter.document(v).get("filingId").asText()).isEqualTo("BSE:839493:2024-06-18:0123456789abcdef");
        assertThat(converter.document(v).get("announcementId").asText()).isEqualTo("8a2c7f1e");
        assertThat(a.version()).isEqualTo(3);
        assertThat(converter.delete(key(v)).id()).isEqualTo(a.id());
    }

    @Test
    void monthOnlyDateGetsTheFirstDayAsActivityDay() {
        JsonNode d = converter.document(visit("2024-07", 1));
        assertThat(d.get("activityDate").asText()).isEqualTo("2024-07");
        assertThat(d.get("activityDay").asText()).isEqualTo("2024-07-01");
        assertThat(d.get("activityMonth").asText()).isEqualTo("2024-07");
        JsonNode undated = converter.document(visit(null, 1));
        assertThat(undated.get("activityDay").asText()).isEqualTo("2024-06-18"); // the publish date
    }

    @Test
    void everyFieldIsInTheStrictMapping() {
        JsonNode mapping = IndexTemplate.mappings(IndexTemplate.RESEARCH_VISITS_RESOURCE);
        assertThat(mapping.path("dynamic").asText()).isEqualTo("strict");
        assertMapped(converter.document(visit("2024-06-17", 1)), mapping.path("properties"), "");
    }

    private static void assertMapped(JsonNode doc, JsonNode properties, String path) {
        for (Map.Entry<String, JsonNode> f : doc.properties()) {
            JsonNode m = properties.get(f.getKey());
            assertThat(m).as("mapping of " + path + f.getKey()).isNotNull();
            JsonNode value = f.getValue().isArray() && !f.getValue().isEmpty()
                    ? f.getValue().get(0)
                    : f.getValue();
            if (value.isObject()) {
                assertMapped(value, m.path("properties"), path + f.getKey() + ".");
            }
        }
    }

    @Test
    void badRecordsBecomeDeadLettersWithTheReason() {
        ResearchVisitRecordDecoder decoder = new ResearchVisitRecordDecoder();
        ResearchVisit v = visit("2024-06-17", 1);
        PendingDocument ok = decoder.decode(
                "t", 0, 1, key(v), JsonSerde.of(ResearchVisit.class).toBytes(v));
        assertThat(ok.errorClass()).isNull();
        PendingDocument wrongKey = decoder.decode(
                "t",
                0,
                2,
                "other|key".getBytes(StandardCharsets.UTF_8),
                JsonSerde.of(ResearchVisit.class).toBytes(v));
        assertThat(wrongKey.errorClass()).isEqualTo(DocumentConversionException.class.getName());
        assertThat(wrongKey.errorMessage()).contains("differs");
        PendingDocument garbage = decoder.decode("t", 0, 3, key(v), "{nope".getBytes(StandardCharsets.UTF_8));
        assertThat(garbage.errorClass())
                .isEqualTo(org.apache.kafka.common.errors.SerializationException.class.getName());
        PendingDocument tombstone = decoder.decode("t", 0, 4, key(v), null);
        assertThat(tombstone.action()).isInstanceOf(BulkAction.Delete.class);
        assertThatThrownBy(() -> converter.convert(null, v)).isInstanceOf(DocumentConversionException.class);
    }
}
