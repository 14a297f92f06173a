package io.pilu.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.model.IrActivity;
import org.junit.jupiter.api.Test;

/** Labels broken over lines (活动时\n间：) are re-joined before parsing. */
class BrokenLabelTest {

    @Test
    void everyBrokenLabelStillOpensItsSection() {
        IrActivity ir = IrFixtureSupport.ir("bse-damaged-broken-labels.txt");
        assertThat(ir.date()).isEqualTo("2024-09-03");
        assertThat(ir.location()).isEqualTo("公司会议室");
        assertThat(ir.participants())
                .extracting(IrActivity.Participant::normalizedName)
                .containsExactly("招商证券股份有限公司", "兴证全球基金管理有限公司");
        assertThat(ir.receptionists()).containsExactly(new IrActivity.Receptionist("王强", "董事会秘书"));
        assertThat(ir.qa()).containsExactly(new IrActivity.QaPair("公司的订单情况？", "公司在手订单充足。"));
    }

    @Test
    void normalizerRejoinsTheLabelAcrossBlankLines() {
        String normalized = new TextNormalizer().normalize("活动时\n\n间：2024 年 9 月 3 日\n上市公司接待\n人员：王强");
        assertThat(normalized).isEqualTo("活动时间：2024年9月3日\n上市公司接待人员：王强");
    }
}
