package io.pilu.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class ValidationTest {

    @Command(name = "demo")
    static final class Demo {}

    private final CommandLine commandLine = new CommandLine(new Demo());
    private final Validation v = new Validation(commandLine);

    @Test
    void aValueOutOfRangeIsAParameterExceptionOfTheCommandNamingTheOption() {
        assertThatThrownBy(() -> v.positive("--threads", 0))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--threads must be positive, not 0")
                .satisfies(e -> assertThat(((CommandLine.ParameterException) e).getCommandLine())
                        .isSameAs(commandLine));
        assertThatThrownBy(() -> v.notNegative("--standby-replicas", -1))
                .hasMessage("--standby-replicas must not be negative, not -1");
        assertThatThrownBy(() -> v.positive("--poll-deadline", Duration.ZERO))
                .hasMessage("--poll-deadline must be positive, not PT0S");
        assertThatThrownBy(() -> v.notNegative("--poll-interval", Duration.ofSeconds(-1)))
                .hasMessage("--poll-interval must not be negative, not PT-1S");
        assertThatThrownBy(() -> v.positive("--poll-deadline", (Duration) null))
                .isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void valuesInRangePass() {
        assertThatCode(() -> {
                    v.positive("--threads", 1);
                    v.notNegative("--standby-replicas", 0);
                    v.positive("--poll-deadline", Duration.ofMillis(1));
                    v.notNegative("--poll-interval", Duration.ZERO);
                })
                .doesNotThrowAnyException();
    }
}
