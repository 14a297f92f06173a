package io.pilu.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompanyMentionExtractorTest {

    private static CompanyMentionExtractor.Mentions extract(String... texts) {
        return CompanyMentionExtractor.extract(List.of(texts));
    }

    @Test
    void theSeedsCustomerList() {
        assertThat(extract("公司重要的大模型客户主要包括：智谱华章、中科闻歌、瑞莱智慧、虎博网络、澜舟科技、北京智源人工智能研究院等。")
                        .customers())
                .containsExactly("智谱华章", "中科闻歌", "瑞莱智慧", "虎博网络", "澜舟科技", "北京智源人工智能研究院");
    }

    @Test
    void customerCuesBeforeAndAfterTheList() {
        assertThat(extract("公司客户有宁德时代和比亚迪。").customers()).containsExactly("宁德时代", "比亚迪");
        assertThat(extract("公司已为华为、小米等知名企业客户提供产品。").customers()).containsExactly("华为", "小米");
        assertThat(extract("主要客户为国家电网，合作多年。").customers()).containsExactly("国家电网");
    }

    @Test
    void partnerCues() {
        assertThat(extract("公司合作伙伴包括英伟达、AMD等。").partners()).containsExactly("英伟达", "AMD");
        assertThat(extract("公司与华为在昇腾生态方面开展合作。").partners()).containsExactly("华为");
        assertThat(extract("主要供应商有台积电及日月光。").partners()).containsExactly("台积电", "日月光");
    }

    @Test
    void genericGroupsAndDescriptionsAreNotCompanies() {
        CompanyMentionExtractor.Mentions m = extract(
                "超算通用云业务主要面向高等院校、科研院所用户。",
                "公司与上游算力供应商（国家超算中心、电信运营商及其他厂商）签订算力资源采购协议。",
                "公司客户主要包括高等院校、科研院所和企业用户。",
                "公司客户有较高的粘性。",
                "公司与多家头部企业开展合作。",
                "取决于外接资源合作伙伴开拓及其可接入算力资源规模。");
        assertThat(m.customers()).isEmpty();
        assertThat(m.partners()).isEmpty();
    }
}
