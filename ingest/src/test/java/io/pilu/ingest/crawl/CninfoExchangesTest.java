package io.pilu.ingest.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CninfoExchangesTest {

    @Test
    void theColumnAndTheCodeDecideTheExchangeAndNothingIsGuessed() {
        assertThat(CninfoExchanges.of("bj", "839493")).contains("BSE");
        assertThat(CninfoExchanges.of("szse", "839493")).contains("BSE");
        assertThat(CninfoExchanges.of("szse", "920007")).contains("BSE");
        assertThat(CninfoExchanges.of("szse", "430047")).contains("BSE");
        assertThat(CninfoExchanges.of("szse", "600519")).contains("SSE");
        assertThat(CninfoExchanges.of("sse", "688529")).contains("SSE");
        assertThat(CninfoExchanges.of("szse", "900901")).contains("SSE");
        assertThat(CninfoExchanges.of("szse", "000001")).contains("SZSE");
        assertThat(CninfoExchanges.of("szse", "301367")).contains("SZSE");
        assertThat(CninfoExchanges.of("szse", "200012")).contains("SZSE");
        assertThat(CninfoExchanges.of("szse", "510300")).isEmpty(); // a fund: no rule, refused
        assertThat(CninfoExchanges.of("szse", "12345")).isEmpty();
        assertThat(CninfoExchanges.of("sse", null)).isEmpty();
    }
}
