package io.pilu.ingest.fake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a main class of the test classpath in a separate JVM, output to a log file (the kill -9 tests). */
public final class ChildJvm {

    private ChildJvm() {
    }

    public static Process start(Class<?> main, List<String> jvmArgs, List<String> args, Path log) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        // under failsafe this is a manifest-only jar whose Class-Path lists the whole test classpath
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + cmd, e);
        }
    }

    /** The child's output so far, for assertion messages. */
    public static String output(Path log) {
        try {
            String s = Files.readString(log);
            return s.length() > 6000 ? "…" + s.substring(s.length() - 6000) : s;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
