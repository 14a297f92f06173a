package io.pilu.ingest.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonpUnwrapperTest {

    @Test
    void unwrapsTheNullWrapperTheExchangeSendsWithoutACallback() throws Exception {
        assertThat(JsonpUnwrapper.unwrap("null([{\"status\":0}])")).isEqualTo("[{\"status\":0}]");
    }

    @Test
    void unwrapsNamedCallbacksWithWhitespaceSemicolonAndParenthesesInside() throws Exception {
        assertThat(JsonpUnwrapper.unwrap("jQuery3310123_1718000000000({\"t\":\"a(b)c\"});\n"))
                .isEqualTo("{\"t\":\"a(b)c\"}");
        assertThat(JsonpUnwrapper.unwrap("  /**/ cb (\n[1,2]\n) ")).isEqualTo("[1,2]");
        assertThat(JsonpUnwrapper.unwrap("window.cb_1({})")).isEqualTo("{}");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<html><body>系统维护中</body></html>",
                "{\"status\":0}",
                "[1,2]",
                "cb(",
                "cb()",
                "1cb({})",
                "cb({}) trailing"
            })
    void refusesAnythingElse(String body) {
        assertThatThrownBy(() -> JsonpUnwrapper.unwrap(body)).isInstanceOf(ListingSchemaException.class);
    }

    @Test
    void emptyBodyIsASchemaErrorWithAReadableMessage() {
        assertThatThrownBy(() -> JsonpUnwrapper.unwrap("  "))
                .isInstanceOf(ListingSchemaException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> JsonpUnwrapper.unwrap("<html>系统维护中</html>"))
                .hasMessageContaining("not JSONP")
                .hasMessageContaining("<html>系统维护中");
    }
}
