package io.pilu.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilu.model.EntityType;
import java.io.StringReader;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InstitutionGazetteerTest {

    private static final InstitutionGazetteer GAZETTEER = InstitutionGazetteer.loadDefault();

    @Test
    void curatedListIsLargeAndCoversEveryType() {
        assertThat(GAZETTEER.size()).isGreaterThanOrEqualTo(150);
        for (EntityType type : new EntityType[] {
            EntityType.BROKER,
            EntityType.FUND_MANAGER,
            EntityType.PRIVATE_FUND,
            EntityType.INSURER,
            EntityType.BANK,
            EntityType.TRUST,
            EntityType.QFII
        }) {
            assertThat(GAZETTEER.findAll(sampleOf(type)))
                    .as(type.name())
                    .isNotEmpty()
                    .allSatisfy(m -> assertThat(m.institution().type()).isEqualTo(type));
        }
    }

    private static String sampleOf(EntityType type) {
        return switch (type) {
            case BROKER -> "中邮证券";
            case FUND_MANAGER -> "易方达";
            case PRIVATE_FUND -> "淡水泉";
            case INSURER -> "国寿资产";
            case BANK -> "招银理财";
            case TRUST -> "外贸信托";
            default -> "摩根士丹利";
        };
    }

    @ParameterizedTest
    @CsvSource({
        "中金公司, 中国国际金融股份有限公司, BROKER",
        "中邮证券, 中邮证券有限责任公司, BROKER",
        "安信证券, 国投证券股份有限公司, BROKER",
        "国泰君安, 国泰海通证券股份有限公司, BROKER",
        "海通证券, 海通证券股份有限公司, BROKER",
        "兴全基金, 兴证全球基金管理有限公司, FUND_MANAGER",
        "平安资管, 平安资产管理有限责任公司, INSURER",
        "高毅, 上海高毅资产管理合伙企业（有限合伙）, PRIVATE_FUND",
        "UBS, UBS AG, QFII",
    })
    void aliasesNormalizeToTheCanonicalName(String alias, String canonical, EntityType type) {
        assertThat(GAZETTEER.lookup(alias)).contains(new InstitutionGazetteer.Institution(canonical, type));
    }

    @Test
    void longestMatchWithoutOverlaps() {
        assertThat(GAZETTEER.findAll("东方财富证券、东方证券与上海证券报、上海证券"))
                .extracting(InstitutionGazetteer.Match::surface)
                .containsExactly("东方财富证券", "东方证券", "上海证券报", "上海证券");
        assertThat(GAZETTEER.findAll("中信建投和中信证券"))
                .extracting(m -> m.institution().canonicalName())
                .containsExactly("中信建投证券股份有限公司", "中信证券股份有限公司");
    }

    @Test
    void prefixMatchNeedsThreeCharactersSoShortAliasesDoNotSwallowNames() {
        assertThat(GAZETTEER.matchPrefix("中信证券研究部"))
                .map(InstitutionGazetteer.Match::surface)
                .contains("中信证券");
        assertThat(GAZETTEER.matchPrefix("高毅鹏")).isEmpty();
        assertThat(GAZETTEER.matchPrefix("高毅")).isPresent();
    }

    @ParameterizedTest
    @CsvSource({
        "地泽投资, PRIVATE_FUND",
        "某某证券, BROKER",
        "某某基金, FUND_MANAGER",
        "某某私募基金, PRIVATE_FUND",
        "某某理财, BANK",
        "某某银行, BANK",
        "某某信托, TRUST",
        "某某人寿, INSURER",
        "某某研究院, OTHER",
        "上海迎水投资管理有限公司, PRIVATE_FUND"
    })
    void unknownNamesAreTypedBySuffix(String name, EntityType type) {
        assertThat(InstitutionGazetteer.typeBySuffix(name)).contains(type);
        assertThat(GAZETTEER.resolve(name))
                .map(InstitutionGazetteer.Institution::canonicalName)
                .contains(name);
    }

    @Test
    void wordsThatOnlyEndLikeAnInstitutionAreNotOne() {
        assertThat(InstitutionGazetteer.typeBySuffix("投资")).isEmpty();
        assertThat(InstitutionGazetteer.typeBySuffix("个人投资者")).isEmpty();
        assertThat(GAZETTEER.resolve("张三")).isEqualTo(Optional.empty());
    }

    @Test
    void malformedListsFailWithTheLine() {
        assertThatThrownBy(
                        () -> InstitutionGazetteer.parse(new StringReader("甲证券\tBROKER\t甲\n乙证券\tBROKER\t甲\n"), "t.tsv"))
                .hasMessageContaining("t.tsv:2")
                .hasMessageContaining("甲");
        assertThatThrownBy(() -> InstitutionGazetteer.parse(new StringReader("甲证券\tSTOCKBROKER\n"), "t.tsv"))
                .hasMessageContaining("t.tsv:1")
                .hasMessageContaining("STOCKBROKER");
        assertThatThrownBy(() -> InstitutionGazetteer.parse(new StringReader("just a name\n"), "t.tsv"))
                .hasMessageContaining("t.tsv:1");
    }
}
