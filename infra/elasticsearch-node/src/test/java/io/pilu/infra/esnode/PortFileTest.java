package io.pilu.infra.esnode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortFileTest {

    @Test
    void writesTheNumberAloneAndLeavesNoTempFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/http.port");

        PortFile.write(file, 9200);
        PortFile.write(file, 39211);

        assertThat(Files.readString(file)).isEqualTo("39211");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }
}
