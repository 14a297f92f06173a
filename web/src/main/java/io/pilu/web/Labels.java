package io.pilu.web;

import io.pilu.model.DocumentClass;
import io.pilu.model.EntityType;
import java.util.List;
import java.util.Map;

/** What the pages call the model's codes, in the language of the filings. */
final class Labels {

    private Labels() {}

    static final Map<DocumentClass, String> DOCUMENT_CLASSES = Map.of(
            DocumentClass.IR_ACTIVITY_RECORD, "投资者关系活动记录表",
            DocumentClass.PERIODIC_REPORT, "定期报告",
            DocumentClass.EARNINGS_CALL_NOTICE, "业绩说明会预告",
            DocumentClass.BOARD_RESOLUTION, "董事会决议",
            DocumentClass.SHAREHOLDER_MEETING, "股东大会",
            DocumentClass.OTHER, "其他公告");

    static final Map<EntityType, String> ENTITY_TYPES = Map.of(
            EntityType.BROKER, "证券公司",
            EntityType.FUND_MANAGER, "基金公司",
            EntityType.PRIVATE_FUND, "私募基金",
            EntityType.INSURER, "保险公司",
            EntityType.BANK, "银行",
            EntityType.TRUST, "信托",
            EntityType.QFII, "QFII",
            EntityType.COMPANY, "公司",
            EntityType.PERSON, "个人",
            EntityType.OTHER, "其他机构");

    /** The canonical activity types the enrich stage writes (IrActivity.activityTypes). */
    static final List<String> ACTIVITY_TYPES =
            List.of("特定对象调研", "业绩说明会", "媒体采访", "现场参观", "新闻发布会", "分析师会议", "路演活动", "其他");

    /** Exchange codes as indexed, with their names. */
    static final Map<String, String> EXCHANGES = Map.of("BSE", "北交所", "SSE", "上交所", "SZSE", "深交所");

    static String documentClass(String code) {
        try {
            return DOCUMENT_CLASSES.getOrDefault(DocumentClass.valueOf(code), code);
        } catch (IllegalArgumentException | NullPointerException e) {
            return code == null ? "" : code;
        }
    }

    static String entityType(String code) {
        try {
            return ENTITY_TYPES.getOrDefault(EntityType.valueOf(code), code);
        } catch (IllegalArgumentException | NullPointerException e) {
            return code == null ? "" : code;
        }
    }

    static String exchange(String code) {
        return code == null ? "" : EXCHANGES.getOrDefault(code, code);
    }
}
