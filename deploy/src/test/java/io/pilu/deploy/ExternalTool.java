package io.pilu.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command-line tool the checks run (promtool, docker-compose, kubectl, prometheus), found on {@code PATH}. A
 * missing tool fails the check with the Debian package that provides it: these checks guard what ships, so they
 * never skip.
 *
 * @param command       the executable's name
 * @param debianPackage the Debian package that installs it
 */
record ExternalTool(String command, String debianPackage) {

    static final ExternalTool PROMTOOL = new ExternalTool("promtool", "prometheus");
    static final ExternalTool PROMETHEUS = new ExternalTool("prometheus", "prometheus");
    static final ExternalTool DOCKER_COMPOSE = new ExternalTool("docker-compose", "docker-compose");
    static final ExternalTool KUBECTL = new ExternalTool("kubectl", "kubernetes-client");

    /** Long enough for kubectl's first start on a loaded 2-core CI machine; the tools answer in well under that. */
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    /** What a finished run printed and returned. */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {
        String describe() {
            return String.join(" ", command) + " exited " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n"
                    + stderr;
        }
    }

    /** The executable on {@code PATH}, or an {@link AssertionError} saying which package to install. */
    Path executable() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("'" + command + "' is not on the PATH (" + path + "): install the Debian package '"
                + debianPackage + "' (apt-get install " + debianPackage + ")");
    }

    /** Runs the tool in {@code workDir} with {@code args} and waits for it. */
    Result run(Path workDir, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable().toString());
        cmd.addAll(List.of(args));
        try {
            // Output to files, not pipes: a chatty tool can never block on a full pipe while we wait for it.
            Path out = Files.createTempFile("pilu-" + command, ".out");
            Path err = Files.createTempFile("pilu-" + command, ".err");
            try {
                Process p = new ProcessBuilder(cmd)
                        .directory(workDir.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
                if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                    throw new AssertionError(String.join(" ", cmd) + " did not finish within " + TIMEOUT);
                }
                return new Result(
                        cmd,
                        p.exitValue(),
                        Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", cmd) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", cmd), e);
        }
    }

    /** Runs the tool and fails, showing its output, unless it exits 0. */
    Result runOk(Path workDir, String... args) {
        Result r = run(workDir, args);
        if (r.exitCode() != 0) {
            throw new AssertionError(r.describe());
        }
        return r;
    }
}
