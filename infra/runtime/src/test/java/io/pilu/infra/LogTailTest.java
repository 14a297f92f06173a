package io.pilu.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    @Test
    void lastLinesOfThisRunOnly(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("node.log");
        Files.writeString(log, "old run\nold failure\n");
        long offset = Files.size(log);
        Files.writeString(
                log, "line 1\nline 2\nline 3\nException: port in use\n", java.nio.file.StandardOpenOption.APPEND);

        assertThat(LogTail.of(log, offset, 2)).isEqualTo("line 3" + System.lineSeparator() + "Exception: port in use");
        assertThat(LogTail.of(log, offset, 100)).doesNotContain("old").startsWith("line 1");
    }

    @Test
    void missingFileIsSaidNotThrown(@TempDir Path dir) {
        assertThat(LogTail.of(dir.resolve("nope.log"), 0, 5)).contains("no log file");
    }
}
