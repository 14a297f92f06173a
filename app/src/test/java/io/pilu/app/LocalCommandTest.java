package io.pilu.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilu.ingest.cli.CrawlOptions.Source;
import io.pilu.ingest.crawl.BseCrawlSource;
import io.pilu.ingest.crawl.CninfoCrawlSource;
import io.pilu.ingest.crawl.CrawlConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code pilu local}'s crawler arguments: {@code --crawl-arg} goes to every crawler, {@code --bse-crawl-arg} and
 * {@code --cninfo-crawl-arg} to one only, after the shared ones. Nothing is started here: the crawlers' configurations
 * are parsed exactly as {@code pilu local} parses them before it starts anything.
 */
class LocalCommandTest {

    private static final List<String> BSE_BASE = List.of("--base-url", "http://127.0.0.1:1");
    private static final List<String> CNINFO_BASE = List.of(
            "--source", "cninfo", "--base-url", "http://127.0.0.1:2", "--document-base-url", "http://127.0.0.1:3");

    private static LocalCommand local(String... args) {
        LocalCommand command = new LocalCommand();
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return command;
    }

    /** The crawlers' configurations, cninfo's then bse.cn's, as {@code pilu local} builds them. */
    private static List<CrawlConfig> crawls(String... args) {
        return local(args).crawls(BSE_BASE, CNINFO_BASE);
    }

    private static BseCrawlSource bse(CrawlConfig config) {
        return (BseCrawlSource) config.crawler().source();
    }

    private static CninfoCrawlSource cninfo(CrawlConfig config) {
        return (CninfoCrawlSource) config.crawler().source();
    }

    @Test
    void eachCrawlerGetsTheSharedArgumentsThenOnlyItsOwn() {
        LocalCommand command = local(
                "--crawl-arg=--once",
                "--bse-crawl-arg=--type-codes=9504",
                "--cninfo-crawl-arg=--column=sse",
                "--crawl-arg=--keyword=投资者关系",
                "--cninfo-crawl-arg=--tab=relation");

        assertThat(command.crawlerArgs(Source.bse, BSE_BASE))
                .containsExactly("--base-url", "http://127.0.0.1:1", "--once", "--keyword=投资者关系", "--type-codes=9504");
        assertThat(command.crawlerArgs(Source.cninfo, CNINFO_BASE))
                .containsExactly(
                        "--source",
                        "cninfo",
                        "--base-url",
                        "http://127.0.0.1:2",
                        "--document-base-url",
                        "http://127.0.0.1:3",
                        "--once",
                        "--keyword=投资者关系",
                        "--column=sse",
                        "--tab=relation");
    }

    @Test
    void theParsedCrawlersCarryTheirOwnArgumentsOnly() {
        List<CrawlConfig> crawls =
                crawls("--crawl-arg=--once", "--bse-crawl-arg=--type-codes=9504", "--cninfo-crawl-arg=--column=sse");

        assertThat(crawls).hasSize(2);
        CninfoCrawlSource cninfo = cninfo(crawls.get(0));
        BseCrawlSource bse = bse(crawls.get(1));
        assertThat(crawls).allSatisfy(c -> assertThat(c.once()).isTrue());
        assertThat(cninfo.columns()).containsExactly("sse");
        assertThat(bse.filter().typeCodes()).containsExactly("9504");
        assertThat(bse.client().baseUrl()).hasToString("http://127.0.0.1:1");
        assertThat(cninfo.client().baseUrl()).hasToString("http://127.0.0.1:2");
    }

