package io.pilu.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** A {@code java} command line for a child JVM, run with the same Java installation as this JVM. */
final class JavaCommand {

    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgG]?");

    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> arguments = new ArrayList<>();
    private String classpath;
    private String mainClass;

    /** Checks a {@code -Xmx} value such as {@code 512m} so that a typo fails here, not as a JVM that never starts. */
    static String checkHeap(String heap) {
        Objects.requireNonNull(heap, "heap");
        if (!HEAP.matcher(heap).matches()) {
            throw new IllegalArgumentException("heap must look like 512m or 1g, got '" + heap + "'");
        }
        return heap;
    }

    /** The {@code java} launcher of the running JVM: children use the same JDK as tests and {@code pilu local}. */
    static Path javaBinary() {
        Path home = Path.of(System.getProperty("java.home"));
        Path java = home.resolve("bin").resolve(isWindows() ? "java.exe" : "java");
        if (!Files.isExecutable(java)) {
            throw new IllegalStateException("no java launcher at " + java);
        }
        return java;
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "")
                .toLowerCase(java.util.Locale.ROOT)
                .startsWith("windows");
    }

    JavaCommand heap(String heap) {
        jvmOptions.add("-Xmx" + checkHeap(heap));
        return this;
    }

    JavaCommand jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    JavaCommand systemProperty(String key, String value) {
        jvmOptions.add("-D" + key + "=" + value);
        return this;
    }

    JavaCommand classpath(NodeClasspath classpath) {
        this.classpath = classpath.asArgument();
        return this;
    }

    JavaCommand mainClass(String mainClass) {
        this.mainClass = mainClass;
        return this;
    }

    JavaCommand args(String... args) {
        arguments.addAll(List.of(args));
        return this;
    }

    List<String> toList() {
        return toList(javaBinary());
    }

    List<String> toList(Path java) {
        Objects.requireNonNull(classpath, "classpath");
        Objects.requireNonNull(mainClass, "mainClass");
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(arguments);
        return command;
    }
}
