package io.pilu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI entry point and the launcher never fail for a reason unrelated to the code (issue 18): under
 * {@code set -o pipefail}, a pipeline whose reader exits early ({@code mvn -v | head -1}) fails whenever the writer
 * is still writing, at random. And CI never passes with tests that did not run: after the test command,
 * {@code .ci/check-test-reports} fails unless every test class left a surefire or failsafe report (a test JVM that
 * stopped early let {@code mvn -B verify} end in BUILD SUCCESS with seven ingest ITs never run).
 */
class CiScriptsTest {

    /** 3 of 10 runs of {@code mvn -v | head -1} failed here: 20 clean runs in a row are not luck. */
    private static final int RUNS = 20;

    /**
     * A pipe into a reader that may stop before its writer is done: {@code head}, {@code grep -q/-m/-l}, {@code sed
     * Nq}, {@code awk ... exit}.
     */
    private static final Pattern EARLY_EXIT_READER =
            Pattern.compile("\\|\\s*(head\\b|grep\\s+(-\\w*[qml]\\w*|--quiet|--max-count|--files-with-matches)"
                    + "|sed\\s+(-n\\s+)?'?\\d*q|awk\\b.*\\bexit\\b)");

    @Test
    void thePartOfCiBeforeTheTestCommandNeverFails() throws Exception {
        Path prepare = RepoFiles.root().resolve(".ci/prepare");
        assertThat(Files.readString(RepoFiles.root().resolve(".ci/run")))
                .as(".ci/run runs .ci/prepare before the test command")
                .contains(".ci/prepare");
        for (int i = 1; i <= RUNS; i++) {
            Path out = Files.createTempFile("pilu-ci-prepare", ".out");
            try {
                Process p = new ProcessBuilder("bash", prepare.toString())
                        .directory(RepoFiles.root().toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .start();
                assertThat(p.waitFor(2, TimeUnit.MINUTES))
                        .as("run %d finished", i)
                        .isTrue();
                String printed = Files.readString(out, StandardCharsets.UTF_8);
                assertThat(p.exitValue())
                        .as("run %d of .ci/prepare exited non-zero:%n%s", i, printed)
                        .isZero();
                assertThat(printed)
                        .as("run %d printed the versions", i)
                        .contains("openjdk version")
                        .contains("Apache Maven");
            } finally {
                Files.deleteIfExists(out);
            }
        }
    }

    @Test
    void noScriptPipesIntoAReaderThatStopsEarly() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path script : scripts()) {
            List<String> lines = Files.readAllLines(script, StandardCharsets.UTF_8);
            for (int n = 0; n < lines.size(); n++) {
                String line = lines.get(n).strip();
                if (line.startsWith("#")) {
                    continue;
                }
                Matcher m = EARLY_EXIT_READER.matcher(line);
                if (m.find()) {
                    offenders.add(RepoFiles.root().relativize(script) + ":" + (n + 1) + ": " + line);
                }
            }
        }
        assertThat(offenders)
                .as("capture the output first, then cut it in the shell")
                .isEmpty();
    }

    @Test
    void theEarlyExitPatternCatchesTheKnownOffenders() {
        for (String bad : List.of(
                "mvn -v | head -1",
                "java -version 2>&1 | head -n1",
                "ps | grep -q java",
                "git log | sed 1q",
                "cat x | sed -n '1q'",
                "ls | awk '{print; exit}'",
                "x | grep -m1 foo")) {
            assertThat(EARLY_EXIT_READER.matcher(bad).find()).as(bad).isTrue();
        }
        for (String fine : List.of("mvn -B verify", "grep -c x file | sort", "echo a | sed -n 1p", "x | grep foo")) {
            assertThat(EARLY_EXIT_READER.matcher(fine).find()).as(fine).isFalse();
        }
    }

    @Test
    void ciRunChecksThatEveryTestClassLeftAReportAfterTheTestCommand() throws IOException {
        String run = Files.readString(RepoFiles.root().resolve(".ci/run"));
        assertThat(run).as("the README's test command").contains("\nmvn -B verify\n");
        assertThat(run.indexOf(".ci/check-test-reports"))
                .as(".ci/run runs .ci/check-test-reports after mvn -B verify")
                .isGreaterThan(run.indexOf("\nmvn -B verify\n"));
    }

    /** A test JVM that stops early still lets Maven say BUILD SUCCESS; the check names the classes that never ran. */
    @Test
    void theReportCheckNamesEveryTestClassWithoutAReport(@TempDir Path repo) throws Exception {
        Path sources = repo.resolve("crawler/src/test/java/io/example");
        Files.createDirectories(sources);
        Files.writeString(sources.resolve("ParserTest.java"), "package io.example;\nclass ParserTest {}\n");
        Files.writeString(sources.resolve("RecoveryIT.java"), "package io.example;\nclass RecoveryIT {}\n");
        Files.writeString(sources.resolve("KillIT.java"), "package io.example;\nclass KillIT {}\n");
        Files.writeString(sources.resolve("BaseTest.java"), "package io.example;\npublic abstract class BaseTest {}\n");
        Path surefire = Files.createDirectories(repo.resolve("crawler/target/surefire-reports"));
        Path failsafe = Files.createDirectories(repo.resolve("crawler/target/failsafe-reports"));
        Files.writeString(surefire.resolve("TEST-io.example.ParserTest.xml"), "<testsuite/>");
        Files.writeString(failsafe.resolve("TEST-io.example.KillIT.xml"), "<testsuite/>");

        ScriptRun missing = runCheck(repo);
        assertThat(missing.exit()).as(missing.output()).isEqualTo(1);
        assertThat(missing.output())
                .contains("1 of 3 test classes have no report")
                .contains("crawler: io.example.RecoveryIT")
                .doesNotContain("ParserTest")
                .doesNotContain("KillIT")
                .doesNotContain("BaseTest");

        Files.writeString(failsafe.resolve("TEST-io.example.RecoveryIT.xml"), "<testsuite/>");
        ScriptRun complete = runCheck(repo);
        assertThat(complete.exit()).as(complete.output()).isZero();
        assertThat(complete.output()).contains("all 3 test classes left a report");

        // a unit test report is looked for among surefire's, not failsafe's
        Files.delete(surefire.resolve("TEST-io.example.ParserTest.xml"));
        Files.writeString(failsafe.resolve("TEST-io.example.ParserTest.xml"), "<testsuite/>");
        ScriptRun misplaced = runCheck(repo);
        assertThat(misplaced.exit()).as(misplaced.output()).isEqualTo(1);
        assertThat(misplaced.output()).contains("crawler: io.example.ParserTest");
    }

    private record ScriptRun(int exit, String output) {}

    private static ScriptRun runCheck(Path repo) throws Exception {
        Path out = Files.createTempFile("pilu-ci-check", ".out");
        try {
            Process p = new ProcessBuilder(
                            "bash",
                            RepoFiles.root().resolve(".ci/check-test-reports").toString(),
                            repo.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            assertThat(p.waitFor(1, TimeUnit.MINUTES)).as("check finished").isTrue();
            return new ScriptRun(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static List<Path> scripts() throws IOException {
        List<Path> scripts = new ArrayList<>();
        for (String dir : List.of(".ci", "bin")) {
            try (Stream<Path> files = Files.list(RepoFiles.root().resolve(dir))) {
                files.filter(Files::isRegularFile).forEach(scripts::add);
            }
        }
        assertThat(scripts).as("scripts under .ci/ and bin/").isNotEmpty();
        return scripts;
    }
}
