package io.pilu.app.architecture;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Which class files of a class path (jars and classes directories) are carried by more than one entry. The key is
 * the path inside the entry, so {@code META-INF/versions/11/a/B.class} and {@code a/B.class} are different classes,
 * as they are in a multi-release jar. {@code module-info.class} is left out: the shade plugin drops it.
 */
final class DuplicateClasses {

    /** Every class file found, with the inputs that carry it, in class-path order. */
    record Scan(SortedMap<String, List<Path>> origins) {

        int classCount() {
            return origins.size();
        }

        SortedMap<String, List<Path>> duplicates() {
            SortedMap<String, List<Path>> duplicates = new TreeMap<>();
            origins.forEach((name, where) -> {
                if (where.size() > 1) {
                    duplicates.put(name, where);
                }
            });
            return duplicates;
        }
    }

    private DuplicateClasses() {}

    /** The entries of a class path as written by {@code dependency:build-classpath}. */
    static List<Path> classpath(String text) {
        return Arrays.stream(text.strip().split(File.pathSeparator))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .toList();
    }

    static Scan scan(List<Path> inputs) {
        Map<String, List<Path>> origins = new TreeMap<>();
        for (Path input : inputs) {
            for (String name : classFiles(input)) {
                origins.computeIfAbsent(name, n -> new ArrayList<>()).add(input);
            }
        }
        return new Scan(new TreeMap<>(origins));
    }

    private static List<String> classFiles(Path input) {
        try {
            if (Files.isDirectory(input)) {
                try (Stream<Path> files = Files.walk(input)) {
                    return files.filter(Files::isRegularFile)
                            .map(f -> input.relativize(f).toString().replace(File.separatorChar, '/'))
                            .filter(DuplicateClasses::counts)
                            .toList();
                }
            }
            List<String> names = new ArrayList<>();
            try (ZipFile zip = new ZipFile(input.toFile())) {
                for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                    ZipEntry entry = e.nextElement();
                    if (!entry.isDirectory() && counts(entry.getName())) {
                        names.add(entry.getName());
                    }
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read class path entry " + input, e);
        }
    }

    private static boolean counts(String name) {
        return name.endsWith(".class") && !name.equals("module-info.class") && !name.endsWith("/module-info.class");
    }
}