    @Test
    void anArgumentTheOtherSourceRefusesNoLongerBreaksIt() {
        // cninfo refuses bse.cn's --type-codes: as a shared --crawl-arg it stops pilu local, naming the flag and cninfo
        assertThatThrownBy(() -> crawls("--crawl-arg=--type-codes=9504"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageStartingWith("--crawl-arg, cninfo crawler: ")
                .hasMessageContaining("--type-codes");

        List<CrawlConfig> crawls = crawls("--bse-crawl-arg=--type-codes=9504");

        assertThat(bse(crawls.get(1)).filter().typeCodes()).containsExactly("9504");
        assertThat(crawls.get(0).crawler().source()).isInstanceOf(CninfoCrawlSource.class);
    }

    @Test
    void aSourcesOwnValueWinsOverTheSharedOne() {
        List<CrawlConfig> crawls = crawls(
                "--crawl-arg=--from=2024-06-01",
                "--cninfo-crawl-arg=--from=2024-01-02",
                "--crawl-arg=--rate-limit=5",
                "--bse-crawl-arg=--rate-limit=1");

        CrawlConfig cninfo = crawls.get(0);
        CrawlConfig bse = crawls.get(1);
        assertThat(cninfo.from()).isEqualTo(LocalDate.of(2024, 1, 2));
        assertThat(bse.from()).isEqualTo(LocalDate.of(2024, 6, 1));
        assertThat(bse(bse).client().requestsPerSecond()).isEqualTo(1.0);
    }

    @Test
    void aSharedValueWinsOverTheDefaultPiluLocalPutsFirst() {
        // --offline starts the crawl at the samples' oldest day with --from; a --crawl-arg may move it
        List<String> offlineLike = List.of("--base-url", "http://127.0.0.1:1", "--from", "2024-01-02");
        List<CrawlConfig> crawls =
                local("--sources", "bse", "--crawl-arg=--from=2024-06-01").crawls(offlineLike, CNINFO_BASE);

        assertThat(crawls.get(0).from()).isEqualTo(LocalDate.of(2024, 6, 1));
    }

    @Test
    void aBadPerSourceArgumentNamesItsFlagAndSource() {
        assertThatThrownBy(() -> crawls("--crawl-arg=--once", "--cninfo-crawl-arg=--column=nyse"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageStartingWith("--cninfo-crawl-arg, cninfo crawler: ")
                .hasMessageContaining("--column must be szse, sse or bj, not 'nyse'");
        assertThatThrownBy(() -> crawls("--bse-crawl-arg=--rate-limit=0"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageStartingWith("--bse-crawl-arg, bse crawler: ")
                .hasMessageContaining("--rate-limit must be positive");
        assertThatThrownBy(() -> crawls("--bse-crawl-arg=--no-such-option"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageStartingWith("--bse-crawl-arg, bse crawler: ")
                .hasMessageContaining("--no-such-option");
    }

    @Test
    void whenBothFlagsAreGivenTheOneWithoutWhichTheRestParsesIsNamed() {
        assertThatThrownBy(() -> crawls("--crawl-arg=--rate-limit=0", "--cninfo-crawl-arg=--column=sse"))
                .hasMessageStartingWith("--crawl-arg, cninfo crawler: ");
        assertThatThrownBy(() -> crawls("--crawl-arg=--once", "--cninfo-crawl-arg=--column=nyse"))
                .hasMessageStartingWith("--cninfo-crawl-arg, cninfo crawler: ");
    }

    @Test
    void aPerSourceArgumentForASourceNotCrawledIsRefused() {
        assertThatThrownBy(() -> crawls("--sources", "bse", "--cninfo-crawl-arg=--column=sse"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--cninfo-crawl-arg: cninfo is not in --sources [bse]");
        // the shared flag still goes to whichever crawlers run
        assertThat(crawls("--sources", "bse", "--crawl-arg=--type-codes=9504")).hasSize(1);
    }

    @Test
    void aBadPerSourceArgumentIsAUsageErrorBeforeAnythingStarts() {
        String[] args = {"--cninfo-crawl-arg=--column=nyse", "--kafka-port", "0", "--es-port", "0"};
        // Checked without starting anything first, so a regression fails here rather than starting the pipeline.
        assertThatThrownBy(() -> crawls(args)).isInstanceOf(CommandLine.ParameterException.class);

        StringWriter err = new StringWriter();
        CommandLine cl = Pilu.commandLine();
        cl.setErr(new PrintWriter(err));
        String[] withCommand = new String[args.length + 1];
        withCommand[0] = "local";
        System.arraycopy(args, 0, withCommand, 1, args.length);

        assertThat(cl.execute(withCommand)).isEqualTo(2);
        assertThat(err.toString()).contains("--cninfo-crawl-arg, cninfo crawler: --column must be szse, sse or bj");
    }
}
