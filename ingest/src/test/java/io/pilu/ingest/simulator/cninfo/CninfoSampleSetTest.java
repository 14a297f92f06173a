package io.pilu.ingest.simulator.cninfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilu.ingest.cninfo.CninfoAnnouncement;
import io.pilu.ingest.cninfo.CninfoClient;
import io.pilu.ingest.cninfo.CninfoClientConfig;
import io.pilu.ingest.cninfo.CninfoQuery;
import io.pilu.ingest.simulator.SampleSet;
import io.pilu.service.Sleeper;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The bundled cninfo samples: consistent, readable, and what the cross-source and E2E tests rely on. */
class CninfoSampleSetTest {

    private final CninfoSampleSet samples = CninfoSampleSet.bundled();
    private final Map<String, CninfoSampleSet.Sample> byId = samples.samples().stream()
            .collect(Collectors.toMap(s -> s.announcement().announcementId(), Function.identity()));

    @Test
    void coversTheLayoutsAndTypesTheIssueAsksFor() {
        assertThat(samples.samples()).hasSize(9);
        assertThat(samples.samples().stream()
                        .map(s -> s.announcement().exchange())
                        .distinct())
                .containsExactlyInAnyOrder("SZSE", "SSE", "BSE");
        assertThat(samples.samples().stream()
                        .map(s -> s.announcement().adjunctType())
                        .distinct())
                .containsExactlyInAnyOrder("PDF", "HTML", "DOCX");
        assertThat(samples.samples().stream().filter(s -> s.announcement().inRelationTab()))
                .hasSize(3);
        for (CninfoSampleSet.Sample s : samples.samples()) {
            long kb = (s.content().length + 1023) / 1024;
            assertThat(s.announcement().adjunctSize()).as(s.document()).isEqualTo(kb);
        }
    }

    @Test
    void theBeijingRecordIsTheDocumentTheBseSimulatorServesOnTheSameDate() {
        CninfoSampleSet.Sample bj = byId.get("1220335911");
        assertThat(bj.announcement().secCode()).isEqualTo("839493");
        assertThat(bj.announcement().exchange()).isEqualTo("BSE");
        SampleSet.Sample bse = SampleSet.bundled().samples().stream()
                .filter(s -> s.listing().companyCd().equals("839493"))
                .findFirst()
                .orElseThrow();
        assertThat(bj.content()).isEqualTo(bse.content());
        assertThat(bj.announcement().publishDate())
                .isEqualTo(bse.listing().publishDate())
                .isEqualTo(LocalDate.of(2024, 6, 18));
    }

    @Test
    void theSimulatorServesTheSamplesThroughTheClient() throws Exception {
        try (CninfoSimulator site = CninfoSimulator.withSamples();
                CninfoClient client = new CninfoClient(
                        CninfoClientConfig.defaults(URI.create(site.baseUrl()), URI.create(site.documentBaseUrl())),
                        CninfoClient.Listener.NONE,
                        (Sleeper) d -> {},
                        () -> 0.5,
                        System::nanoTime,
                        Clock.systemUTC())) {
            List<String> relation = client.query(CninfoQuery.of("szse", "relation"), 1).announcements().stream()
                    .map(CninfoAnnouncement::secCode)
                    .toList();
            assertThat(relation).containsExactly("301367", "002981", "000953");
            CninfoQuery bj = CninfoQuery.of("bj", "fulltext").withStocks(client.orgIds(List.of("839493")));
            List<CninfoAnnouncement> rows = client.query(bj, 1).announcements();
            assertThat(rows).singleElement().satisfies(a -> {
                assertThat(a.publishDate()).isEqualTo(LocalDate.of(2024, 6, 18));
                assertThat(a.title()).isEqualTo("投资者关系活动记录表");
            });
            var doc = client.download(rows.get(0).adjunctUrl());
            java.nio.file.Files.delete(doc.file());
            assertThat(doc.bytes()).isEqualTo(byId.get("1220335911").content().length);
            assertThat(site.contractViolations()).isEmpty();
        }
    }

    @Test
    void aBrokenManifestIsRefusedNamingTheEntry() {
        String ok = "{\"announcementId\":\"1220000001\",\"secCode\":\"000001\",\"secName\":\"X\",\"orgId\":\"o\","
                + "\"title\":\"t\",\"announcementTime\":1718640000000,\"adjunctUrl\":\"finalpage/2024-06-18/1220000001"
                + ".PDF\",\"adjunctSize\":1,\"adjunctType\":\"PDF\",\"announcementType\":null,\"columnId\":null,"
                + "\"pageColumn\":\"SZZB\",\"exchange\":\"SZSE\",\"category\":\"category_rcjy_szsh\"}";
        Function<String, byte[]> docs = n -> new byte[] {1};
        assertThat(CninfoSampleSet.parse(manifest(ok), docs).samples()).hasSize(1);
        assertThatThrownBy(() -> CninfoSampleSet.parse(manifest(ok.replace("2024-06-18/", "2024-06-17/")), docs))
                .hasMessageContaining("announcements[0] (d.pdf): adjunctUrl finalpage/2024-06-17/1220000001.PDF "
                        + "is not finalpage/2024-06-18/1220000001.pdf");
        assertThatThrownBy(() -> CninfoSampleSet.parse(manifest(ok.replace("\"title\"", "\"titel\"")), docs))
                .hasMessageContaining("announcements[0].announcement")
                .hasMessageContaining("titel");
        assertThatThrownBy(() -> CninfoSampleSet.parse(
                        manifest(ok + "},{\"document\":\"d.pdf\",\"shows\":\"s\"," + "\"announcement\":" + ok), docs))
                .hasMessageContaining("duplicate announcementId 1220000001");
        assertThatThrownBy(() -> CninfoSampleSet.parse(manifest(ok), n -> null))
                .hasMessageContaining("document d.pdf not found");
    }

    private static String manifest(String announcement) {
        return "{\"announcements\":[{\"document\":\"d.pdf\",\"shows\":\"s\",\"announcement\":" + announcement + "}]}";
    }
}
