package io.pilu.sink.es;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Issue 10, row 11: a password inside --es-url is refused with a clear message and never printed. */
class ElasticsearchSettingsCredentialsTest {

    @Test
    void aUrlWithUserInfoIsRefusedWithoutEchoingThePassword() {
        assertThatThrownBy(() -> ElasticsearchSettings.of("http://alice:s3cret-pw@es.example:9200"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not contain credentials")
                .hasMessageContaining("PILU_ES_PASSWORD")
                .hasMessageContaining("http://****@es.example:9200")
                .hasMessageNotContaining("s3cret-pw")
                .hasMessageNotContaining("alice");
    }

    @Test
    void anInvalidUrlIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> ElasticsearchSettings.of("http://user:s3cret pw@es:9200"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void sinkAndSearchRefuseItAsAUsageErrorAndPrintNoPassword() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new CommandLine(new io.pilu.sink.cli.SinkCommand())
                .setErr(new java.io.PrintWriter(err, true))
                .execute("--es-url", "http://elastic:s3cret-pw@localhost:9200", "--bootstrap-servers", "localhost:1");
        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(2);
        assertThat(printed).contains("must not contain credentials").doesNotContain("s3cret-pw");
    }
}
