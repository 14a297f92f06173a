package io.pilu.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PiluTest {

    @Test
    void helpListsEveryService() {
        StringWriter out = new StringWriter();
        CommandLine cl = Pilu.commandLine();
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("--help")).isZero();
        assertThat(out.toString())
                .contains(
                        "local",
                        "crawl",
                        "backfill",
                        "enrich",
                        "sink",
                        "search",
                        "extract",
                        "bench",
                        "bse-simulator",
                        "cninfo-simulator");
    }

    @Test
    void benchListsItsBenchmarks() {
        CommandLine bench = Pilu.commandLine().getSubcommands().get("bench");
        assertThat(bench.getSubcommands()).containsKeys("extract-pdf", "enrich", "sink", "pipeline");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        CommandLine cl = Pilu.commandLine();
        cl.setErr(new PrintWriter(new StringWriter()));
        assertThat(cl.execute("frobnicate")).isEqualTo(2);
    }
}
