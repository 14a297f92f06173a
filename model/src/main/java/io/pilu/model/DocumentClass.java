package io.pilu.model;

/** What kind of disclosure an announcement is, as decided by the enrich stage's classifier. */
public enum DocumentClass {
    /** 投资者关系活动记录表 / 登记表: a record of an investor-relations activity. */
    IR_ACTIVITY_RECORD,
    /** 年度报告, 半年度报告, 季度报告 and their summaries. */
    PERIODIC_REPORT,
    /** Notice of an upcoming 业绩说明会 (earnings call). */
    EARNINGS_CALL_NOTICE,
    /** 董事会决议公告. */
    BOARD_RESOLUTION,
    /** 股东大会 / 股东会 notices and resolutions. */
    SHAREHOLDER_MEETING,
    /** Anything else. */
    OTHER
}
