package io.pilu.sink.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pilu.model.Json;
import io.pilu.sink.SinkFixtures;
import io.pilu.sink.SinkItSupport;
import io.pilu.sink.SinkRunner;
import io.pilu.testkit.PiluIntegrationTest;
import io.pilu.testkit.SharedInfra;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code pilu search} against documents the sink indexed into the real ES node (smartcn). */
@PiluIntegrationTest
class SearchCommandIT {

    private static SinkItSupport it;
    private static SinkRunner sink;

    @BeforeAll
    static void indexFixtures() throws Exception {
        it = new SinkItSupport(1);
        it.send(SinkFixtures.ir("ir-1", 1));
        it.send(SinkFixtures.periodic("p-1", 1));
        it.send(SinkFixtures.failedExtraction("f-1"));
        var other = SinkFixtures.ir("ir-2", 1);
        var raw = SinkFixtures.raw(
                "ir-2",
                "830799",
                "艾融软件",
                "[临时公告]艾融软件:投资者关系活动记录表",
                "问：公司与银行客户的合作情况？答：公司主要服务于大型商业银行。",
                LocalDate.of(2023, 5, 10));
        it.send(new io.pilu.model.EnrichedAnnouncement(
                1,
                "ir-2",
                raw,
                other.documentClass(),
                new io.pilu.model.IrActivity(
                        io.pilu.model.IrActivity.Layout.BSE,
                        java.util.List.of("业绩说明会"),
                        null,
                        "2023-05",
                        null,
                        java.util.List.of(new io.pilu.model.IrActivity.Participant(
                                "华泰证券", null, io.pilu.model.EntityType.BROKER, null)),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null),
                java.util.List.of(),
                java.util.List.of(),
                1,
                other.enrichedAt()));
        // a Shenzhen announcement read from cninfo
        var szse = new io.pilu.model.RawAnnouncement(
                io.pilu.model.RawAnnouncement.SCHEMA_VERSION,
                "cninfo-1218213961",
                "cninfo",
                "SZSE",
                "000001",
                "平安银行",
                "关于召开2023年第三季度业绩说明会的公告",
                java.util.List.of(),
                LocalDate.of(2023, 10, 20),
                "http://static.cninfo.com.cn/finalpage/2023-10-20/1218213961.PDF",
                "pdf",
                "c".repeat(64),
                1000L,
                2,
                "本行将召开2023年第三季度业绩说明会。",
                io.pilu.model.RawAnnouncement.ExtractionStatus.OK,
                null,
                java.time.Instant.parse("2023-10-20T10:00:00Z"));
        it.send(new io.pilu.model.EnrichedAnnouncement(
                io.pilu.model.EnrichedAnnouncement.SCHEMA_VERSION,
                szse.id(),
                szse,
                io.pilu.model.DocumentClass.EARNINGS_CALL_NOTICE,
                null,
                java.util.List.of(),
                java.util.List.of(),
                1,
                java.time.Instant.parse("2023-10-20T10:00:05Z")));
        sink = SinkRunner.start(it.config(), new SimpleMeterRegistry());
        await().atMost(Duration.ofSeconds(60)).until(() -> it.count() == 5);
    }

    @AfterAll
    static void stop() throws Exception {
        sink.close();
        it.close();
    }

    private static String run(String... args) {
        SearchCommand cmd = new SearchCommand();
        cmd.ansi = false;
        CommandLine cl = new CommandLine(cmd);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 4];
        all[0] = "--es-url";
        all[1] = SharedInfra.elasticsearchUrl();
        all[2] = "--index";
        all[3] = it.alias;
        System.arraycopy(args, 0, all, 4, args.length);
        int code = cl.execute(all);
        assertThat(code).as("exit code; stderr: %s", err).isZero();
        return out.toString();
    }

    @Test
    void chineseQueryFindsTheIrRecordWithHighlightedFragments() {
        String out = run("智谱华章");
        assertThat(out).startsWith("1 hit");
        assertThat(out)
                .contains("并行科技 (839493)  2024-06-18  IR_ACTIVITY_RECORD")
                .contains("[临时公告]并行科技:投资者关系活动记录表")
                .contains("participants: 中邮证券, 中邮证券有限责任公司, 地泽投资")
                .contains("【智谱华章】");
    }

    @Test
    void filtersNarrowTheHits() {
        assertThat(run("投资者关系活动记录表")).startsWith("2 hits");
        assertThat(run("投资者关系活动记录表", "--from", "2024-01-01"))
                .startsWith("1 hit")
                .contains("并行科技");
        assertThat(run("投资者关系活动记录表", "--to", "2023-12-31")).startsWith("1 hit").contains("艾融软件");
        assertThat(run("--institution", "华泰证券")).startsWith("1 hit").contains("艾融软件");
        assertThat(run("--institution", "中邮证券有限责任公司")).startsWith("1 hit").contains("并行科技");
        assertThat(run("--company", "920007")).startsWith("2 hits");
        assertThat(run("--company", "并行科技", "--class", "ir_activity_record")).startsWith("1 hit");
        assertThat(run("--class", "PERIODIC_REPORT")).startsWith("1 hit").contains("年度报告");
        assertThat(run("智谱华章", "--class", "PERIODIC_REPORT")).startsWith("0 hits");
    }

    @Test
    void exchangeAndSourceFilterTheHits() {
        assertThat(run("--exchange", "SZSE")).startsWith("1 hit").contains("平安银行 (000001)");
        assertThat(run("--exchange", "szse", "--source", "cninfo")).startsWith("1 hit");
        assertThat(run("--exchange", "SSE")).startsWith("0 hits");
        assertThat(run("--exchange", "BSE")).startsWith("4 hits");
        assertThat(run("--source", "bse")).startsWith("4 hits");
        assertThat(run("业绩说明会", "--source", "bse")).startsWith("0 hits");
    }

    @Test
    void jsonPrintsTheRawHits() throws Exception {
        JsonNode hits = Json.mapper().readTree(run("智谱华章", "--json", "--size", "5"));
        assertThat(hits.at("/total/value").asInt()).isEqualTo(1);
        assertThat(hits.at("/hits/0/_id").asText()).isEqualTo("ir-1");
        assertThat(hits.at("/hits/0/highlight/text/0").asText()).contains("【智谱华章】");
    }

    @Test
    void anUnknownClassIsAClearErrorNotAStackTrace() {
        SearchCommand cmd = new SearchCommand();
        CommandLine cl = new CommandLine(cmd);
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("--es-url", SharedInfra.elasticsearchUrl(), "--class", "ANNUAL", "x"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("unknown --class 'ANNUAL'").contains("PERIODIC_REPORT");
    }
}
