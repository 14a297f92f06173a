package io.pilu.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The classpath of a child JVM, as written at build time into a resource of a node module
 * ({@code io/pilu/infra/esnode/node.classpath}, {@code io/pilu/infra/kafkanode/node.classpath}).
 *
 * <p>The file is {@code <module jar>:<dependency jars...>}. The module jar it names is the one in that module's
 * {@code target/}; the launcher uses instead the jar (or classes directory) it actually found the resource in, so an
 * installed jar in {@code ~/.m2} keeps working after {@code mvn clean} of the infra tree. Dependency jars are
 * absolute paths in the local Maven repository.
 */
public final class NodeClasspath {

    private static final Pattern SEPARATOR = Pattern.compile(Pattern.quote(java.io.File.pathSeparator));

    private final List<Path> entries;

    private NodeClasspath(List<Path> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Reads {@code resource} with {@code loader} and checks that every jar it names exists. */
    public static NodeClasspath load(ClassLoader loader, String resource) {
        URL url = loader.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("classpath resource " + resource
                    + " not found: is the node module (pilu-elasticsearch-node / pilu-kafka-node) "
                    + "a dependency, and was it built with `mvn -f infra/pom.xml install`?");
        }
        String content;
        try (InputStream in = url.openStream()) {
            content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
        NodeClasspath classpath = parse(content, containerOf(url, resource));
        classpath.requireAllExist(resource);
        return classpath;
    }

    /**
     * Parses the file content; {@code self} replaces its first entry (the module's own jar at build time).
     * Blank entries (an empty dependency list) are dropped.
     */
    static NodeClasspath parse(String content, Path self) {
        String[] parts = SEPARATOR.split(content.strip());
        if (parts.length == 0 || parts[0].isBlank()) {
            throw new IllegalArgumentException("empty node classpath");
        }
        List<Path> entries = new ArrayList<>();
        entries.add(self);
        Arrays.stream(parts)
                .skip(1)
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(Path::of)
                .forEach(entries::add);
        return new NodeClasspath(entries);
    }

    /** The jar file or classes directory that holds {@code resource} at {@code url}. */
    static Path containerOf(URL url, String resource) {
        try {
            switch (url.getProtocol()) {
                case "jar" -> {
                    JarURLConnection connection = (JarURLConnection) url.openConnection();
                    connection.setUseCaches(false);
                    return Path.of(connection.getJarFileURL().toURI());
                }
                case "file" -> {
                    Path file = Path.of(url.toURI());
                    Path dir = file;
                    for (int i = 0; i < resource.split("/").length; i++) {
                        dir = dir.getParent();
                    }
                    return dir;
                }
                default -> throw new IllegalStateException("cannot launch a node from a classpath resource at " + url);
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot locate the jar of " + url, e);
        }
    }

    private void requireAllExist(String resource) {
        List<Path> missing = entries.stream().filter(p -> !Files.exists(p)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(
                    resource + " names files that do not exist (local Maven repository cleaned? rebuild with "
                            + "`mvn -f infra/pom.xml install`): " + missing);
        }
    }

    public List<Path> entries() {
        return entries;
    }

    /** The value for {@code java -cp}. */
    public String asArgument() {
        return String.join(
                java.io.File.pathSeparator, entries.stream().map(Path::toString).toList());
    }
}
