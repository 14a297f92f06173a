package io.pilu.enrich.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.enrich.topology.EnrichConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code pilu enrich}'s options: out-of-range numbers are usage errors naming the flag, before Kafka is touched. */
class EnrichCommandTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"--threads|0", "--threads|-2", "--commit-interval-ms|0", "--commit-interval-ms|-100"})
    void anOutOfRangeNumberIsAUsageErrorNamingTheFlag(String option, String value) {
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new EnrichCommand());
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(out, true));

        // an unreachable broker: were the values accepted, the command would fail on Kafka instead
        int exit = cl.execute("--bootstrap-servers", "127.0.0.1:1", "--ops-port", "-1", option, value);

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE).isEqualTo(2);
        assertThat(err.toString())
                .contains(option + " must be positive, not " + value)
                .contains("Usage: enrich")
                .doesNotContain("IllegalArgumentException")
                .doesNotContain("\tat ");
    }

    @Test
    void valuesInRangeMakeTheConfig() {
        EnrichCommand command = new EnrichCommand();
        new CommandLine(command).parseArgs("--threads", "3", "--commit-interval-ms", "1");

        EnrichConfig config = command.config();

        assertThat(config.threads()).isEqualTo(3);
        assertThat(config.commitIntervalMs()).isEqualTo(1);
    }
}
