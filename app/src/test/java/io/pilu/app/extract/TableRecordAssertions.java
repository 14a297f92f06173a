package io.pilu.app.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.model.IrActivity;
import java.util.List;

/**
 * How the table-record tests read an {@link IrActivity}, and what the Shenzhen full-table record (301367, 澜拓智能,
 * 2024-07-02) must yield: the bundled cninfo sample and the generated table PDFs carry the same rows, so both are held
 * to this one statement of them.
 */
final class TableRecordAssertions {

    private TableRecordAssertions() {}

    /** Each participant as {@code name[people]}. */
    static List<String> participants(IrActivity ir) {
        return ir.participants().stream().map(p -> p.name() + p.people()).toList();
    }

    /** Each receptionist as {@code name/title}. */
    static List<String> receptionists(IrActivity ir) {
        return ir.receptionists().stream().map(r -> r.name() + "/" + r.title()).toList();
    }

    /**
     * The 301367 record's rows: activity types, date, place, nine institutions with their people, four reception
     * staff, and the third answer whole (lines joined). The number of Q&A pairs differs by document and is the
     * caller's to check.
     */
    static void assertFullTableRecord(IrActivity ir) {
        assertThat(ir.activityTypes()).containsExactlyInAnyOrder("特定对象调研", "分析师会议", "现场参观");
        assertThat(ir.date()).isEqualTo("2024-07-01");
        assertThat(ir.location()).isEqualTo("公司会议室及松山湖生产基地（东莞市松山湖高新区工业西路8号）");
        assertThat(participants(ir))
                .containsExactly(
                        "中信证券[许哲, 梁悦]",
                        "易方达基金[陈亦舟]",
                        "华泰证券[黄川]",
                        "中金公司[顾远航]",
                        "高毅资产[周岚]",
                        "景顺长城基金[马骁]",
                        "富国基金[苏航]",
                        "淡水泉投资[吕方]",
                        "重阳投资[钟毅]");
        assertThat(receptionists(ir)).containsExactly("林启明/董事长", "何雯/财务总监", "蔡文涛/董事会秘书", "梁思远/证券事务代表");
        assertThat(ir.qa()).hasSizeGreaterThan(2);
        assertThat(ir.qa().get(2).answer().replace("\n", ""))
                .isEqualTo("一季度综合毛利率为41.2%，同比下降1.5个百分点，主要因为新产线爬坡期间单位成本较高，预计下半年随着产线良率提升和"
                        + "规模效应显现，毛利率将逐步恢复至去年同期水平，公司也将通过核心部件自研和供应链优化持续控制成本。");
    }
}
