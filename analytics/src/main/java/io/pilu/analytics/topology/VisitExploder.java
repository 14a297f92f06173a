package io.pilu.analytics.topology;

import io.pilu.model.JsonSerde;
import io.pilu.model.ResearchVisit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Second step of the analytics, keyed by filing id ({@link io.pilu.model.FilingIdentity}): keeps, per filing, the
 * arrivals that report it ({@link FilingRouter} sends each arrival and each withdrawal here) and the visits it
 * published. The filing's visits are those of its primary arrival ({@link FilingVisits#primary()}), so a filing
 * reported by bse.cn and by cninfo yields one set of visits, whatever the order they came in; a withdrawal of one
 * arrival leaves the other's (republished if they differ), the withdrawal of the last one retracts them all.
 *
 * <p>Emits, per visit key ({@code {filingId}|{normalizedName}}), the published visit (or a tombstone when the
 * institution is gone) and, per side, the change (before → after) the aggregations subtract and add. An unchanged
 * visit emits nothing, so replaying the input, or a second source reporting the same visits, moves no figure and
 * publishes nothing new.
 */
final class VisitExploder implements Processor<String, FilingInput, String, Output> {

    private final AnalyticsMetrics metrics;
    private final JsonSerde<ResearchVisit> visitSerde = JsonSerde.of(ResearchVisit.class);
    private ProcessorContext<String, Output> context;
    private KeyValueStore<String, FilingVisits> filings;

    VisitExploder(AnalyticsMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Output> context) {
        this.context = context;
        this.filings = context.getStateStore(AnalyticsTopology.FILINGS_STORE);
    }

    @Override
    public void process(Record<String, FilingInput> record) {
        String filingId = record.key();
        FilingInput in = record.value();
        if (filingId == null || in == null) {
            return; // FilingRouter never sends one; nothing identifies a filing
        }
        FilingVisits previous = filings.get(filingId);
        Map<String, FilingVisits.Arrival> arrivals = new TreeMap<>(previous == null ? Map.of() : previous.arrivals());
        if (in.withdrawn()) {
            arrivals.remove(in.announcementId());
        } else {
            arrivals.put(
                    in.announcementId(), new FilingVisits.Arrival(in.source(), in.enrichmentVersion(), in.visits()));
        }
        FilingVisits next = new FilingVisits(arrivals, List.of());
        Map<String, Current> current = new LinkedHashMap<>();
        next.primary().ifPresent(p -> {
            for (ResearchVisit v : p.getValue().visits()) {
                current.put(v.key(), new Current(v, fingerprint(visitSerde.toBytes(v))));
            }
        });
        List<FilingVisits.Stored> stored = apply(record, previous, current);
        if (arrivals.isEmpty()) {
            filings.delete(filingId);
        } else {
            filings.put(filingId, new FilingVisits(arrivals, stored));
        }
    }

    /** Emits the difference between {@code previous} and {@code current}; returns what to store. */
    private List<FilingVisits.Stored> apply(
            Record<String, FilingInput> record, FilingVisits previous, Map<String, Current> current) {
        Map<String, FilingVisits.Stored> before = new LinkedHashMap<>();
        if (previous != null) {
            for (FilingVisits.Stored s : previous.visits()) {
                before.put(s.key(), s);
            }
        }
        for (FilingVisits.Stored old : before.values()) {
            if (!current.containsKey(old.key())) {
                context.forward(record.withKey(old.key()).withValue(new Output.Visit(null)));
                change(record, old.entry(), null);
                metrics.retracted();
            }
        }
        List<FilingVisits.Stored> stored = new ArrayList<>(current.size());
        for (Map.Entry<String, Current> c : current.entrySet()) {
            VisitEntry entry = VisitEntry.of(c.getValue().visit());
            FilingVisits.Stored now =
                    new FilingVisits.Stored(c.getKey(), entry, c.getValue().fingerprint());
            stored.add(now);
            FilingVisits.Stored old = before.get(c.getKey());
            if (old != null && old.equals(now)) {
                continue; // unchanged: nothing to publish, nothing to move
            }
            context.forward(record.withKey(c.getKey())
                    .withValue(new Output.Visit(c.getValue().visit())));
            change(record, old == null ? null : old.entry(), entry);
            metrics.published();
        }
        return stored;
    }

    /** One change per side, keyed by that side's owner; an owner that changed is a removal plus an addition. */
    private void change(Record<String, FilingInput> record, VisitEntry before, VisitEntry after) {
        for (Side side : Side.values()) {
            String ownerBefore = before == null ? null : side.owner(before);
            String ownerAfter = after == null ? null : side.owner(after);
            if (ownerBefore != null && ownerBefore.equals(ownerAfter)) {
                context.forward(
                        record.withKey(ownerAfter).withValue(new Output.Change(side, new VisitChange(before, after))));
                continue;
            }
            if (ownerBefore != null) {
                context.forward(
                        record.withKey(ownerBefore).withValue(new Output.Change(side, new VisitChange(before, null))));
            }
            if (ownerAfter != null) {
                context.forward(
                        record.withKey(ownerAfter).withValue(new Output.Change(side, new VisitChange(null, after))));
            }
        }
    }

    /** 64-bit FNV-1a of the published bytes: tells an unchanged visit from a changed one. */
    static long fingerprint(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    private record Current(ResearchVisit visit, long fingerprint) {}
}
