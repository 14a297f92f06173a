package io.pilu.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    @Test
    void secondsAreReadAndEverythingElseIsNoWishAtAll() {
        assertThat(RetryAfter.parse("120")).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0 ")).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("Wed, 21 Oct 2026 07:28:00 GMT")).isNull();
        assertThat(RetryAfter.parse("-5")).isNull();
        assertThat(RetryAfter.parse("")).isNull();
        assertThat(RetryAfter.parse("99999999999999999999")).isNull();
    }
}
