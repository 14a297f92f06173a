package io.pilu.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pilu.model.EntityType;
import io.pilu.model.IrActivity;
import org.junit.jupiter.api.Test;

/** Letter-spaced extraction (投 资 者 关 系, 上 海 证 券 报) reads like the clean record. */
class SpacedCharactersTest {

    @Test
    void aFullyLetterSpacedRecordParses() {
        IrActivity ir = IrFixtureSupport.ir("bse-damaged-spaced.txt");
        assertThat(ir.layout()).isEqualTo(IrActivity.Layout.BSE);
        assertThat(ir.activityTypes()).containsExactly("媒体采访");
        assertThat(ir.date()).isEqualTo("2024-11-05");
        assertThat(ir.location()).isEqualTo("公司会议室");
        // newspapers, and 上海证券报 is not the broker 上海证券
        assertThat(ir.participants())
                .extracting(IrActivity.Participant::name, IrActivity.Participant::type)
                .containsExactly(tuple("上海证券报", EntityType.OTHER), tuple("中国证券报", EntityType.OTHER));
        assertThat(ir.receptionists())
                .containsExactly(new IrActivity.Receptionist("张三", "总经理"), new IrActivity.Receptionist("李四", "董事会秘书"));
        assertThat(ir.qa()).containsExactly(new IrActivity.QaPair("公司未来的发展战略是什么？", "公司将坚持创新驱动发展。"));
    }
}
