package io.pilu.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@link CrawlCommand#parse}, how {@code pilu local} reads a crawler's arguments: its defaults, then the shared
 * {@code --crawl-arg}s, then the source's own, so a one-value option given again takes the later value.
 */
class CrawlCommandParseTest {

    @Test
    void aOneValueOptionGivenAgainTakesTheLastValue() {
        assertThat(CrawlCommand.parse("--from", "2024-01-02", "--from=2024-06-01")
                        .from())
                .isEqualTo(LocalDate.of(2024, 6, 1));
    }

    @Test
    void aRepeatedValueIsStillValidated() {
        assertThatThrownBy(() -> CrawlCommand.parse("--rate-limit", "2", "--rate-limit", "0"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--rate-limit must be positive");
    }

    @Test
    void pilusOwnCrawlCommandLineStillRefusesAnOptionTwice() {
        CommandLine crawl = new CommandLine(new CrawlCommand());
        assertThatThrownBy(() -> crawl.parseArgs("--from", "2024-01-02", "--from=2024-06-01"))
                .isInstanceOf(CommandLine.OverwrittenOptionException.class);
    }
}
