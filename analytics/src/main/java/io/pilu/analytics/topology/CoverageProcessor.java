package io.pilu.analytics.topology;

import io.pilu.model.CompanyCoverage;
import io.pilu.model.EntityType;
import io.pilu.model.InstitutionCoverage;
import io.pilu.model.JsonSerde;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One side's aggregation (by company or by institution), keyed by the owner after the repartition. Each
 * {@link VisitChange} first subtracts its {@code before} and then adds its {@code after} to three stores — the
 * owner's visits, the owner–counterpart pairs and the owner's coverage figures — and forwards the owner's new
 * coverage (null once nothing remains). Every figure is a sum of +1/−1 steps of individual visits, so a replaced
 * or withdrawn record moves it exactly; exactly-once makes each step happen once.
 */
final class CoverageProcessor implements Processor<String, VisitChange, String, Object> {

    private static final JsonSerde<VisitEntry> ENTRY = JsonSerde.of(VisitEntry.class);

    private final Side side;
    private final AnalyticsMetrics metrics;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, byte[]> visits;
    private KeyValueStore<String, PairStats> pairs;
    private KeyValueStore<String, CoverageState> coverage;
    private KeyValueStore<Bytes, byte[]> days;

    CoverageProcessor(Side side, AnalyticsMetrics metrics) {
        this.side = side;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.visits = context.getStateStore(side.visitsStore());
        this.pairs = context.getStateStore(side.pairsStore());
        this.coverage = context.getStateStore(side.coverageStore());
        this.days = context.getStateStore(side.daysStore());
    }

    @Override
    public void process(Record<String, VisitChange> record) {
        String owner = record.key();
        CoverageState state = coverage.get(owner);
        if (state == null) {
            state = new CoverageState();
        }
        VisitChange change = record.value();
        if (change.before() != null) {
            subtract(owner, state, change.before());
        }
        if (change.after() != null) {
            add(owner, state, change.after());
        }
        if (state.visits <= 0) {
            coverage.delete(owner);
            context.forward(record.withValue(null));
        } else {
            coverage.put(owner, state);
            context.forward(record.withValue(output(owner, state)));
        }
        metrics.aggregated(side);
    }

    private void add(String owner, CoverageState state, VisitEntry e) {
        String counterpart = side.counterpart(e);
        LocalDate day = e.effectiveDate();
        visits.put(StoreKeys.visit(owner, day, counterpart, e.announcementId()), ENTRY.toBytes(e));
        String pairKey = StoreKeys.pair(owner, counterpart);
        PairStats pair = pairs.get(pairKey);
        if (pair == null) {
            pair = new PairStats();
            pair.type = e.type();
            state.counterparts++;
            if (side == Side.COMPANY) {
                typeCounts(state, pair.type).institutions++;
            }
        }
        if (day != null) {
            Bytes dayKey = DayIndex.key(day, owner, counterpart);
            byte[] old = days.get(dayKey);
            days.put(
                    dayKey,
                    DayIndex.value(
                            old == null ? 1 : DayIndex.visits(old) + 1, side == Side.INSTITUTION ? e.type() : null));
        }
        pair.name = side.counterpartName(e);
        pair.visits++;
        pair.dates.merge(dateKey(e), 1L, Long::sum);
        pairs.put(pairKey, pair);

        state.visits++;
        if (side == Side.COMPANY) {
            typeCounts(state, e.type()).visits++;
        }
        if (day != null) {
            state.months.merge(YearMonth.from(day).toString(), 1L, Long::sum);
        }
        state.name = side.ownerName(e);
        if (side == Side.INSTITUTION) {
            state.type = e.type();
        }
    }

    private void subtract(String owner, CoverageState state, VisitEntry e) {
        String counterpart = side.counterpart(e);
        LocalDate day = e.effectiveDate();
        byte[] stored = visits.delete(StoreKeys.visit(owner, day, counterpart, e.announcementId()));
        if (stored == null) {
            // Never added (cannot happen under exactly-once; guarded so a figure never goes below its visits).
            return;
        }
        if (day != null) {
            Bytes dayKey = DayIndex.key(day, owner, counterpart);
            byte[] old = days.get(dayKey);
            if (old != null && DayIndex.visits(old) > 1) {
                days.put(dayKey, DayIndex.value(DayIndex.visits(old) - 1, DayIndex.type(old)));
            } else {
                days.delete(dayKey);
            }
        }
        String pairKey = StoreKeys.pair(owner, counterpart);
        PairStats pair = pairs.get(pairKey);
        if (pair != null) {
            pair.visits--;
            pair.dates.computeIfPresent(dateKey(e), (k, n) -> n > 1 ? n - 1 : null);
            if (pair.visits <= 0) {
                pairs.delete(pairKey);
                state.counterparts--;
                if (side == Side.COMPANY) {
                    decrement(state, pair.type, true);
                }
            } else {
                pairs.put(pairKey, pair);
            }
        }
        state.visits--;
        if (side == Side.COMPANY) {
            decrement(state, e.type(), false);
        }
        if (day != null) {
            state.months.computeIfPresent(YearMonth.from(day).toString(), (k, n) -> n > 1 ? n - 1 : null);
        }
    }

    private static String dateKey(VisitEntry e) {
        String written = e.writtenDate();
        return written == null ? "" : written;
    }

    private static CoverageState.TypeCounts typeCounts(CoverageState state, EntityType type) {
        return state.byType.computeIfAbsent(
                type == null ? EntityType.OTHER : type, t -> new CoverageState.TypeCounts());
    }

    private static void decrement(CoverageState state, EntityType type, boolean institution) {
        CoverageState.TypeCounts c = typeCounts(state, type);
        if (institution) {
            c.institutions--;
        } else {
            c.visits--;
        }
        if (c.institutions <= 0 && c.visits <= 0) {
            state.byType.remove(type == null ? EntityType.OTHER : type);
        }
    }

    private Object output(String owner, CoverageState state) {
        String[] firstLast = firstAndLast(owner);
        if (side == Side.COMPANY) {
            TreeMap<EntityType, CompanyCoverage.TypeCount> byType = new TreeMap<>();
            for (Map.Entry<EntityType, CoverageState.TypeCounts> t : state.byType.entrySet()) {
                byType.put(t.getKey(), new CompanyCoverage.TypeCount(t.getValue().institutions, t.getValue().visits));
            }
            return new CompanyCoverage(
                    CompanyCoverage.SCHEMA_VERSION,
                    owner,
                    state.name,
                    state.counterparts,
                    state.visits,
                    byType,
                    firstLast[0],
                    firstLast[1],
                    state.months);
        }
        return new InstitutionCoverage(
                InstitutionCoverage.SCHEMA_VERSION,
                owner,
                state.name,
                state.type,
                state.counterparts,
                state.visits,
                firstLast[0],
                firstLast[1],
                state.months);
    }

    /** The written dates of the owner's first and last dated visits: the two ends of its range. */
    private String[] firstAndLast(String owner) {
        String first = null;
        String last = null;
        try (KeyValueIterator<String, byte[]> it =
                visits.range(StoreKeys.first(owner) + "0000-00-01", StoreKeys.last(owner))) {
            if (it.hasNext()) {
                first = ENTRY.fromBytes(it.next().value).writtenDate();
            }
        }
        try (KeyValueIterator<String, byte[]> it =
                visits.reverseRange(StoreKeys.first(owner) + "0000-00-01", StoreKeys.last(owner))) {
            if (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                last = ENTRY.fromBytes(kv.value).writtenDate();
            }
        }
        return new String[] {first, last};
    }
}
