package io.pilu.ingest.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ListingFormEncoderTest {

    @Test
    void arrayFieldsAreRepeatedWithBracketKeys() {
        ListingFilter filter = new ListingFilter(
                Set.of("839493"),
                "投资者关系活动记录表",
                LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 6, 30),
                List.of("9503-1001"));
        List<Map.Entry<String, String>> f = ListingFormEncoder.fields(ListingEndpoint.COMPANY_ANNOUNCEMENT, filter, 3);
        assertThat(f)
                .contains(
                        Map.entry("disclosureType[]", "5"),
                        Map.entry("disclosureSubtype[]", "9503-1001"),
                        Map.entry("page", "3"),
                        Map.entry("companyCd", "839493"),
                        Map.entry("startTime", "2024-01-01"),
                        Map.entry("endTime", "2024-06-30"),
                        Map.entry("keyword", "投资者关系活动记录表"),
                        Map.entry("xxfcbj[]", "2"),
                        Map.entry("sortfield", "publishDate"),
                        Map.entry("sorttype", "desc"),
                        Map.entry("isNewThree", "1"),
                        Map.entry("hyType", ""));
        assertThat(f.stream().filter(e -> e.getKey().equals("needFields[]")).map(Map.Entry::getValue))
                .containsExactlyElementsOf(ListingFormEncoder.NEED_FIELDS);
        assertThat(f).extracting(Map.Entry::getKey).doesNotContain("siteId", "flag");
    }

    @Test
    void endpointBAddsSiteIdAndFlag() {
        List<Map.Entry<String, String>> f =
                ListingFormEncoder.fields(ListingEndpoint.DISCLOSURE_LIST, ListingFilter.all(), 0);
        assertThat(f)
                .contains(
                        Map.entry("siteId", "6"),
                        Map.entry("flag", "0"),
                        Map.entry("disclosureSubtype[]", ""),
                        Map.entry("companyCd", ""),
                        Map.entry("startTime", ""));
    }

    @Test
    void severalCompaniesOrBareTypeCodesAreLeftToTheClientSideFilter() {
        ListingFilter filter =
                new ListingFilter(Set.of("839493", "920007"), null, null, null, List.of("9504", "9503-1001"));
        List<Map.Entry<String, String>> f = ListingFormEncoder.fields(ListingEndpoint.COMPANY_ANNOUNCEMENT, filter, 0);
        assertThat(f).contains(Map.entry("companyCd", ""), Map.entry("disclosureSubtype[]", ""));
    }

    @Test
    void bodyIsUrlEncodedUtf8() {
        String body = ListingFormEncoder.encode(
                ListingEndpoint.COMPANY_ANNOUNCEMENT, new ListingFilter(Set.of(), "记录表", null, null, List.of()), 0);
        assertThat(body)
                .startsWith("disclosureType%5B%5D=5&")
                .contains("keyword=%E8%AE%B0%E5%BD%95%E8%A1%A8")
                .contains("&needFields%5B%5D=companyCd&");
    }

    @Test
    void clientSideFilter() {
        Disclosure d = new Disclosure(
                "x",
                null,
                "839493",
                "并行科技",
                "[临时公告]并行科技:投资者关系活动记录表",
                "/d/x.pdf",
                LocalDate.of(2024, 6, 18),
                "pdf",
                List.of("9504", "9504-4417"));
        assertThat(ListingFilter.all().accepts(d)).isTrue();
        assertThat(new ListingFilter(Set.of("920007"), null, null, null, List.of()).accepts(d))
                .isFalse();
        assertThat(new ListingFilter(Set.of(), "投资者关系", null, null, List.of()).accepts(d))
                .isTrue();
        assertThat(new ListingFilter(Set.of(), "年度报告", null, null, List.of()).accepts(d))
                .isFalse();
        assertThat(new ListingFilter(Set.of(), null, LocalDate.of(2024, 6, 18), LocalDate.of(2024, 6, 18), List.of())
                        .accepts(d))
                .isTrue();
        assertThat(new ListingFilter(Set.of(), null, LocalDate.of(2024, 6, 19), null, List.of()).accepts(d))
                .isFalse();
        assertThat(new ListingFilter(Set.of(), null, null, null, List.of("9504")).accepts(d))
                .isTrue();
        assertThat(new ListingFilter(Set.of(), null, null, null, List.of("9504-4417")).accepts(d))
                .isTrue();
        assertThat(new ListingFilter(Set.of(), null, null, null, List.of("9503")).accepts(d))
                .isFalse();
        assertThat(new ListingFilter(Set.of(), null, null, null, List.of("950")).accepts(d))
                .as("a code matches whole segments only")
                .isFalse();
    }
}
