package io.pilu.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void lineBreaksAndTerminalEscapesCannotForgeALogLine() {
        String title = "[临时公告]公告\n2024-06-19T00:00:00Z ERROR forged line \u001B[31mred\u001B[0m\r";

        String safe = LogText.escape(title);

        assertThat(safe)
                .doesNotContain("\n", "\r", "\u001B")
                .isEqualTo("[临时公告]公告\\n2024-06-19T00:00:00Z ERROR forged line \\u001B[31mred\\u001B[0m\\r");
    }

    @Test
    void unicodeSeparatorsAndBidiOverridesAreEscapedChineseIsNot() {
        assertThat(LogText.escape("a\u2028b\u202Ec\u0085")).isEqualTo("a\\u2028b\\u202Ec\\u0085");
        assertThat(LogText.escape("投资者关系活动记录表 √ □")).isEqualTo("投资者关系活动记录表 √ □");
        assertThat(LogText.escape(null)).isEqualTo("null");
    }
}
