package io.pilu.analytics.topology;

import static io.pilu.analytics.IrRecords.ir;
import static io.pilu.analytics.IrRecords.p;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pilu.analytics.IrRecords;
import io.pilu.analytics.Recount;
import io.pilu.analytics.query.Answers;
import io.pilu.analytics.query.LocalQueries;
import io.pilu.model.CompanyCoverage;
import io.pilu.model.DeadLetter;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.EntityType;
import io.pilu.model.InstitutionCoverage;
import io.pilu.model.JsonSerde;
import io.pilu.model.ResearchVisit;
import io.pilu.model.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyticsTopologyTest {

    private static final Topics TOPICS = Topics.defaults();
    private static final InstitutionNames NAMES = InstitutionNames.loadDefault();
    private static final JsonSerde<EnrichedAnnouncement> ENRICHED = JsonSerde.enriched();

    @TempDir
    Path tmp;

    private final List<Driver> drivers = new ArrayList<>();
    private Driver d;
    /** The latest version of each live announcement: what the recount counts. */
    private final Map<String, EnrichedAnnouncement> live = new LinkedHashMap<>();
    /** The filing of every announcement sent. */
    private final Map<String, String> filingOf = new LinkedHashMap<>();

    @BeforeEach
    void start() {
        d = newDriver();
    }

    @AfterEach
    void stop() {
        drivers.forEach(x -> x.driver.close());
    }

    @Test
    void reEnrichmentThatDropsAndAddsParticipantsMovesEveryFigureExactly() {
        send(IrRecords.seed());
        send(ir(
                "b1",
                "839493",
                "并行科技",
                "2024-06-20",
                LocalDate.of(2024, 6, 21),
                1,
                p("中邮证券", "中邮证券有限责任公司", EntityType.BROKER, "王五")));
        send(ir(
                "c1",
                "830799",
                "艾融软件",
                "2024-06-19",
                LocalDate.of(2024, 6, 20),
                1,
                p("地泽投资", "地泽投资", EntityType.PRIVATE_FUND)));
        assertExact();
        CompanyCoverage before = d.companyCoverage().get("839493");
        assertThat(before.institutions()).isEqualTo(2);
        assertThat(before.visits()).isEqualTo(3);
        assertThat(before.byInstitutionType().get(EntityType.BROKER)).isEqualTo(new CompanyCoverage.TypeCount(1, 2));

        // re-enrichment of the seed: 地泽投资 dropped, 国泰君安 added
        EnrichedAnnouncement v2 = ir(
                "8a2c7f1e",
                "839493",
                "并行科技",
                "2024-06-17",
                LocalDate.of(2024, 6, 18),
                2,
                p("中邮证券", "中邮证券有限责任公司", EntityType.BROKER, "张三"),
                p("国泰君安", "国泰君安", EntityType.BROKER, "赵六"));
        send(v2);
        assertExact();
        CompanyCoverage after = d.companyCoverage().get("839493");
        assertThat(after.institutions()).isEqualTo(2);
        assertThat(after.visits()).isEqualTo(3);
        assertThat(after.byInstitutionType()).containsOnlyKeys(EntityType.BROKER);
        assertThat(after.byInstitutionType().get(EntityType.BROKER)).isEqualTo(new CompanyCoverage.TypeCount(2, 3));
        // the dropped visit has a tombstone, 地泽投资 still covers 艾融软件 only
        assertThat(d.visitsTopic()).containsEntry(vk("8a2c7f1e", "地泽投资"), null);
        assertThat(d.institutionCoverage().get("地泽投资").companies()).isEqualTo(1);
        assertThat(d.institutionCoverage().get("地泽投资").visits()).isEqualTo(1);

        // a re-enrichment that adds a participant back
        send(ir(
                "8a2c7f1e",
                "839493",
                "并行科技",
                "2024-06-17",
                LocalDate.of(2024, 6, 18),
                3,
                p("中邮证券", "中邮证券有限责任公司", EntityType.BROKER, "张三"),
                p("国泰君安", "国泰君安", EntityType.BROKER, "赵六"),
                p("地泽投资", "地泽投资", EntityType.PRIVATE_FUND, "李四")));
        assertExact();
        assertThat(d.companyCoverage().get("839493").institutions()).isEqualTo(3);
        assertThat(d.institutionCoverage().get("地泽投资").companies()).isEqualTo(2);
    }

    @Test
    void withdrawalRetractsItsVisits() {
        send(IrRecords.seed());
        send(ir(
                "c1",
                "830799",
                "艾融软件",
                "2024-06-19",
                LocalDate.of(2024, 6, 20),
                1,
                p("地泽投资", "地泽投资", EntityType.PRIVATE_FUND)));
        withdraw("8a2c7f1e");
        assertExact();
        Map<String, ResearchVisit> topic = d.visitsTopic();
        assertThat(topic).containsEntry(vk("8a2c7f1e", "中邮证券有限责任公司"), null).containsEntry(vk("8a2c7f1e", "地泽投资"), null);
        assertThat(d.companyCoverage()).doesNotContainKey("839493");
        assertThat(d.coverageTopic(TOPICS.companyCoverage())).containsEntry("839493", null);
        assertThat(d.institutionCoverage()).doesNotContainKey("中邮证券有限责任公司");
        assertThat(d.queries().visitors("839493", null, null).visits()).isZero();

        withdraw("c1");
        withdraw("never-seen"); // a tombstone for nothing changes nothing
        assertExact();
        assertThat(d.store(Side.COMPANY.visitsStore())).isEmpty();
        assertThat(d.store(Side.INSTITUTION.pairsStore())).isEmpty();
        assertThat(d.store(Side.COMPANY.daysStore())).isEmpty();
        assertThat(d.store(Side.INSTITUTION.daysStore())).isEmpty();
        assertThat(d.store(AnalyticsTopology.ARRIVALS_STORE)).isEmpty();
        assertThat(d.store(AnalyticsTopology.FILINGS_STORE)).isEmpty();
    }

    @Test
    void aFilingFromBothSourcesCountsOnceInEitherOrderAndSurvivesTheWithdrawalOfOneArrival() {
        EnrichedAnnouncement bse = IrRecords.seed();
        EnrichedAnnouncement cninfo = IrRecords.viaCninfo(bse, "1220283591", 1);
        assertThat(cninfo.filingId()).isEqualTo(bse.filingId());

        for (boolean bseFirst : new boolean[] {true, false}) {
            Driver run = newDriver();
            d = run;
            live.clear();
            send(bseFirst ? bse : cninfo);
            send(bseFirst ? cninfo : bse);
            assertExact();
            Map<String, ResearchVisit> visits = live(d.visitsTopic());
            assertThat(visits)
                    .as("one set of visits, keyed by filing, bse first = " + bseFirst)
                    .containsOnlyKeys(vk(bse.id(), "中邮证券有限责任公司"), vk(bse.id(), "地泽投资"));
            // the primary arrival is the exchange's own site whatever the order
            assertThat(visits.values())
                    .allSatisfy(v -> assertThat(v.announcementId()).isEqualTo(bse.id()));
            assertThat(d.companyCoverage().get("839493").visits()).isEqualTo(2);
            assertThat(d.queries().visitors("839493", null, null).visits()).isEqualTo(2);
        }

        // the bse.cn arrival is withdrawn: cninfo still reports the filing, its visits stand (now read from cninfo)
        withdraw(bse.id());
        assertExact();
        assertThat(live(d.visitsTopic()).values())
                .hasSize(2)
                .allSatisfy(v -> assertThat(v.announcementId()).isEqualTo(cninfo.id()));
        assertThat(d.companyCoverage().get("839493").visits()).isEqualTo(2);

        // a newer enrichment of the cninfo arrival replaces its visits as usual
        EnrichedAnnouncement cninfo2 = IrRecords.viaCninfo(
                ir(
                        bse.id(),
                        "839493",
                        "并行科技",
                        "2024-06-17",
                        bse.announcement().publishDate(),
                        1,
                        p("中邮证券", "中邮证券有限责任公司", EntityType.BROKER, "张三")),
                "1220283591",
                2);
        send(cninfo2);
        assertExact();
        assertThat(live(d.visitsTopic())).containsOnlyKeys(vk(bse.id(), "中邮证券有限责任公司"));

        // the last arrival withdrawn: nothing left, no stale duplicate under either raw id
        withdraw(cninfo.id());
        assertExact();
        assertThat(live(d.visitsTopic())).isEmpty();
        assertThat(d.companyCoverage()).doesNotContainKey("839493");
        assertThat(d.store(AnalyticsTopology.ARRIVALS_STORE)).isEmpty();
        assertThat(d.store(AnalyticsTopology.FILINGS_STORE)).isEmpty();
    }

    @Test
    void aNewerEnrichmentOfEitherArrivalDecidesTheFilingsVisits() {
        EnrichedAnnouncement bse = IrRecords.seed();
        send(bse);
        // cninfo's arrival was enriched by a newer version that reads one more institution
        EnrichedAnnouncement newer = IrRecords.viaCninfo(
                ir(
                        bse.id(),
                        "839493",
                        "并行科技",
                        "2024-06-17",
                        bse.announcement().publishDate(),
                        1,
                        p("中邮证券", "中邮证券有限责任公司", EntityType.BROKER, "张三"),
                        p("地泽投资", "地泽投资", EntityType.PRIVATE_FUND, "李四"),
                        p("国泰君安", "国泰君安", EntityType.BROKER, "赵六")),
                "1220283591",
                2);
        send(newer);
        assertExact();
        assertThat(live(d.visitsTopic())).hasSize(3);
        assertThat(d.companyCoverage().get("839493").visits()).isEqualTo(3);
        // a replay of the older bse arrival moves nothing
        send(bse);
        assertExact();
        assertThat(d.companyCoverage().get("839493").visits()).isEqualTo(3);
    }

    @Test
    void oneInstitutionWrittenTwoWaysCountsOnce() {
        // in one record (an older enrichment left the short name as written) …
        send(ir(
                "a1",
                "839493",
                "并行科技",
                "2024-06-17",
                LocalDate.of(2024, 6, 18),
                1,
                p("中邮证券", "中邮证券", EntityType.BROKER, "张三"),
                p("中邮证券有限责任公司", "中邮证券有限责任公司", EntityType.BROKER, "王五")));
        // … and across records
        send(ir(
                "a2",
                "839493",
                "并行科技",
                "2024-06-25",
                LocalDate.of(2024, 6, 26),
                1,
                p("中邮证券研究所", "中邮证券研究所", EntityType.BROKER)));
        assertExact();
        assertThat(d.visitsTopic()).containsOnlyKeys(vk("a1", "中邮证券有限责任公司"), vk("a2", "中邮证券有限责任公司"));
        assertThat(d.visitsTopic().get(vk("a1", "中邮证券有限责任公司")).people()).containsExactly("张三", "王五");
        CompanyCoverage c = d.companyCoverage().get("839493");
        assertThat(c.institutions()).isEqualTo(1);
        assertThat(c.visits()).isEqualTo(2);
        // a query may name it either way
        Answers.CompanyVisitors visitors = d.queries().visitors("839493", null, null);
        assertThat(visitors.visitors()).singleElement().satisfies(v -> {
            assertThat(v.normalizedName()).isEqualTo("中邮证券有限责任公司");
            assertThat(v.visits()).isEqualTo(2);
            assertThat(v.announcementIds()).containsExactly("a1", "a2");
        });
        assertThat(NAMES.canonical("中邮证券")).isEqualTo("中邮证券有限责任公司");
    }

    @Test
    void replayingTheWholeInputGivesIdenticalStoresAndTopics() {
        List<EnrichedAnnouncement> input = List.of(
                IrRecords.seed(),
                ir(
                        "b1",
                        "839493",
                        "并行科技",
                        "2024-07",
                        LocalDate.of(2024, 7, 30),
                        1,
                        p("中信证券", "中信证券股份有限公司", EntityType.BROKER)),
                ir(
                        "8a2c7f1e",
                        "839493",
                        "并行科技",
                        "2024-06-17",
                        LocalDate.of(2024, 6, 18),
                        2,
                        p("中邮证券", "中邮证券有限责任公司", EntityType.BROKER, "张三")),
                ir(
                        "c1",
                        "830799",
                        "艾融软件",
                        "2024-06-19",
                        LocalDate.of(2024, 6, 20),
                        1,
                        p("地泽投资", "地泽投资", EntityType.PRIVATE_FUND)));
        input.forEach(this::send);
        withdraw("c1");
        Map<String, Map<String, String>> stores = d.allStores();
        Map<String, Map<String, String>> topics = d.allTopics();

        // the same input again, on the same state: nothing moves, nothing new is published
        input.forEach(this::send);
        withdraw("c1");
        assertThat(d.allStores()).isEqualTo(stores);
        assertThat(d.allTopics()).isEqualTo(topics);

        // and from scratch, on a fresh instance: the same stores and the same compacted topics
        Driver fresh = newDriver();
        input.forEach(e -> fresh.pipe(e.id(), e));
        fresh.pipe("c1", null);
        assertThat(fresh.allStores()).isEqualTo(stores);
        assertThat(fresh.allTopics()).isEqualTo(topics);
        assertExact();
    }

    @Test
    void monthOnlyDateCountsOnTheFirstDayOfItsMonth() {
        send(ir(
                "m1",
                "839493",
                "并行科技",
                "2024-07",
                LocalDate.of(2024, 8, 2),
                1,
                p("中信证券", "中信证券股份有限公司", EntityType.BROKER)));
        send(ir(
                "d1",
                "839493",
                "并行科技",
                "2024-06-30",
                LocalDate.of(2024, 7, 1),
                1,
                p("地泽投资", "地泽投资", EntityType.PRIVATE_FUND)));
        send(ir(
                "d2",
                "839493",
                "并行科技",
                "2024-07-15",
                LocalDate.of(2024, 7, 16),
                1,
                p("国泰君安", "国泰君安", EntityType.BROKER)));
        assertExact();
        CompanyCoverage c = d.companyCoverage().get("839493");
        assertThat(c.months()).containsExactly(Map.entry("2024-06", 1L), Map.entry("2024-07", 2L));
        assertThat(c.firstActivityDate()).isEqualTo("2024-06-30");
        assertThat(c.lastActivityDate()).isEqualTo("2024-07-15");

        LocalQueries q = d.queries();
        // from the 1st of the month: counted; from the 2nd: not; to the 1st: counted; to June 30: not
        assertThat(names(q.visitors("839493", LocalDate.of(2024, 7, 1), null))).contains("中信证券股份有限公司");
        assertThat(names(q.visitors("839493", LocalDate.of(2024, 7, 2), null))).doesNotContain("中信证券股份有限公司");
        assertThat(names(q.visitors("839493", null, LocalDate.of(2024, 7, 1)))).contains("中信证券股份有限公司");
        assertThat(names(q.visitors("839493", null, LocalDate.of(2024, 6, 30)))).doesNotContain("中信证券股份有限公司");
        assertThat(q.visitors("839493", LocalDate.of(2024, 7, 1), null).visitors())
                .filteredOn(v -> v.normalizedName().startsWith("中信"))
                .singleElement()
                .satisfies(v -> assertThat(v.firstDate()).isEqualTo("2024-07")); // shown as written
        // a 30-day window as of 2024-07-30 is [07-01, 07-30]: the month-only visit counts
        assertThat(q.companyRanking(LocalDate.of(2024, 7, 1), LocalDate.of(2024, 7, 30), "institutions", 10))
                .singleElement()
                .satisfies(r -> assertThat(r.institutions()).isEqualTo(2));
        assertThat(q.companyRanking(LocalDate.of(2024, 7, 2), LocalDate.of(2024, 7, 31), "institutions", 10))
                .singleElement()
                .satisfies(r -> assertThat(r.institutions()).isEqualTo(1));
        // first-time coverage: 中信 first counts on 07-01
        assertThat(q.newVisitors("839493", LocalDate.of(2024, 7, 1)).visitors())
                .extracting(Answers.NewVisitor::normalizedName)
                .containsExactly("中信证券股份有限公司", "国泰海通证券股份有限公司");
        assertThat(ActivityDates.effective("2024-07", null)).isEqualTo(LocalDate.of(2024, 7, 1));
        assertThat(ActivityDates.effective("2024年7月", LocalDate.of(2024, 8, 2))).isEqualTo(LocalDate.of(2024, 8, 2));
    }

    @Test
    void rankingsAndNewVisitorsMatchTheRecount() {
        send(IrRecords.seed());
        send(ir(
                "b1",
                "839493",
                "并行科技",
                "2024-06-20",
                LocalDate.of(2024, 6, 21),
                1,
                p("中邮证券", "中邮证券有限责任公司", EntityType.BROKER)));
        send(ir(
                "b2",
                "839493",
                "并行科技",
                "2024-06-25",
                LocalDate.of(2024, 6, 26),
                1,
                p("中邮证券", "中邮证券有限责任公司", EntityType.BROKER)));
        send(ir(
                "c1",
                "830799",
                "艾融软件",
                "2024-05-19",
                LocalDate.of(2024, 5, 20),
                1,
                p("地泽投资", "地泽投资", EntityType.PRIVATE_FUND),
                p("国泰君安", "国泰君安", EntityType.BROKER),
                p("中信证券", "中信证券", EntityType.BROKER)));
        LocalQueries q = d.queries();
        List<Answers.CompanyRank> all =
                q.companyRanking(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), "institutions", 10);
        assertThat(all).extracting(Answers.CompanyRank::companyCode).containsExactly("830799", "839493");
        assertThat(all.get(1).visits()).isEqualTo(4);
        assertThat(q.companyRanking(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), "visits", 1))
                .extracting(Answers.CompanyRank::companyCode)
                .containsExactly("839493");
        Recount recount = new Recount(live.values(), NAMES);
        Map<String, long[]> june = recount.companiesIn(LocalDate.of(2024, 6, 1), LocalDate.of(2024, 6, 30));
        assertThat(q.companyRanking(LocalDate.of(2024, 6, 1), LocalDate.of(2024, 6, 30), "institutions", 10))
                .singleElement()
                .satisfies(r ->
                        assertThat(new long[] {r.institutions(), r.visits()}).containsExactly(june.get("839493")));
        assertThat(q.institutionRanking(
                        LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), EntityType.BROKER, "visits", 10))
                .extracting(Answers.InstitutionRank::normalizedName)
                .containsExactly("中邮证券有限责任公司", "中信证券股份有限公司", "国泰海通证券股份有限公司");
        assertThat(q.institutionRanking(
                        LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), EntityType.PRIVATE_FUND, "companies", 10))
                .singleElement()
                .satisfies(r -> assertThat(r.companies()).isEqualTo(2));
        assertThat(q.newVisitors("839493", LocalDate.of(2024, 6, 18)).visitors())
                .isEmpty();
        assertThat(q.newVisitors("839493", LocalDate.of(2024, 6, 17)).visitors())
                .hasSize(2);
        Answers.InstitutionVisits zy = q.institutionVisits("中邮证券", NAMES.canonical("中邮证券"), null, null);
        assertThat(zy.companies()).isEqualTo(1);
        assertThat(zy.visits()).isEqualTo(3);
        assertThat(zy.companiesVisited().get(0).firstDate()).isEqualTo("2024-06-17");
        assertThat(zy.companiesVisited().get(0).lastDate()).isEqualTo("2024-06-25");
    }

    @Test
    void staleVersionsAreSkippedAndBadRecordsDeadLettered() {
        EnrichedAnnouncement v2 = ir(
                "8a2c7f1e",
                "839493",
                "并行科技",
                "2024-06-17",
                LocalDate.of(2024, 6, 18),
                2,
                p("中邮证券", "中邮证券有限责任公司", EntityType.BROKER));
        send(v2);
        d.pipe("8a2c7f1e", IrRecords.seed()); // version 1 after version 2: stale
        d.input.pipeInput("bad".getBytes(StandardCharsets.UTF_8), "{not json".getBytes(StandardCharsets.UTF_8));
        d.input.pipeInput("other".getBytes(StandardCharsets.UTF_8), ENRICHED.toBytes(IrRecords.seed()));
        d.input.pipeInput(null, ENRICHED.toBytes(IrRecords.seed()));
        EnrichedAnnouncement noCompany =
                ir("x1", null, "某公司", "2024-06-17", LocalDate.of(2024, 6, 18), 1, p("中邮证券", "中邮证券", EntityType.BROKER));
        d.pipe("x1", noCompany);
        assertExact();
        List<DeadLetter> letters = d.driver
                .createOutputTopic(
                        TOPICS.dlqAnalytics(),
                        new StringDeserializer(),
                        JsonSerde.deadLetter().deserializer())
                .readValuesToList();
        assertThat(letters)
                .extracting(DeadLetter::errorClass)
                .containsExactly(
                        "org.apache.kafka.common.errors.SerializationException",
                        FilingRouter.KEY_MISMATCH,
                        FilingRouter.TOMBSTONE_WITHOUT_KEY,
                        FilingRouter.NO_COMPANY);
        assertThat(letters.get(0).errorMessage()).contains("EnrichedAnnouncement");
        assertThat(d.registry
                        .get("pilu.analytics.records.stale.skipped")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void outputsConformToTheirPublishedSchemas() {
        send(IrRecords.seed());
        send(ir(
                "m1",
                "839493",
                "并行科技",
                "2024-07",
                LocalDate.of(2024, 8, 2),
                1,
                p("中信证券", "中信证券股份有限公司", EntityType.BROKER)));
        var factory = com.networknt.schema.JsonSchemaFactory.getInstance(
                com.networknt.schema.SpecVersion.VersionFlag.V202012,
                b -> b.schemaMappers(m -> m.mapPrefix("https://pilu.io/schemas/", "classpath:io/pilu/model/schemas/")));
        Map<String, Map<String, ?>> outputs = Map.of(
                "research-visit.schema.json", live(d.visitsTopic()),
                "company-coverage.schema.json", d.companyCoverage(),
                "institution-coverage.schema.json", d.institutionCoverage());
        outputs.forEach((schema, values) -> {
            var s = factory.getSchema(com.networknt.schema.SchemaLocation.of("https://pilu.io/schemas/" + schema));
            assertThat(values).as(schema).isNotEmpty();
            values.values()
                    .forEach(v -> assertThat(
                                    s.validate(io.pilu.model.Json.mapper().valueToTree(v)))
                            .as(schema + " " + v)
                            .isEmpty());
        });
        var visitSchema = factory.getSchema(
                com.networknt.schema.SchemaLocation.of("https://pilu.io/schemas/research-visit.schema.json"));
        var bad = io.pilu.model.Json.mapper().valueToTree(d.visitsTopic().get(vk("m1", "中信证券股份有限公司")));
        ((com.fasterxml.jackson.databind.node.ObjectNode) bad).put("activityDate", "2024年7月");
        assertThat(visitSchema.validate(bad)).isNotEmpty();
    }

    private static List<String> names(Answers.CompanyVisitors v) {
        return v.visitors().stream().map(Answers.Visitor::normalizedName).toList();
    }

    /** The research-visits key of institution {@code name} in the filing of announcement {@code id}. */
    private String vk(String id, String name) {
        return ResearchVisit.key(filingOf.get(id), name);
    }

    private void send(EnrichedAnnouncement e) {
        live.put(e.id(), e);
        filingOf.put(e.id(), e.filingId());
        d.pipe(e.id(), e);
    }

    private void withdraw(String id) {
        live.remove(id);
        d.pipe(id, null);
    }

    /** Every store and every output topic equals the recount from the live announcements. */
    private void assertExact() {
        Recount recount = new Recount(live.values(), NAMES);
        Map<String, ResearchVisit> visitsTopic = new TreeMap<>(d.visitsTopic());
        visitsTopic.values().removeIf(v -> v == null);
        assertThat(visitsTopic).isEqualTo(recount.visits());

        assertThat(d.companyCoverage()).isEqualTo(recount.companies());
        Map<String, CompanyCoverage> companyTopic = live(d.coverageTopic(TOPICS.companyCoverage()));
        assertThat(companyTopic).isEqualTo(recount.companies());

        Map<String, InstitutionCoverage> institutions = withoutName(d.institutionCoverage());
        assertThat(institutions).isEqualTo(recount.institutions());
        Map<String, InstitutionCoverage> institutionTopic =
                withoutName(live(d.coverageTopic(TOPICS.institutionCoverage())));
        assertThat(institutionTopic).isEqualTo(recount.institutions());

        // the query view agrees too
        for (CompanyCoverage c : recount.companies().values()) {
            Answers.CompanyVisitors v = d.queries().visitors(c.companyCode(), null, null);
            assertThat(v.institutions()).isEqualTo(c.institutions());
            assertThat(v.visits()).isEqualTo(c.visits());
        }
    }

    private static <V> Map<String, V> live(Map<String, V> topic) {
        Map<String, V> m = new TreeMap<>(topic);
        m.values().removeIf(v -> v == null);
        return m;
    }

    private static Map<String, InstitutionCoverage> withoutName(Map<String, InstitutionCoverage> m) {
        Map<String, InstitutionCoverage> out = new TreeMap<>();
        m.forEach((k, c) -> out.put(
                k,
                new InstitutionCoverage(
                        c.schemaVersion(),
                        c.normalizedName(),
                        null,
                        c.type(),
                        c.companies(),
                        c.visits(),
                        c.firstActivityDate(),
                        c.lastActivityDate(),
                        c.months())));
        return out;
    }

    private Driver newDriver() {
        try {
            Driver x = new Driver(Files.createTempDirectory(tmp, "state"));
            drivers.add(x);
            return x;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One topology under test, with its own state and output readers (topics read cumulatively). */
    private static final class Driver {
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        final TopologyTestDriver driver;
        final TestInputTopic<byte[], byte[]> input;
        final TestOutputTopic<String, ResearchVisit> visits;
        final TestOutputTopic<String, CompanyCoverage> companies;
        final TestOutputTopic<String, InstitutionCoverage> institutions;
        final Map<String, Map<String, String>> seen = new TreeMap<>();

        Driver(Path stateDir) {
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "analytics-test");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            driver = new TopologyTestDriver(
                    AnalyticsTopology.topology(
                            TOPICS,
                            NAMES,
                            Clock.fixed(Instant.parse("2024-08-01T00:00:00Z"), ZoneOffset.UTC),
                            new AnalyticsMetrics(registry)),
                    props);
            input = driver.createInputTopic(
                    TOPICS.irActivities(), new ByteArraySerializer(), new ByteArraySerializer());
            visits = driver.createOutputTopic(
                    TOPICS.researchVisits(),
                    new StringDeserializer(),
                    JsonSerde.of(ResearchVisit.class).deserializer());
            companies = driver.createOutputTopic(
                    TOPICS.companyCoverage(),
                    new StringDeserializer(),
                    JsonSerde.of(CompanyCoverage.class).deserializer());
            institutions = driver.createOutputTopic(
                    TOPICS.institutionCoverage(),
                    new StringDeserializer(),
                    JsonSerde.of(InstitutionCoverage.class).deserializer());
        }

        void pipe(String id, EnrichedAnnouncement e) {
            input.pipeInput(id.getBytes(StandardCharsets.UTF_8), ENRICHED.toBytes(e));
        }

        private final Map<String, ResearchVisit> visitLog = new TreeMap<>();
        private final Map<String, CompanyCoverage> companyLog = new TreeMap<>();
        private final Map<String, InstitutionCoverage> institutionLog = new TreeMap<>();

        /** The topic as compaction leaves it: latest value per key, tombstones as null. */
        Map<String, ResearchVisit> visitsTopic() {
            for (KeyValue<String, ResearchVisit> kv : visits.readKeyValuesToList()) {
                visitLog.put(kv.key, kv.value);
            }
            return visitLog;
        }

        @SuppressWarnings("unchecked")
        <V> Map<String, V> coverageTopic(String topic) {
            if (topic.equals(TOPICS.companyCoverage())) {
                companies.readKeyValuesToList().forEach(kv -> companyLog.put(kv.key, kv.value));
                return (Map<String, V>) companyLog;
            }
            institutions.readKeyValuesToList().forEach(kv -> institutionLog.put(kv.key, kv.value));
            return (Map<String, V>) institutionLog;
        }

        Map<String, CompanyCoverage> companyCoverage() {
            return live(coverageTopic(TOPICS.companyCoverage()));
        }

        Map<String, InstitutionCoverage> institutionCoverage() {
            return live(coverageTopic(TOPICS.institutionCoverage()));
        }

        LocalQueries queries() {
            return new LocalQueries(new LocalQueries.StoreAccess() {
                @Override
                @SuppressWarnings("unchecked")
                public <K, V> ReadOnlyKeyValueStore<K, V> store(String name) {
                    return driver.<K, V>getKeyValueStore(name);
                }
            });
        }

        Map<String, String> store(String name) {
            KeyValueStore<Object, Object> s = driver.getKeyValueStore(name);
            Map<String, String> out = new TreeMap<>();
            try (KeyValueIterator<Object, Object> it = s.all()) {
                it.forEachRemaining(kv -> out.put(
                        kv.key instanceof org.apache.kafka.common.utils.Bytes b
                                ? new String(b.get(), StandardCharsets.UTF_8)
                                : kv.key.toString(),
                        kv.value instanceof byte[] b
                                ? java.util.Base64.getEncoder().encodeToString(b)
                                : io.pilu.model.Json.write(kv.value)));
            }
            return out;
        }

        Map<String, Map<String, String>> allStores() {
            Map<String, Map<String, String>> all = new TreeMap<>();
            all.put(AnalyticsTopology.ARRIVALS_STORE, store(AnalyticsTopology.ARRIVALS_STORE));
            all.put(AnalyticsTopology.FILINGS_STORE, store(AnalyticsTopology.FILINGS_STORE));
            for (Side side : Side.values()) {
                all.put(side.visitsStore(), store(side.visitsStore()));
                all.put(side.pairsStore(), store(side.pairsStore()));
                all.put(side.coverageStore(), store(side.coverageStore()));
                all.put(side.daysStore(), store(side.daysStore()));
            }
            return all;
        }

        Map<String, Map<String, String>> allTopics() {
            Map<String, Map<String, String>> all = new TreeMap<>();
            all.put("visits", json(visitsTopic()));
            all.put("companies", json(coverageTopic(TOPICS.companyCoverage())));
            all.put("institutions", json(coverageTopic(TOPICS.institutionCoverage())));
            return all;
        }

        private static Map<String, String> json(Map<String, ?> m) {
            Map<String, String> out = new TreeMap<>();
            m.forEach((k, v) -> out.put(k, v == null ? null : io.pilu.model.Json.write(v)));
            return out;
        }
    }
}
