package io.pilu.enrich.topology;

import io.pilu.model.DocumentClass;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.EntityMention;
import io.pilu.model.JsonSerde;
import io.pilu.model.RawAnnouncement;
import io.pilu.model.Topics;
import io.pilu.service.KafkaSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The enrich topology, a pure function of its inputs:
 *
 * <pre>
 *   raw ──► enrich ──┬─► enriched            (every announcement, key = id; tombstones passed through)
 *                    ├─► ir-activities       (IR_ACTIVITY_RECORD only, key = id)
 *                    ├─► entity-mentions     (one per entity, key = normalised name)
 *                    └─► dlq.enrich          (unreadable or unprocessable records, with the reason)
 * </pre>
 *
 * Stateless: every output is a function of one input record, so exactly-once needs no state store, only the
 * transactional commit of outputs and input offsets together (exactly_once_v2, see {@link EnrichConfig}).
 */
public final class EnrichTopology {

    private EnrichTopology() {}

    /** Builds the topology on {@code builder}, with the producers' record budget as the largest output. */
    public static void build(
            StreamsBuilder builder,
            Topics topics,
            BiFunction<RawAnnouncement, Instant, EnrichedAnnouncement> enricher,
            Clock clock,
            EnrichMetrics metrics) {
        build(builder, topics, enricher, clock, metrics, KafkaSettings.MAX_RECORD_BYTES);
    }

    /**
     * Builds the topology on {@code builder}.
     *
     * @param maxRecordBytes the largest enriched record the output topics take (their smallest
     *                       {@code max.message.bytes}, at most {@link KafkaSettings#MAX_RECORD_BYTES}); a larger one
     *                       is dead-lettered with a shortened payload instead of failing its transaction
     */
    public static void build(
            StreamsBuilder builder,
            Topics topics,
            BiFunction<RawAnnouncement, Instant, EnrichedAnnouncement> enricher,
            Clock clock,
            EnrichMetrics metrics,
            int maxRecordBytes) {
        JsonSerde<EnrichedAnnouncement> enrichedSerde = JsonSerde.enriched();

        KStream<String, EnrichOutcome> outcomes = builder.stream(
                        topics.raw(),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("raw-source"))
                .process(() -> new EnrichProcessor(enricher, clock, metrics, maxRecordBytes), Named.as("enrich"));

        Map<String, KStream<String, EnrichOutcome>> branches = outcomes.split(Named.as("outcome-"))
                .branch((k, v) -> v instanceof EnrichOutcome.Failed, Branched.as("failed"))
                .branch((k, v) -> v instanceof EnrichOutcome.Tombstone, Branched.as("tombstone"))
                .defaultBranch(Branched.as("enriched"));

        branches.get("outcome-failed")
                .mapValues(v -> ((EnrichOutcome.Failed) v).deadLetter(), Named.as("dead-letter"))
                .to(
                        topics.dlqEnrich(),
                        Produced.with(Serdes.String(), JsonSerde.deadLetter()).withName("dlq-sink"));

        // A withdrawn announcement is withdrawn from the enriched and IR topics (and so from the search index).
        KStream<String, EnrichedAnnouncement> tombstones =
                branches.get("outcome-tombstone").mapValues(v -> (EnrichedAnnouncement) null, Named.as("tombstone"));
        tombstones.to(
                topics.enriched(), Produced.with(Serdes.String(), enrichedSerde).withName("enriched-tombstones"));
        tombstones.to(
                topics.irActivities(),
                Produced.with(Serdes.String(), enrichedSerde).withName("ir-tombstones"));

        // The enriched and IR topics get the bytes the processor serialised once (the text dominates them).
        KStream<String, EnrichOutcome.Enriched> enriched =
                branches.get("outcome-enriched").mapValues(v -> (EnrichOutcome.Enriched) v, Named.as("unwrap"));
        enriched.mapValues(EnrichOutcome.Enriched::bytes, Named.as("enriched-bytes"))
                .to(
                        topics.enriched(),
                        Produced.with(Serdes.String(), Serdes.ByteArray()).withName("enriched-sink"));
        // pilu.ir-activities is a table of the IR records by id: an announcement that is not (or no longer) one is
        // a tombstone there, so a re-enrichment that reclassifies a former IR record retracts it downstream
        // (analytics counts that table). Compaction drops the tombstones of ids that never were IR records.
        enriched.mapValues(
                        e -> e.value().documentClass() == DocumentClass.IR_ACTIVITY_RECORD ? e.bytes() : null,
                        Named.as("ir-bytes-or-tombstone"))
                .to(
                        topics.irActivities(),
                        Produced.with(Serdes.String(), Serdes.ByteArray()).withName("ir-sink"));
        enriched.flatMap(
                        (id, e) -> e.value().entities().stream()
                                .map(entity ->
                                        KeyValue.pair(entity.normalizedName(), EntityMention.of(e.value(), entity)))
                                .toList(),
                        Named.as("entity-mentions"))
                .to(
                        topics.entityMentions(),
                        Produced.with(Serdes.String(), JsonSerde.entityMention())
                                .withName("mentions-sink"));
    }

    /** Builds the whole topology. */
    public static Topology topology(
            Topics topics,
            BiFunction<RawAnnouncement, Instant, EnrichedAnnouncement> enricher,
            Clock clock,
            EnrichMetrics metrics) {
        return topology(topics, enricher, clock, metrics, KafkaSettings.MAX_RECORD_BYTES);
    }

    /** Builds the whole topology with an output record limit, see {@link #build}. */
    public static Topology topology(
            Topics topics,
            BiFunction<RawAnnouncement, Instant, EnrichedAnnouncement> enricher,
            Clock clock,
            EnrichMetrics metrics,
            int maxRecordBytes) {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, topics, enricher, clock, metrics, maxRecordBytes);
        return builder.build();
    }
}
