package io.pilu.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JavaCommandTest {

    @Test
    void jvmOptionsThenClasspathThenMainThenArguments() {
        NodeClasspath cp =
                NodeClasspath.parse("/b/self.jar" + File.pathSeparator + "/m2/dep.jar", Path.of("/m2/self.jar"));

        var command = new JavaCommand()
                .heap("512m")
                .jvmOption("-XX:+ExitOnOutOfMemoryError")
                .systemProperty("a.b", "c")
                .classpath(cp)
                .mainClass("x.Main")
                .args("--home", "/h")
                .toList(Path.of("/jdk/bin/java"));

        assertThat(command)
                .containsExactly(
                        "/jdk/bin/java",
                        "-Xmx512m",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-Da.b=c",
                        "-cp",
                        "/m2/self.jar" + File.pathSeparator + "/m2/dep.jar",
                        "x.Main",
                        "--home",
                        "/h");
    }

    @Test
    void usesTheRunningJdk() {
        assertThat(JavaCommand.javaBinary())
                .startsWith(Path.of(System.getProperty("java.home")))
                .isExecutable();
    }

    @Test
    void heapMustBeAJvmSize() {
        assertThat(JavaCommand.checkHeap("512m")).isEqualTo("512m");
        assertThat(JavaCommand.checkHeap("1G")).isEqualTo("1G");
        assertThatThrownBy(() -> JavaCommand.checkHeap("512 MB")).hasMessageContaining("512m or 1g");
        assertThatThrownBy(() -> JavaCommand.checkHeap("0m")).isInstanceOf(IllegalArgumentException.class);
    }
}
