package io.pilu.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalToolTest {

    @Test
    void aMissingToolFailsNamingTheDebianPackage() {
        ExternalTool missing = new ExternalTool("pilu-no-such-tool", "pilu-tools");

        assertThatThrownBy(missing::executable)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("'pilu-no-such-tool' is not on the PATH")
                .hasMessageContaining("apt-get install pilu-tools");
    }

    @Test
    void aFailingRunShowsTheCommandExitCodeAndOutput(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("broken.yml"), "groups:\n  - name: x\n    rules:\n      - alert: A\n        expr: rate(\n");

        assertThatThrownBy(() -> ExternalTool.PROMTOOL.runOk(dir, "check", "rules", "broken.yml"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("check rules broken.yml exited 1")
                .hasMessageContaining("broken.yml");
    }

    @Test
    void aSuccessfulRunReturnsItsOutput(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("ok.yml"), "groups:\n  - name: x\n    rules:\n      - alert: A\n        expr: up == 0\n");

        ExternalTool.Result r = ExternalTool.PROMTOOL.runOk(dir, "check", "rules", "ok.yml");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("SUCCESS: 1 rules found");
    }
}
