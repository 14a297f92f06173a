package io.pilu.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.pilu.ingest.fixture.SimulatorFaults;
import io.pilu.ingest.fixture.TestPdfs;
import io.pilu.ingest.listing.ListingEndpoint;
import io.pilu.ingest.simulator.BseSimulator;
import io.pilu.ingest.simulator.ListingDrift;
import io.pilu.ingest.simulator.SimulatedAnnouncement;
import io.pilu.model.Json;
import io.pilu.model.RawAnnouncement;
import io.pilu.model.RawAnnouncement.ExtractionStatus;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code pilu crawl --once --dry-run} and {@code pilu backfill --dry-run} end to end against the fake site. */
class CrawlDryRunTest {

    private static final LocalDate DAY = LocalDate.of(2024, 6, 18);

    private BseSimulator site;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        site = BseSimulator.start();
        site.pageSize(3);
        SimulatedAnnouncement seed = new SimulatedAnnouncement(
                "6adf2dc9960c5876a0b1c2d3e4f5a6b7",
                "839493",
                "并行科技",
                "[临时公告]并行科技:投资者关系活动记录表",
                "/disclosure/2024/2024-06-18/6adf2dc9960c5876a0b1c2d3e4f5a6b7.pdf",
                DAY,
                "pdf",
                "9504",
                "9504-4417");
        site.add(seed);
        site.document(seed.destFilePath(), TestPdfs.seedPdfBytes());
        add("c0rrupt", DAY, "pdf", "/disclosure/2024/2024-06-18/c0rrupt.pdf", "%PDF-1.4 garbage".getBytes());
        add("0ffh0st", DAY, "pdf", "//evil.example.com/steal.pdf", null);
        add("travers", DAY.minusDays(1), "pdf", "/disclosure/../../etc/passwd", null);
        add("hugedoc", DAY.minusDays(1), "pdf", "/disclosure/2024/2024-06-17/huge.pdf", null);
        SimulatorFaults.of(site).hugeDocument("/disclosure/2024/2024-06-17/huge.pdf", 3_000_000, false);
        add("wordoc", DAY.minusDays(1), "docx", "/disclosure/2024/2024-06-17/word.docx", new byte[] {80, 75, 3, 4});
        add(
                "htmldoc",
                DAY.minusDays(2),
                "html",
                "/disclosure/2024/2024-06-16/a.html",
                "<html><body><p>活动地点：公司会议室</p></body></html>".getBytes(StandardCharsets.UTF_8));
        add(
                null,
                DAY.minusDays(2),
                "pdf",
                "/disclosure/2021/2021-07-19/1626695732_642086.pdf",
                TestPdfs.simplePdfBytes(List.of("年度报告")));
    }

    private void add(String code, LocalDate date, String ext, String path, byte[] bytes) {
        site.add(new SimulatedAnnouncement(
                code, "920007", "某公司", "[临时公告]某公司:公告" + code, path, date, ext, "9504", "9504-4417"));
        if (bytes != null) {
            site.document(path, bytes);
        }
    }

    @AfterEach
    void stop() {
        site.close();
    }

    private int run(Object command, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(
                "--base-url",
                site.baseUrl(),
                "--rate-limit",
                "200",
                "--backoff-initial",
                "1ms",
                "--backoff-max",
                "20ms",
                "--max-document-bytes",
                "1000000",
                "--dry-run"));
        return new CommandLine(command).execute(all.toArray(String[]::new));
    }

    private List<RawAnnouncement> printed() throws Exception {
        List<RawAnnouncement> records = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                records.add(Json.mapper().readValue(line, RawAnnouncement.class));
            }
        }
        return records;
    }

    @Test
    void crawlOnceDryRunPrintsOneRecordPerAnnouncementAndNeverDropsABadDocument() throws Exception {
        int exit = run(
                new CrawlCommand(new PrintStream(out, true, StandardCharsets.UTF_8)),
                "--once",
                "--from",
                DAY.minusDays(5).toString());

        assertThat(exit).isZero();
        Map<String, RawAnnouncement> byId =
                printed().stream().collect(Collectors.toMap(RawAnnouncement::id, Function.identity()));
        assertThat(byId).hasSize(8);
        RawAnnouncement seed = byId.get("6adf2dc9960c5876a0b1c2d3e4f5a6b7");
        assertThat(seed.extraction()).isEqualTo(ExtractionStatus.OK);
        assertThat(seed.text()).contains("√特定对象调研", "参会单位及人员：中邮证券、地泽投资");
        assertThat(seed.pageCount()).isEqualTo(4);
        assertThat(seed.documentSha256()).matches("[0-9a-f]{64}");
        assertThat(seed.typeCodes()).containsExactly("9504", "9504-4417");
        assertThat(seed.documentUrl())
                .isEqualTo(site.baseUrl() + "/disclosure/2024/2024-06-18/6adf2dc9960c5876a0b1c2d3e4f5a6b7.pdf");

        assertThat(byId.get("c0rrupt").extraction()).isEqualTo(ExtractionStatus.FAILED);
        assertThat(byId.get("c0rrupt").extractionError()).contains("not a readable PDF");
        assertThat(byId.get("c0rrupt").documentSha256())
                .as("downloaded, so fingerprinted")
                .isNotNull();
        assertThat(byId.get("0ffh0st").extractionError()).startsWith("refused").contains("another host");
        assertThat(byId.get("0ffh0st").documentUrl()).isNull();
        assertThat(byId.get("travers").extractionError()).startsWith("refused").contains("'..'");
        assertThat(byId.get("hugedoc").extractionError()).contains("exceeds the cap of 1000000");
        // one rule for every source: a type without extractor is FAILED (UNSUPPORTED_TYPE), downloaded for its hash
        assertThat(byId.get("wordoc").extraction()).isEqualTo(ExtractionStatus.FAILED);
        assertThat(byId.get("wordoc").extractionError())
                .startsWith("UNSUPPORTED_TYPE")
                .contains("'docx'");
        assertThat(byId.get("wordoc").documentSha256()).matches("[0-9a-f]{64}");
        assertThat(byId.values()).allSatisfy(r -> {
            assertThat(r.source()).isEqualTo("bse");
            assertThat(r.exchange()).isEqualTo("BSE");
        });
        assertThat(byId.get("htmldoc").text()).isEqualTo("活动地点：公司会议室");
        String hashedId =
                io.pilu.ingest.listing.AnnouncementIds.of(null, "/disclosure/2021/2021-07-19/1626695732_642086.pdf");
        assertThat(byId.get(hashedId).text()).isEqualTo("年度报告");

        assertThat(site.downloads("//evil.example.com/steal.pdf")).isZero();
        assertThat(site.contractViolations()).isEmpty();

        // every record, whatever its outcome, matches the topic's published JSON Schema
        JsonSchema schema;
        try (InputStream in = RawAnnouncement.class.getResourceAsStream("schemas/raw-announcement.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in);
        }
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            assertThat(schema.validate(Json.mapper().readTree(line))).as(line).isEmpty();
        }
    }

    @Test
    void schemaDriftOnThePrimaryEndpointFallsBackToTheOther() throws Exception {
        site.drift(ListingEndpoint.COMPANY_ANNOUNCEMENT, ListingDrift.STATUS_NOT_ZERO);
        int exit = run(
                new CrawlCommand(new PrintStream(out, true, StandardCharsets.UTF_8)),
                "--once",
                "--from",
                DAY.minusDays(5).toString());
        assertThat(exit).isZero();
        assertThat(printed()).hasSize(8);
        assertThat(site.requests("/disclosureInfoController/initDisclosureList.do"))
                .isPositive();
    }

    @Test
    void schemaDriftEverywhereFailsThePollLoudlyAndPublishesNothing() throws Exception {
        site.drift(ListingEndpoint.COMPANY_ANNOUNCEMENT, ListingDrift.RECORD_WITHOUT_PATH);
        site.drift(ListingEndpoint.DISCLOSURE_LIST, ListingDrift.RECORD_WITHOUT_PATH);
        int exit = run(
                new CrawlCommand(new PrintStream(out, true, StandardCharsets.UTF_8)),
                "--once",
                "--from",
                DAY.minusDays(5).toString());
        assertThat(exit).isEqualTo(1);
        assertThat(printed()).isEmpty();
    }

    @Test
    void withoutFallbackADisabledEndpointFailsThePoll() throws Exception {
        SimulatorFaults.of(site).disable(ListingEndpoint.COMPANY_ANNOUNCEMENT);
        int exit = run(
                new CrawlCommand(new PrintStream(out, true, StandardCharsets.UTF_8)),
                "--once",
                "--no-fallback-endpoint",
                "--from",
                DAY.minusDays(5).toString());
        assertThat(exit).isEqualTo(1);
        assertThat(printed()).isEmpty();
    }

    @Test
    void backfillDryRunPublishesTheRangeOnly() throws Exception {
        int exit = run(
                new BackfillCommand(new PrintStream(out, true, StandardCharsets.UTF_8)),
                "--from",
                DAY.minusDays(2).toString(),
                "--to",
                DAY.minusDays(1).toString());
        assertThat(exit).isZero();
        assertThat(printed())
                .extracting(RawAnnouncement::publishDate)
                .containsOnly(DAY.minusDays(2), DAY.minusDays(1))
                .hasSize(5);
    }

    @Test
    void backfillWithoutARangeIsAUsageError() {
        int exit = run(new BackfillCommand(new PrintStream(out, true, StandardCharsets.UTF_8)));
        assertThat(exit).isEqualTo(2); // picocli's usage-error exit code
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "--max-text-chars|0", "--max-text-chars|-5", "--max-document-bytes|0", "--rate-limit|0",
                "--max-attempts|0", "--request-deadline|0s", "--max-listing-bytes|0", "--max-listing-rows|0",
                "--max-pages-per-poll|0", "--poll-deadline|0s", "--seen-ids-max|0", "--extract-timeout|0s"
            })
    void anOutOfRangeNumberIsAUsageErrorNamingTheOption(String option, String value) {
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cl = new CommandLine(new CrawlCommand(new PrintStream(out, true, StandardCharsets.UTF_8)));
        cl.setErr(new java.io.PrintWriter(err, true));
        int exit = cl.execute("--once", "--dry-run", "--base-url", site.baseUrl(), option, value);
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(option + " must be positive");
        assertThat(printed_is_empty()).isTrue();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {"--full-relist-interval", "--list-interval", "--document-interval", "--interval-jitter"})
    void aNegativeCninfoIntervalIsAUsageErrorNamingTheOption(String option) {
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cl = new CommandLine(new CrawlCommand(new PrintStream(out, true, StandardCharsets.UTF_8)));
        cl.setErr(new java.io.PrintWriter(err, true));
        int exit = cl.execute("--source", "cninfo", "--once", "--dry-run", option, "PT-1S");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(option + " must not be negative");
        assertThat(printed_is_empty()).isTrue();
    }

    @Test
    void aBaseUrlWithCredentialsIsAUsageErrorThatDoesNotEchoThem() {
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cl = new CommandLine(new CrawlCommand(new PrintStream(out, true, StandardCharsets.UTF_8)));
        cl.setErr(new java.io.PrintWriter(err, true));
        int exit = cl.execute("--once", "--dry-run", "--base-url", "http://bob:hunter2@127.0.0.1:1");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("must not contain credentials").doesNotContain("hunter2");
    }

    private boolean printed_is_empty() {
        return out.toString(StandardCharsets.UTF_8).isBlank();
    }
}
