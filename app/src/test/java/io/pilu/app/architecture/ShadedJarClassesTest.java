package io.pilu.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pilu.jar} mixes Kafka, the Elasticsearch client, PDFBox, Jackson and logging in one class path: a class
 * that two of its inputs both carry would be shaded in from one of them, silently. This proves no class comes from
 * two inputs; the inputs are exactly what the shade plugin merges (app's compile and runtime dependencies, listed by
 * the build in {@code target/shade-inputs.classpath}) plus app's own classes.
 */
class ShadedJarClassesTest {

    private static final Path INPUTS = Path.of("target", "shade-inputs.classpath");

    @TempDir
    Path dir;

    @Test
    void noClassOfPiluJarComesFromTwoOfItsInputs() throws IOException {
        assertThat(INPUTS)
                .as("written by maven-dependency-plugin at generate-test-resources")
                .exists();
        List<Path> inputs =
                new ArrayList<>(DuplicateClasses.classpath(Files.readString(INPUTS, StandardCharsets.UTF_8)));
        inputs.add(Path.of("target", "classes"));

        DuplicateClasses.Scan scan = DuplicateClasses.scan(inputs);

        assertThat(scan.classCount())
                .as("classes read from %s inputs", inputs.size())
                .isGreaterThan(10_000);
        assertThat(scan.origins())
                .containsKeys(
                        "io/pilu/app/Pilu.class",
                        "org/apache/kafka/clients/producer/KafkaProducer.class",
                        "org/elasticsearch/client/RestClient.class",
                        "org/apache/pdfbox/pdmodel/PDDocument.class",
                        "ch/qos/logback/classic/Logger.class");
        assertThat(scan.duplicates())
                .as("classes found in more than one input of pilu.jar")
                .isEmpty();
    }

    /** The check itself finds a class that two jars carry, and a class a jar shares with a classes directory. */
    @Test
    void findsAClassThatTwoInputsCarry() throws IOException {
        Path a = jar("a.jar", "org/example/Shared.class", "org/example/OnlyA.class", "module-info.class");
        Path b = jar("b.jar", "org/example/Shared.class", "module-info.class");
        Path classes = Files.createDirectories(dir.resolve("classes/org/example"));
        Files.write(classes.resolve("OnlyA.class"), new byte[] {1});

        DuplicateClasses.Scan scan = DuplicateClasses.scan(List.of(a, b, dir.resolve("classes")));

        SortedMap<String, List<Path>> duplicates = scan.duplicates();
        assertThat(duplicates).containsOnlyKeys("org/example/Shared.class", "org/example/OnlyA.class");
        assertThat(duplicates.get("org/example/Shared.class")).containsExactly(a, b);
        assertThat(scan.classCount()).isEqualTo(2);
    }

    @Test
    void readsTheClasspathFileTheBuildWrites() {
        String sep = java.io.File.pathSeparator;
        assertThat(DuplicateClasses.classpath("/m2/a.jar" + sep + "/m2/b.jar\n"))
                .containsExactly(Path.of("/m2/a.jar"), Path.of("/m2/b.jar"));
        assertThat(DuplicateClasses.classpath("")).isEmpty();
    }

    private Path jar(String name, String... entries) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            for (String entry : entries) {
                out.putNextEntry(new JarEntry(entry));
                out.write(1);
                out.closeEntry();
            }
        }
        return jar;
    }
}
