package io.pilu.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.analytics.topology.AnalyticsConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code pilu analytics}' options: out-of-range numbers are usage errors naming the flag, before Kafka is touched. */
class AnalyticsCommandTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--threads|0|must be positive",
                "--threads|-2|must be positive",
                "--commit-interval-ms|0|must be positive",
                "--commit-interval-ms|-100|must be positive",
                "--standby-replicas|-1|must not be negative",
                "--api-port|70000|must be 0..65535",
                "--api-port|-1|must be 0..65535"
            })
    void anOutOfRangeNumberIsAUsageErrorNamingTheFlag(String option, String value, String rule) {
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new AnalyticsCommand());
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(out, true));

        // an unreachable broker: were the values accepted, the command would fail on Kafka instead
        int exit = option.equals("--api-port")
                ? cl.execute("--bootstrap-servers", "127.0.0.1:1", option, value)
                : cl.execute("--bootstrap-servers", "127.0.0.1:1", "--api-port", "0", option, value);

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE).isEqualTo(2);
        assertThat(err.toString())
                .contains(option + " " + rule + ", not " + value)
                .contains("Usage: analytics")
                .doesNotContain("IllegalArgumentException")
                .doesNotContain("\tat ");
    }

    @Test
    void valuesInRangeMakeTheConfig() {
        AnalyticsCommand command = new AnalyticsCommand();
        new CommandLine(command)
                .parseArgs(
                        "--threads", "2", "--commit-interval-ms", "1", "--standby-replicas", "0", "--api-port", "9999");

        AnalyticsConfig config = command.config();

        assertThat(config.threads()).isEqualTo(2);
        assertThat(config.commitIntervalMs()).isEqualTo(1);
        assertThat(config.standbyReplicas()).isZero();
        assertThat(config.applicationServer()).endsWith(":9999");
    }
}
