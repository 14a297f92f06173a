package io.pilu.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InfraModeTest {

    @Test
    void embeddedUnlessToldOtherwise() {
        assertThat(InfraMode.resolve(null, null)).isEqualTo(InfraMode.EMBEDDED);
        assertThat(InfraMode.resolve(" ", "")).isEqualTo(InfraMode.EMBEDDED);
    }

    @Test
    void systemPropertyWinsOverEnvironment() {
        assertThat(InfraMode.resolve("testcontainers", "embedded")).isEqualTo(InfraMode.TESTCONTAINERS);
        assertThat(InfraMode.resolve(null, "TestContainers")).isEqualTo(InfraMode.TESTCONTAINERS);
        assertThat(InfraMode.resolve("Embedded", "testcontainers")).isEqualTo(InfraMode.EMBEDDED);
    }

    @Test
    void unknownValueIsAnErrorNotASilentDefault() {
        assertThatThrownBy(() -> InfraMode.resolve("docker", null))
                .hasMessageContaining("pilu.it.infra")
                .hasMessageContaining("'docker'");
    }
}
