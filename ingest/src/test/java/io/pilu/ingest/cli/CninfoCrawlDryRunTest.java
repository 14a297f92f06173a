package io.pilu.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.ingest.simulator.cninfo.CninfoSampleSet;
import io.pilu.ingest.simulator.cninfo.CninfoSimulator;
import io.pilu.model.Json;
import io.pilu.model.RawAnnouncement;
import io.pilu.model.RawAnnouncement.ExtractionStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code pilu crawl --source cninfo --once --dry-run} against the cninfo simulator's bundled samples: every sample once
 * (IR records are listed in both tabs), with its source, exchange, code and Beijing publish date; the document-type
 * rule; {@code <em>} highlights of a keyword query stripped from title and name.
 */
class CninfoCrawlDryRunTest {

    private CninfoSimulator site;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        site = CninfoSimulator.withSamples();
    }

    @AfterEach
    void stop() {
        site.close();
    }

    private int crawl(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--source",
                "cninfo",
                "--once",
                "--dry-run",
                "--base-url",
                site.baseUrl(),
                "--document-base-url",
                site.documentBaseUrl(),
                "--from",
                CninfoSampleSet.bundled().earliestPublishDate().toString(),
                "--list-interval",
                "0s",
                "--document-interval",
                "0s",
                "--interval-jitter",
                "0s",
                "--backoff-initial",
                "1ms",
                "--backoff-max",
                "5ms"));
        args.addAll(List.of(extra));
        return new CommandLine(new CrawlCommand(new PrintStream(out, true, StandardCharsets.UTF_8)))
                .execute(args.toArray(String[]::new));
    }

    private Map<String, RawAnnouncement> printed() throws Exception {
        List<RawAnnouncement> records = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                records.add(Json.mapper().readValue(line, RawAnnouncement.class));
            }
        }
        assertThat(records).extracting(RawAnnouncement::id).doesNotHaveDuplicates();
        return records.stream().collect(Collectors.toMap(RawAnnouncement::id, Function.identity()));
    }

    @Test
    void everySampleOnceWithSourceExchangeAndTheDocumentTypeRule() throws Exception {
        assertThat(crawl()).isZero();

        Map<String, RawAnnouncement> byId = printed();
        assertThat(byId.keySet())
                .containsExactlyInAnyOrderElementsOf(CninfoSampleSet.bundled().samples().stream()
                        .map(s -> "cninfo-" + s.announcement().announcementId())
                        .toList());
        assertThat(byId.values()).allSatisfy(r -> assertThat(r.source()).isEqualTo("cninfo"));

        RawAnnouncement bj = byId.get("cninfo-1220335911");
        assertThat(bj.exchange()).isEqualTo("BSE");
        assertThat(bj.companyCode()).isEqualTo("839493");
        assertThat(bj.companyName()).isEqualTo("并行科技");
        assertThat(bj.publishDate()).hasToString("2024-06-18");
        assertThat(bj.extraction()).isEqualTo(ExtractionStatus.OK);
        assertThat(bj.documentUrl()).isEqualTo(site.documentBaseUrl() + "/finalpage/2024-06-18/1220335911.PDF");

        RawAnnouncement shenzhen = byId.get("cninfo-1220391865");
        assertThat(shenzhen.exchange()).isEqualTo("SZSE");
        assertThat(shenzhen.extraction()).isEqualTo(ExtractionStatus.OK);
        assertThat(shenzhen.text()).contains("投资者关系活动");
        assertThat(byId.get("cninfo-1220367142").exchange()).isEqualTo("SSE");

        RawAnnouncement html = byId.get("cninfo-1220396210");
        assertThat(html.fileType()).isEqualTo("html");
        assertThat(html.extraction()).isEqualTo(ExtractionStatus.OK);

        RawAnnouncement docx = byId.get("cninfo-1220404458");
        assertThat(docx.extraction()).isEqualTo(ExtractionStatus.FAILED);
        assertThat(docx.extractionError()).startsWith("UNSUPPORTED_TYPE");
        assertThat(docx.documentSha256()).as("downloaded, so fingerprinted").matches("[0-9a-f]{64}");

        assertThat(site.contractViolations()).isEmpty();
    }

    @Test
    void highlightsOfAKeywordQueryAreStrippedFromTitleAndName() throws Exception {
        assertThat(crawl("--keyword", "投资者关系活动记录表")).isZero();

        Map<String, RawAnnouncement> byId = printed();
        assertThat(byId).isNotEmpty();
        assertThat(byId.values()).allSatisfy(r -> {
            assertThat(r.title()).contains("投资者关系活动记录表").doesNotContain("<em>", "</em>");
            assertThat(r.companyName()).doesNotContain("<em>");
        });
        assertThat(site.contractViolations()).isEmpty();
    }
}
