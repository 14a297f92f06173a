package io.pilu.ingest.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AnnouncementIdsTest {

    @Test
    void disclosureCodeWinsWhenPresent() {
        assertThat(AnnouncementIds.of(" 6adf2dc9960c5876 ", "/disclosure/x.pdf"))
                .isEqualTo("6adf2dc9960c5876");
    }

    @Test
    void otherwiseTheSha256OfThePath() {
        // sha-256 of "abc" is a published test vector; the id function is that hash of the path
        assertThat(AnnouncementIds.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        String id = AnnouncementIds.of(null, "/disclosure/2021/2021-07-19/1626695732_642086.pdf");
        assertThat(id)
                .matches("[0-9a-f]{64}")
                .isEqualTo(AnnouncementIds.of("  ", "/disclosure/2021/2021-07-19/1626695732_642086.pdf"))
                .isNotEqualTo(AnnouncementIds.of(null, "/disclosure/2021/2021-07-19/1626695732_642087.pdf"));
    }

    @Test
    void noCodeAndNoPathIsRefused() {
        assertThatThrownBy(() -> AnnouncementIds.of(null, " ")).isInstanceOf(IllegalArgumentException.class);
    }
}
