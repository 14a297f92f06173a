package io.pilu.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Data directories of test brokers and nodes: under {@code target/pilu-infra/} when the tests run from a Maven
 * module (so logs sit next to the test reports and {@code mvn clean} removes them), else under the temp dir.
 */
final class WorkDirs {

    private WorkDirs() {}

    static Path root() {
        Path target = Path.of("target");
        Path base = Files.isDirectory(target) ? target : Path.of(System.getProperty("java.io.tmpdir"));
        return base.resolve("pilu-infra").toAbsolutePath();
    }

    /** A new, empty directory {@code <root>/<kind>-<random>}. */
    static Dir create(String kind) {
        try {
            Path root = Files.createDirectories(root());
            return new Dir(Files.createDirectory(root.resolve(UniqueNames.of(kind))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a " + kind + " directory under " + root(), e);
        }
    }

    record Dir(Path path) {

        /** Deletes {@code path/child} recursively (best effort: a leftover only costs disk until {@code mvn clean}). */
        void deleteData(String child) {
            Path data = path.resolve(child);
            if (!Files.exists(data)) {
                return;
            }
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("pilu-testkit: could not delete " + data + ": " + e);
            }
        }
    }
}
