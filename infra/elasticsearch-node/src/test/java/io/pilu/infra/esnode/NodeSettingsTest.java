package io.pilu.infra.esnode;

import static org.assertj.core.api.Assertions.assertThat;

import org.elasticsearch.common.settings.Settings;
import org.junit.jupiter.api.Test;

class NodeSettingsTest {

    @Test
    void singleLoopbackNodeWithNettyAndNoDiskWatermarks() {
        NodeOptions options = NodeOptions.parse("--home", "/srv/es", "--http-port", "0", "--cluster-name", "pilu-x");

        Settings settings = NodeSettings.of(options, true);

        assertThat(settings.get("path.home")).isEqualTo("/srv/es");
        assertThat(settings.get("path.data")).isEqualTo("/srv/es/data");
        assertThat(settings.get("cluster.name")).isEqualTo("pilu-x");
        assertThat(settings.get("discovery.type")).isEqualTo("single-node");
        assertThat(settings.get("network.host")).isEqualTo("127.0.0.1");
        assertThat(settings.get("http.port")).isEqualTo("0");
        assertThat(settings.get("transport.port")).isEqualTo("0");
        assertThat(settings.get("http.type")).isEqualTo("netty4");
        assertThat(settings.get("transport.type")).isEqualTo("netty4");
        assertThat(settings.getAsBoolean("cluster.routing.allocation.disk.threshold_enabled", true))
                .isFalse();
    }

    @Test
    void theRealMemoryBreakerIsOnlyUsedUnderG1() {
        NodeOptions options = NodeOptions.parse("--home", "/srv/es", "--http-port", "0");

        assertThat(NodeSettings.of(options, true).getAsBoolean("indices.breaker.total.use_real_memory", null))
                .isTrue();
        assertThat(NodeSettings.of(options, false).getAsBoolean("indices.breaker.total.use_real_memory", null))
                .isFalse();
    }
}
