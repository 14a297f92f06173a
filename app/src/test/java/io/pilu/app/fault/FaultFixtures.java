package io.pilu.app.fault;

import io.pilu.ingest.simulator.BseSimulator;
import io.pilu.ingest.simulator.SampleSet;
import io.pilu.ingest.simulator.SimulatedAnnouncement;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the simulated exchange lists for a fault test: the bundled samples (real-layout PDFs, one of them corrupt)
 * plus {@code generated} small HTML announcements spread over June 2024, every {@code irEvery}-th of them an
 * investor-relations activity record in the BSE layout. HTML keeps extraction cheap, so the services' work is
 * dominated by the pipeline itself, which is what the faults hit.
 *
 * @param all the ids the pipeline must deliver, each exactly once
 * @param ir  the ids that must also reach the IR-activities topic
 */
public record FaultFixtures(Set<String> all, Set<String> ir) {

    /** Oldest publish date listed; the crawler starts here. */
    public static final LocalDate FROM = LocalDate.of(2024, 4, 1);

    private static final LocalDate FIRST_GENERATED = LocalDate.of(2024, 6, 1);
    private static final int GENERATED_DAYS = 21;

    public static FaultFixtures fill(BseSimulator site, int generated, int irEvery) {
        Set<String> all = new LinkedHashSet<>();
        Set<String> ir = new LinkedHashSet<>();
        for (SampleSet.Sample s : SampleSet.bundled().samples()) {
            site.add(s.listing());
            site.document(s.listing().destFilePath(), s.content());
            all.add(s.id());
            // The bundled IR records are named so; the enrich module's own tests prove their classification.
            if (s.document().contains("-ir-record")) {
                ir.add(s.id());
            }
        }
        for (int i = 0; i < generated; i++) {
            LocalDate date = FIRST_GENERATED.plusDays(i % GENERATED_DAYS);
            String code = String.format("fa%030x", i);
            String companyCd = String.format("92%04d", i % 50);
            String company = "样例" + (i % 50) + "号";
            boolean isIr = i % irEvery == 0;
            String title = isIr
                    ? "[临时公告]" + company + ":投资者关系活动记录表"
                    : "[临时公告]" + company + ":关于召开2024年第" + (i % 9 + 1) + "次临时股东大会的通知";
            String path = "/disclosure/" + date.getYear() + "/" + date + "/" + code + ".html";
            site.add(new SimulatedAnnouncement(
                    code, companyCd, company, title, path, date, "html", "9504", "9504-4417"));
            site.document(
                    path,
                    (isIr ? irRecord(companyCd, company, date, i) : meetingNotice(companyCd, company, i))
                            .getBytes(StandardCharsets.UTF_8));
            all.add(code);
            if (isIr) {
                ir.add(code);
            }
        }
        return new FaultFixtures(Set.copyOf(all), Set.copyOf(ir));
    }

    private static String irRecord(String code, String company, LocalDate date, int i) {
        return page(
                company + "投资者关系活动记录表",
                code,
                company,
                i,
                "<h2>" + company + "股份有限公司投资者关系活动记录表</h2>"
                        + "<h3>一、投资者关系活动类别</h3>"
                        + "<p>√特定对象调研　□业绩说明会　□媒体采访　□现场参观　□新闻发布会　□分析师会议　□路演活动　□其他</p>"
                        + "<h3>二、投资者关系活动情况</h3>"
                        + "<p>活动时间：" + date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth()
                        + "日</p>"
                        + "<p>活动地点：公司会议室</p>"
                        + "<p>参会单位及人员：中信证券、华夏基金</p>"
                        + "<p>上市公司接待人员：董事会秘书 王明</p>"
                        + "<h3>三、投资者关系活动主要内容</h3>"
                        + "<p>问题1：请介绍公司第" + (i % 4 + 1) + "季度的订单情况。</p>"
                        + "<p>回答：公司订单保持稳定增长，主要客户为大型制造企业。</p>");
    }

    private static String meetingNotice(String code, String company, int i) {
        return page(
                company + "关于召开临时股东大会的通知",
                code,
                company,
                i,
                "<h2>" + company + "股份有限公司关于召开2024年第" + (i % 9 + 1) + "次临时股东大会的通知</h2>" + "<p>公司定于2024年7月"
                        + (i % 28 + 1) + "日召开临时股东大会，审议关于变更注册地址的议案。</p>");
    }

    private static String page(String title, String code, String company, int i, String body) {
        return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"><title>" + title + "</title></head>"
                + "<body><p>证券代码：" + code + "　　证券简称：" + company + "　　公告编号：2024-" + (100 + i) + "</p>"
                + "<p>本公司及董事会全体成员保证公告内容的真实、准确和完整。</p>" + body + "</body></html>";
    }
}
