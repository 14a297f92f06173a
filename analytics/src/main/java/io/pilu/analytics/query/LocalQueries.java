package io.pilu.analytics.query;

import io.pilu.analytics.topology.ActivityDates;
import io.pilu.analytics.topology.CoverageState;
import io.pilu.analytics.topology.DayIndex;
import io.pilu.analytics.topology.PairStats;
import io.pilu.analytics.topology.Side;
import io.pilu.analytics.topology.StoreKeys;
import io.pilu.analytics.topology.VisitEntry;
import io.pilu.model.EntityType;
import io.pilu.model.JsonSerde;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The queries, answered from the state stores this instance can read (all of them in a TopologyTestDriver, one
 * partition's or all local ones in the service). Which instance to ask is {@link QueryRouter}'s business; this
 * only reads. Dates follow {@link ActivityDates}: a visit is in {@code [from, to]} when the day it counts on is.
 */
public final class LocalQueries {

    /** How a query reaches a store by name. */
    @FunctionalInterface
    public interface StoreAccess {
        <K, V> ReadOnlyKeyValueStore<K, V> store(String name);
    }

    /** Companies ranked by distinct institutions (default) or by visits. */
    public static final List<String> COMPANY_ORDERS = List.of("institutions", "visits");
    /** Institutions ranked by visits (default) or by distinct companies. */
    public static final List<String> INSTITUTION_ORDERS = List.of("visits", "companies");

    private static final JsonSerde<VisitEntry> ENTRY = JsonSerde.of(VisitEntry.class);

    private final StoreAccess stores;

    public LocalQueries(StoreAccess stores) {
        this.stores = stores;
    }

    public Answers.CompanyVisitors visitors(String code, LocalDate from, LocalDate to) {
        Map<String, Acc> byInstitution = new LinkedHashMap<>();
        String[] companyName = {null};
        long visits = scan(Side.COMPANY, code, from, to, e -> {
            companyName[0] = e.companyName();
            return byInstitution.computeIfAbsent(e.normalizedName(), k -> new Acc());
        });
        List<Answers.Visitor> visitors = new ArrayList<>();
        byInstitution.forEach((name, a) -> visitors.add(new Answers.Visitor(
                a.name, name, a.type, a.visits, a.first, a.last, List.copyOf(a.people), List.copyOf(a.announcements))));
        visitors.sort(Comparator.comparingLong(Answers.Visitor::visits)
                .reversed()
                .thenComparing(Answers.Visitor::lastDate, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Answers.Visitor::normalizedName));
        return new Answers.CompanyVisitors(code, companyName[0], from, to, visitors.size(), visits, visitors);
    }

    public Answers.InstitutionVisits institutionVisits(String query, String canonical, LocalDate from, LocalDate to) {
        Map<String, Acc> byCompany = new LinkedHashMap<>();
        EntityType[] type = {null};
        long visits = scan(Side.INSTITUTION, canonical, from, to, e -> {
            type[0] = e.type();
            return byCompany.computeIfAbsent(e.companyCode(), k -> new Acc());
        });
        List<Answers.Visited> companies = new ArrayList<>();
        byCompany.forEach((code, a) -> companies.add(new Answers.Visited(
                code, a.companyName, a.visits, a.first, a.last, List.copyOf(a.people), List.copyOf(a.announcements))));
        companies.sort(Comparator.comparingLong(Answers.Visited::visits)
                .reversed()
                .thenComparing(Answers.Visited::lastDate, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Answers.Visited::companyCode));
        return new Answers.InstitutionVisits(query, canonical, type[0], from, to, companies.size(), visits, companies);
    }

    /** Visits of {@code owner} with day in [from, to] (null = open), folded into the accumulator {@code group} picks. */
    private long scan(Side side, String owner, LocalDate from, LocalDate to, Function<VisitEntry, Acc> group) {
        ReadOnlyKeyValueStore<String, byte[]> visits = stores.store(side.visitsStore());
        String lower = from == null ? StoreKeys.first(owner) : StoreKeys.from(owner, from);
        String upper = to == null ? StoreKeys.last(owner) : StoreKeys.through(owner, to);
        long n = 0;
        try (KeyValueIterator<String, byte[]> it = visits.range(lower, upper)) {
            while (it.hasNext()) {
                VisitEntry e = ENTRY.fromBytes(it.next().value);
                group.apply(e).add(e);
                n++;
            }
        }
        return n;
    }

    /** The top {@code limit} companies of the stores read here, by distinct institutions or visits in [from, to]. */
    public List<Answers.CompanyRank> companyRanking(LocalDate from, LocalDate to, String by, int limit) {
        List<Answers.CompanyRank> rows = new ArrayList<>();
        window(Side.COMPANY, from, to, null)
                .forEach((owner, w) ->
                        rows.add(new Answers.CompanyRank(0, owner, null, w.counterparts.size(), w.visits)));
        rows.sort(companyOrder(by));
        ReadOnlyKeyValueStore<String, CoverageState> coverage = stores.store(Side.COMPANY.coverageStore());
        return ranked(rows.subList(0, Math.min(limit, rows.size())), (r, i) -> {
            CoverageState state = coverage.get(r.companyCode());
            return new Answers.CompanyRank(
                    i, r.companyCode(), state == null ? null : state.name, r.institutions(), r.visits());
        });
    }

    /** The top {@code limit} institutions (of {@code type}, if given) by visits or distinct companies in [from, to]. */
    public List<Answers.InstitutionRank> institutionRanking(
            LocalDate from, LocalDate to, EntityType type, String by, int limit) {
        List<Answers.InstitutionRank> rows = new ArrayList<>();
        window(Side.INSTITUTION, from, to, type)
                .forEach((owner, w) ->
                        rows.add(new Answers.InstitutionRank(0, owner, null, w.type, w.counterparts.size(), w.visits)));
        rows.sort(institutionOrder(by));
        ReadOnlyKeyValueStore<String, CoverageState> coverage = stores.store(Side.INSTITUTION.coverageStore());
        return ranked(rows.subList(0, Math.min(limit, rows.size())), (r, i) -> {
            CoverageState state = coverage.get(r.normalizedName());
            return new Answers.InstitutionRank(
                    i, r.normalizedName(), state == null ? null : state.name, r.type(), r.companies(), r.visits());
        });
    }

    public static Comparator<Answers.CompanyRank> companyOrder(String by) {
        Comparator<Answers.CompanyRank> institutions =
                Comparator.comparingLong(Answers.CompanyRank::institutions).reversed();
        Comparator<Answers.CompanyRank> visits =
                Comparator.comparingLong(Answers.CompanyRank::visits).reversed();
        return ("visits".equals(by) ? visits.thenComparing(institutions) : institutions.thenComparing(visits))
                .thenComparing(Answers.CompanyRank::companyCode);
    }

    public static Comparator<Answers.InstitutionRank> institutionOrder(String by) {
        Comparator<Answers.InstitutionRank> companies =
                Comparator.comparingLong(Answers.InstitutionRank::companies).reversed();
        Comparator<Answers.InstitutionRank> visits =
                Comparator.comparingLong(Answers.InstitutionRank::visits).reversed();
        return ("companies".equals(by) ? companies.thenComparing(visits) : visits.thenComparing(companies))
                .thenComparing(Answers.InstitutionRank::normalizedName);
    }

    /** Renumbers rows 1..n in their order. */
    public static <R> List<R> ranked(List<R> rows, RankFn<R> fn) {
        List<R> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out.add(fn.apply(rows.get(i), i + 1));
        }
        return out;
    }

    @FunctionalInterface
    public interface RankFn<R> {
        R apply(R row, int rank);
    }

    /** One owner's figures in a window. */
    private static final class Window {
        final Set<ByteBuffer> counterparts = new HashSet<>();
        long visits;
        EntityType type;
    }

    /**
     * Every owner with a visit in [from, to] (of {@code type}, if given): its distinct counterparts and visits there.
     * One range scan of the side's day index; keys are parsed as bytes and only owners become strings.
     */
    private Map<String, Window> window(Side side, LocalDate from, LocalDate to, EntityType type) {
        ReadOnlyKeyValueStore<Bytes, byte[]> days = stores.store(side.daysStore());
        // views into each key's own array (a fresh copy per entry): owners and counterparts without further copies
        Map<ByteBuffer, Window> byOwner = new HashMap<>();
        try (KeyValueIterator<Bytes, byte[]> it = days.range(DayIndex.from(from), DayIndex.through(to))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                if (type != null && DayIndex.type(kv.value) != type) {
                    continue;
                }
                byte[] key = kv.key.get();
                int ownerEnd = DayIndex.ownerEnd(key);
                Window w = byOwner.computeIfAbsent(
                        ByteBuffer.wrap(key, DayIndex.DAY_PREFIX, ownerEnd - DayIndex.DAY_PREFIX), k -> new Window());
                w.counterparts.add(ByteBuffer.wrap(key, ownerEnd + 1, key.length - ownerEnd - 1));
                w.visits += DayIndex.visits(kv.value);
                w.type = DayIndex.type(kv.value);
            }
        }
        Map<String, Window> out = new HashMap<>(byOwner.size() * 2);
        byOwner.forEach(
                (k, w) -> out.put(StandardCharsets.UTF_8.decode(k.duplicate()).toString(), w));
        return out;
    }

    /** Institutions whose first visit to {@code code} counts on or after {@code since}. */
    public Answers.NewVisitors newVisitors(String code, LocalDate since) {
        ReadOnlyKeyValueStore<String, PairStats> pairs = stores.store(Side.COMPANY.pairsStore());
        List<Answers.NewVisitor> out = new ArrayList<>();
        try (KeyValueIterator<String, PairStats> it = pairs.range(StoreKeys.first(code), StoreKeys.last(code))) {
            while (it.hasNext()) {
                KeyValue<String, PairStats> kv = it.next();
                String first = kv.value.firstDate();
                LocalDate day = ActivityDates.parse(first);
                if (day != null && !day.isBefore(since)) {
                    out.add(new Answers.NewVisitor(
                            kv.key.substring(code.length() + 1), kv.value.name, kv.value.type, first, kv.value.visits));
                }
            }
        }
        out.sort(Comparator.comparing(Answers.NewVisitor::firstDate).thenComparing(Answers.NewVisitor::normalizedName));
        return new Answers.NewVisitors(code, since, out);
    }

    /** Folds visits of one institution (or company) together. */
    private static final class Acc {
        String name;
        String companyName;
        EntityType type;
        long visits;
        String first;
        String last;
        final Set<String> people = new LinkedHashSet<>();
        final Set<String> announcements = new LinkedHashSet<>();

        void add(VisitEntry e) {
            name = e.institution();
            companyName = e.companyName();
            type = e.type();
            visits++;
            String d = e.writtenDate();
            // visits arrive in day order, so the first dated one is the first and the last the last
            if (d != null && first == null) {
                first = d;
            }
            if (d != null) {
                last = d;
            }
            people.addAll(e.people());
            announcements.add(e.announcementId());
        }
    }
}
