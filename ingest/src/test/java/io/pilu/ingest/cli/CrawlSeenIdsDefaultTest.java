package io.pilu.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The recently-seen cap defaults per source: a cninfo window holds far more ids than a bse one. */
class CrawlSeenIdsDefaultTest {

    @Test
    void eachSourceHasItsOwnDefault() {
        assertThat(CrawlCommand.parse("--source", "bse").seenIdsMax()).isEqualTo(CrawlCommand.BSE_SEEN_IDS_MAX);
        assertThat(CrawlCommand.parse("--source", "cninfo").seenIdsMax()).isEqualTo(CrawlCommand.CNINFO_SEEN_IDS_MAX);
        // three to four days of ~4,000 announcements must fit below the cninfo cap
        assertThat(CrawlCommand.CNINFO_SEEN_IDS_MAX).isGreaterThan(4 * 4_000);
    }

    @Test
    void theFlagWinsForEitherSource() {
        assertThat(CrawlCommand.parse("--source", "cninfo", "--seen-ids-max", "7")
                        .seenIdsMax())
                .isEqualTo(7);
        assertThatThrownBy(() -> CrawlCommand.parse("--source", "cninfo", "--seen-ids-max", "0"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--seen-ids-max must be positive");
    }
}
