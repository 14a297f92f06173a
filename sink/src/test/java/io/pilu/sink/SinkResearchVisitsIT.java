package io.pilu.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pilu.model.JsonSerde;
import io.pilu.model.ResearchVisit;
import io.pilu.testkit.PiluIntegrationTest;
import io.pilu.testkit.SharedInfra;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.junit.jupiter.api.Test;

/** The research-visits sink against the real broker and ES node: strict mapping, ids, versions, tombstones. */
@PiluIntegrationTest
class SinkResearchVisitsIT {

    private static final JsonSerde<ResearchVisit> SERDE = JsonSerde.of(ResearchVisit.class);

    @Test
    @SuppressWarnings("try") // the runner only has to run (and be closed) while the test sends and reads
    void indexesVisitsUnderTheirKeyWithVersionsAndDeletesOnTombstones() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (SinkItSupport it = new SinkItSupport(3, SharedInfra.uniqueName("visits"), SharedInfra.uniqueName("dlq"));
                SinkRunner runner = SinkRunner.start(it.config(), registry, SinkIndex.RESEARCH_VISITS)) {
            ResearchVisit v2 = ResearchVisitDocumentConverterTest.visit("2024-07", 2);
            ResearchVisit v1 = ResearchVisitDocumentConverterTest.visit("2024-06-17", 1);
            ResearchVisit other = new ResearchVisit(
                    1,
                    "b1",
                    null,
                    "BSE",
                    "839493",
                    "并行科技",
                    new ResearchVisit.Institution("地泽投资", "地泽投资", io.pilu.model.EntityType.PRIVATE_FUND),
                    java.util.List.of(),
                    "2024-06-20",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    1);
            it.send(v2.key(), SERDE.toBytes(v2));
            it.send(v1.key(), SERDE.toBytes(v1)); // older version after a newer one: ES keeps the newer
            it.send(other.key(), SERDE.toBytes(other));
            it.send("b1|地泽投资", "{broken".getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> it.count() == 2 && !it.deadLetters().isEmpty());
            JsonNode doc = get(it, v2.key());
            assertThat(doc.at("/_source/activityDate").asText()).isEqualTo("2024-07");
            assertThat(doc.at("/_source/activityDay").asText()).isEqualTo("2024-07-01");
            assertThat(doc.at("/_version").asLong()).isEqualTo(2);
            assertThat(registry.get("pilu.sink.visits.docs.stale.skipped")
                            .counter()
                            .count())
                    .isEqualTo(1);
            assertThat(it.deadLetters())
                    .singleElement()
                    .satisfies(d -> assertThat(d.errorClass())
                            .isEqualTo(org.apache.kafka.common.errors.SerializationException.class.getName()));

            // Kibana-style aggregation by institution and month works on the mapping
            Request agg = new Request("POST", "/" + it.alias + "/_search");
            agg.setEntity(new StringEntity(
                    "{\"size\":0,\"aggs\":{\"by\":{\"terms\":{\"field\":\"institution\"}},"
                            + "\"months\":{\"date_histogram\":{\"field\":\"activityDay\",\"calendar_interval\":\"month\"}}}}",
                    ContentType.APPLICATION_JSON));
            JsonNode aggs = SinkItSupport.json(it.es.performRequest(agg)).path("aggregations");
            assertThat(aggs.at("/by/buckets").size()).isEqualTo(2);

            it.send(other.key(), null);
            await().atMost(Duration.ofSeconds(60)).until(() -> it.count() == 1);
            assertThat(get(it, other.key())).isNull();
        }
    }

    private static JsonNode get(SinkItSupport it, String id) throws IOException {
        try {
            return SinkItSupport.json(it.es.performRequest(
                    new Request("GET", "/" + it.alias + "/_doc/" + URLEncoder.encode(id, StandardCharsets.UTF_8))));
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return null;
            }
            throw e;
        }
    }
}
