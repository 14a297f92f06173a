package io.pilu.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeClasspathTest {

    private static final String SEP = File.pathSeparator;

    @Test
    void selfReplacesTheBuildTimeJarAndDependenciesFollowInOrder() {
        NodeClasspath cp = NodeClasspath.parse(
                "/build/target/node.jar" + SEP + "/m2/a.jar" + SEP + "/m2/b.jar\n", Path.of("/m2/node.jar"));

        assertThat(cp.entries()).containsExactly(Path.of("/m2/node.jar"), Path.of("/m2/a.jar"), Path.of("/m2/b.jar"));
        assertThat(cp.asArgument()).isEqualTo("/m2/node.jar" + SEP + "/m2/a.jar" + SEP + "/m2/b.jar");
    }

    @Test
    void emptyDependencyListLeavesOnlySelf() {
        NodeClasspath cp = NodeClasspath.parse("/build/target/node.jar" + SEP, Path.of("/x/node.jar"));

        assertThat(cp.entries()).containsExactly(Path.of("/x/node.jar"));
    }

    @Test
    void rejectsAnEmptyFile() {
        assertThatThrownBy(() -> NodeClasspath.parse("  \n", Path.of("/x")))
                .hasMessageContaining("empty node classpath");
    }

    @Test
    void containerOfAResourceInAJarIsTheJar(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("node.jar");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out)) {
            jarOut.putNextEntry(new JarEntry("io/pilu/x/node.classpath"));
            jarOut.write("x".getBytes());
            jarOut.closeEntry();
        }
        URL url = new URL("jar:" + jar.toUri() + "!/io/pilu/x/node.classpath");

        assertThat(NodeClasspath.containerOf(url, "io/pilu/x/node.classpath")).isEqualTo(jar);
    }

    @Test
    void containerOfAResourceInADirectoryIsTheClassesDirectory(@TempDir Path dir) throws Exception {
        Path file = Files.createDirectories(dir.resolve("classes/io/pilu/x")).resolve("node.classpath");
        Files.writeString(file, "x");

        assertThat(NodeClasspath.containerOf(file.toUri().toURL(), "io/pilu/x/node.classpath"))
                .isEqualTo(dir.resolve("classes"));
    }

    /** The node modules are dependencies of this one: their build-time classpath files must be complete. */
    @Test
    void builtClasspathFilesOfBothNodeModulesNameExistingJars() {
        for (String resource :
                new String[] {"io/pilu/infra/esnode/node.classpath", "io/pilu/infra/kafkanode/node.classpath"}) {
            NodeClasspath cp = NodeClasspath.load(getClass().getClassLoader(), resource);

            assertThat(cp.entries())
                    .hasSizeGreaterThan(10)
                    .allSatisfy(p -> assertThat(p).exists());
        }
        assertThat(NodeClasspath.load(getClass().getClassLoader(), "io/pilu/infra/esnode/node.classpath")
                        .asArgument())
                .contains("elasticsearch-8.19.21.jar", "transport-netty4-8.19.21.jar", "lucene-analysis-smartcn");
        assertThat(NodeClasspath.load(getClass().getClassLoader(), "io/pilu/infra/kafkanode/node.classpath")
                        .asArgument())
                .contains("kafka_2.13-", "log4j-slf4j2-impl");
    }

    @Test
    void missingResourceSaysHowToFixIt() {
        assertThatThrownBy(() -> NodeClasspath.load(getClass().getClassLoader(), "io/pilu/none/node.classpath"))
                .hasMessageContaining("not found")
                .hasMessageContaining("mvn -f infra/pom.xml install");
    }
}
