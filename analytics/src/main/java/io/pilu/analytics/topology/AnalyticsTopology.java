package io.pilu.analytics.topology;

import io.pilu.model.CompanyCoverage;
import io.pilu.model.InstitutionCoverage;
import io.pilu.model.JsonSerde;
import io.pilu.model.ResearchVisit;
import io.pilu.model.Topics;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The analytics topology, a pure function of its inputs:
 *
 * <pre>
 *   ir-activities ──► route (store: arrivals, raw id → filing) ──┬─► dlq.analytics
 *                                                               └─► repartition by filing id
 *     ──► explode (store: filings, the table by filing id) ──┬─► research-visits      (key filingId|name)
 *                  ┌── change by company code ── repartition ──► company coverage  ──► company-coverage
 *                  └── change by institution   ── repartition ──► institution coverage ──► institution-coverage
 *                      (stores: *-visits, *-pairs, *-coverage; queried over HTTP)
 * </pre>
 *
 * The input is read as a table: each filing's arrivals and published visits are kept, so a replacement subtracts
 * what the previous version added, a second source reporting the same filing adds nothing, and the tombstone of
 * its last arrival subtracts everything ({@link FilingRouter}, {@link VisitExploder}, {@link CoverageProcessor}).
 */
public final class AnalyticsTopology {

    /** Raw id → the filing it is an arrival of, and the enrichment version applied. */
    public static final String ARRIVALS_STORE = "arrivals";

    /** The filings table: filing id → its arrivals and the visits it published. */
    public static final String FILINGS_STORE = "filings";

    private AnalyticsTopology() {}

    /** Builds the topology on {@code builder}. */
    public static void build(
            StreamsBuilder builder, Topics topics, InstitutionNames names, Clock clock, AnalyticsMetrics metrics) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ARRIVALS_STORE),
                Serdes.String(),
                JsonSerde.of(FilingRouter.ArrivalRef.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(FILINGS_STORE), Serdes.String(), JsonSerde.of(FilingVisits.class)));

        Map<String, KStream<String, Output>> routed = builder.stream(
                        topics.irActivities(),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("ir-activities-source"))
                .process(
                        () -> new FilingRouter(new VisitMapper(names), clock, metrics),
                        Named.as("route"),
                        ARRIVALS_STORE)
                .split(Named.as("routed-"))
                .branch((k, v) -> v instanceof Output.Failed, Branched.as("failed"))
                .defaultBranch(Branched.as("filing"));

        routed.get("routed-failed")
                .mapValues(v -> ((Output.Failed) v).deadLetter(), Named.as("dead-letter"))
                .to(
                        topics.dlqAnalytics(),
                        Produced.with(Serdes.String(), JsonSerde.deadLetter()).withName("dlq-sink"));

        // The arrivals of one filing (from bse.cn and cninfo, under two raw ids) meet on one partition, by filing id.
        KStream<String, Output> out = routed.get("routed-filing")
                .mapValues(v -> ((Output.Routed) v).input(), Named.as("filing-input"))
                .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(FilingInput.class))
                        .withName("by-filing"))
                .process(() -> new VisitExploder(metrics), Named.as("explode"), FILINGS_STORE);

        Map<String, KStream<String, Output>> branches = out.split(Named.as("out-"))
                .branch((k, v) -> v instanceof Output.Visit, Branched.as("visit"))
                .branch((k, v) -> v instanceof Output.Change c && c.side() == Side.COMPANY, Branched.as("company"))
                .defaultBranch(Branched.as("institution"));

        branches.get("out-visit")
                .mapValues(v -> ((Output.Visit) v).visit(), Named.as("visit"))
                .to(
                        topics.researchVisits(),
                        Produced.with(Serdes.String(), JsonSerde.of(ResearchVisit.class))
                                .withName("visits-sink"));

        side(builder, branches.get("out-company"), Side.COMPANY, metrics)
                .mapValues(v -> (CompanyCoverage) v, Named.as("company-coverage-out"))
                .to(
                        topics.companyCoverage(),
                        Produced.with(Serdes.String(), JsonSerde.of(CompanyCoverage.class))
                                .withName("company-coverage-sink"));
        side(builder, branches.get("out-institution"), Side.INSTITUTION, metrics)
                .mapValues(v -> (InstitutionCoverage) v, Named.as("institution-coverage-out"))
                .to(
                        topics.institutionCoverage(),
                        Produced.with(Serdes.String(), JsonSerde.of(InstitutionCoverage.class))
                                .withName("institution-coverage-sink"));
    }

    /** One side: repartition the changes by owner, then aggregate them into that side's stores. */
    private static KStream<String, Object> side(
            StreamsBuilder builder, KStream<String, Output> changes, Side side, AnalyticsMetrics metrics) {
        builder.addStateStore(store(side.visitsStore(), Serdes.ByteArray()));
        builder.addStateStore(store(side.pairsStore(), JsonSerde.of(PairStats.class)));
        builder.addStateStore(store(side.coverageStore(), JsonSerde.of(CoverageState.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(side.daysStore()), Serdes.Bytes(), Serdes.ByteArray()));
        return changes.mapValues(v -> ((Output.Change) v).change(), Named.as(side.repartitionName() + "-change"))
                .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(VisitChange.class))
                        .withName(side.repartitionName()))
                .process(
                        () -> new CoverageProcessor(side, metrics),
                        Named.as(side.coverageStore() + "-aggregate"),
                        side.visitsStore(),
                        side.pairsStore(),
                        side.coverageStore(),
                        side.daysStore());
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> valueSerde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde);
    }

    /** Builds the whole topology. */
    public static Topology topology(Topics topics, InstitutionNames names, Clock clock, AnalyticsMetrics metrics) {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, topics, names, clock, metrics);
        return builder.build();
    }
}
