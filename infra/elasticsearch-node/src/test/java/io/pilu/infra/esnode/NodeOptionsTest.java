package io.pilu.infra.esnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NodeOptionsTest {

    @Test
    void parsesAllFlags() {
        NodeOptions options = NodeOptions.parse(
                "--home", "/tmp/es-home",
                "--http-port", "0",
                "--port-file", "/tmp/es-home/http.port",
                "--cluster-name", "c1",
                "--node-name", "n1",
                "--parent-pid", "4242");

        assertThat(options.home()).isEqualTo(Path.of("/tmp/es-home"));
        assertThat(options.httpPort()).isZero();
        assertThat(options.portFile()).contains(Path.of("/tmp/es-home/http.port"));
        assertThat(options.clusterName()).isEqualTo("c1");
        assertThat(options.nodeName()).isEqualTo("n1");
        assertThat(options.parentPid()).hasValue(4242);
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/es-home/data"));
        assertThat(options.configDir()).isEqualTo(Path.of("/tmp/es-home/config"));
    }

    @Test
    void defaultsEverythingButHome() {
        NodeOptions options = NodeOptions.parse("--home", "relative/home");

        assertThat(options.home()).isEqualTo(Path.of("relative/home").toAbsolutePath());
        assertThat(options.httpPort()).isEqualTo(NodeOptions.DEFAULT_HTTP_PORT);
        assertThat(options.portFile()).isEmpty();
        assertThat(options.clusterName()).isEqualTo(NodeOptions.DEFAULT_CLUSTER_NAME);
        assertThat(options.parentPid()).isEmpty();
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(NodeOptions::parse).hasMessageContaining("--home is required");
        assertThatThrownBy(() -> NodeOptions.parse("--home")).hasMessageContaining("missing value after --home");
        assertThatThrownBy(() -> NodeOptions.parse("--home", "h", "--http-port", "x"))
                .hasMessageContaining("must be a number");
        assertThatThrownBy(() -> NodeOptions.parse("--home", "h", "--http-port", "70000"))
                .hasMessageContaining("0..65535");
        assertThatThrownBy(() -> NodeOptions.parse("--home", "h", "--verbose", "1"))
                .hasMessageContaining("unknown option --verbose");
    }
}
