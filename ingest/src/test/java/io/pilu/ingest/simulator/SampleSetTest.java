package io.pilu.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilu.ingest.simulator.SampleSet.Sample;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SampleSetTest {

    private static final String SEED_ID = "6adf2dc9960c5876398a6e504815799e";

    private final SampleSet samples = SampleSet.bundled();
    private final Map<String, Sample> byId =
            samples.samples().stream().collect(Collectors.toMap(Sample::id, Function.identity()));

    @Test
    void everyManifestEntryHasItsDocumentAndAUniqueListing() {
        assertThat(samples.samples()).hasSize(9);
        assertThat(byId).hasSize(9);
        for (Sample s : samples.samples()) {
            assertThat(s.content()).as(s.document()).isNotEmpty();
            assertThat(s.id())
                    .as("id is the exchange's code")
                    .isEqualTo(s.listing().disclosureCode())
                    .matches("[0-9a-f]{32}");
            assertThat(s.listing().destFilePath())
                    .endsWith("/" + s.id() + "." + s.listing().fileExt());
            assertThat(s.listing().disclosureTitle())
                    .matches("\\[(临时公告|定期报告)\\]" + s.listing().companyName() + ":.+");
            if (s.listing().fileExt().equals("pdf")) {
                assertThat(new String(s.content(), 0, 5, StandardCharsets.US_ASCII))
                        .isEqualTo("%PDF-");
            }
        }
        assertThat(samples.earliestPublishDate()).isEqualTo(LocalDate.of(2024, 4, 26));
        assertThat(samples.latestPublishDate()).isEqualTo(LocalDate.of(2024, 6, 21));
        assertThat(samples.samples().stream()
                        .map(s -> s.listing().publishDate())
                        .distinct())
                .hasSizeGreaterThan(5);
    }

    // ---------------------------------------------------------------- a broken manifest is refused with a reason

    private static final String LISTING = """
            {"disclosureCode":"%s","companyCd":"839493","companyName":"并行科技",
             "disclosureTitle":"[临时公告]并行科技:投资者关系活动记录表","disclosurePostTitle":"",
             "destFilePath":"%s","publishDate":"2024-06-18","fileExt":"pdf","xxfcbj":"2","xxzrlx":"B"}""";

    private static String manifest(String... listings) {
        StringBuilder sb = new StringBuilder("{\"announcements\":[");
        for (int i = 0; i < listings.length; i++) {
            sb.append(i == 0 ? "" : ",")
                    .append("{\"document\":\"d")
                    .append(i)
                    .append(".pdf\",\"shows\":\"x\",\"listing\":")
                    .append(listings[i])
                    .append('}');
        }
        return sb.append("]}").toString();
    }

    private static String listing(String code, String path) {
        return LISTING.formatted(code, path);
    }

    private static final Function<String, byte[]> ANY_DOCUMENT = name -> new byte[] {1};

    @Test
    void aBrokenManifestIsRefusedNamingTheEntry() {
        String ok = listing("c1", "/disclosure/2024/2024-06-18/c1.pdf");
        assertThat(SampleSet.parse(manifest(ok), ANY_DOCUMENT).ids()).containsExactly("c1");

        assertThatThrownBy(() -> SampleSet.parse(manifest(ok), name -> null))
                .hasMessage("announcements[0]: document d0.pdf not found beside the manifest");
        assertThatThrownBy(() -> SampleSet.parse(
                        manifest(ok, listing("c1", "/disclosure/2024/2024-06-18/c2.pdf")), ANY_DOCUMENT))
                .hasMessage("announcements[1] (d1.pdf): duplicate id c1");
        assertThatThrownBy(() ->
                        SampleSet.parse(manifest(listing("c1", "/disclosure/2024/2024-06-17/c1.pdf")), ANY_DOCUMENT))
                .hasMessageContaining("is not below /disclosure/2024/2024-06-18/");
        assertThatThrownBy(() ->
                        SampleSet.parse(manifest(listing("c1", "/disclosure/2024/2024-06-18/c1.html")), ANY_DOCUMENT))
                .hasMessageContaining("fileExt pdf does not match the path's .html");
        assertThatThrownBy(() -> SampleSet.parse(manifest(ok.replace("\"xxzrlx\"", "\"xxzlx\"")), ANY_DOCUMENT))
                .hasMessageStartingWith("announcements[0].listing: ")
                .hasMessageContaining("xxzlx");
        assertThatThrownBy(() -> SampleSet.parse(manifest(ok.replace("\"companyCd\":\"839493\",", "")), ANY_DOCUMENT))
                .hasMessageStartingWith("announcements[0].listing: ")
                .hasMessageContaining("companyCd");
        assertThatThrownBy(() -> SampleSet.parse("{\"announcements\":[]}", ANY_DOCUMENT))
                .hasMessageContaining("non-empty \"announcements\" array");
        assertThatThrownBy(() -> SampleSet.parse("not json", ANY_DOCUMENT))
                .hasMessageStartingWith("sample manifest is not JSON");
    }
}
