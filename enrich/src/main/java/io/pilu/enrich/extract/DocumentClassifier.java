package io.pilu.enrich.extract;

import io.pilu.model.DocumentClass;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides what kind of disclosure an announcement is, from its title and its (normalized) text.
 *
 * <p><b>IR activity records</b> are recognised by structure, not by words: the record's own section labels at
 * the start of lines: 投资者关系活动类别, plus 活动时间 or 参与单位, plus 主要内容. A news digest or a weekly
 * summary that mentions an IR record, quotes its title or even its category in a sentence has none of these
 * labels at a line start, so it is not an IR record. The title alone decides only when there is no text (the
 * document could not be read) or when the text is too damaged to show more than one label, and then only a title
 * that <em>is</em> an IR record title (…投资者关系活动记录表, …登记表, optionally numbered or dated), not one that
 * merely contains the phrase.
 *
 * <p>Other classes come from the title (or, when there is none, the document's opening lines), checked in this
 * order because the phrases overlap: 召开…业绩说明会 (earnings-call notice; before periodic reports because such
 * notices name the report), 股东大会/股东会 notices and resolutions, 董事会决议公告, then periodic reports
 * (年度报告, 半年度报告, 季度报告 and their 摘要, not corrections or inquiry letters about them). Everything else
 * is OTHER.
 */
public final class DocumentClassifier {

    private static final Pattern LISTING_PREFIX = Pattern.compile("^\\[[^\\]]{0,20}\\]\\s*(?:[^:：]{1,20}[:：])?");
    private static final Pattern IR_TITLE = Pattern.compile(
            "^.{0,30}?投资者关系(?:活动)?(?:记录表|登记表|管理信息)(?:[（(][^）)]{0,30}[）)])?(?:[\\-—]?\\d{0,4}|（[^）]{0,20}）)?$");
    private static final Pattern EARNINGS_CALL =
            Pattern.compile("(?:召开|举办|举行|参加|参与).{0,40}(?:业绩说明会|业绩交流会|业绩发布会|网上说明会|投资者说明会)|业绩说明会.{0,10}(?:预告|通知|公告)");
    private static final Pattern SHAREHOLDER_MEETING =
            Pattern.compile("股东(?:大)?会.{0,10}(?:通知|决议|提示性公告|法律意见|会议资料|补充)|召开.{0,30}股东(?:大)?会");
    private static final Pattern BOARD_RESOLUTION = Pattern.compile("董事会(?:会议)?决议(?:公告)?|董事会.{0,20}会议决议");
    private static final Pattern PERIODIC_REPORT =
            Pattern.compile("(?:年度报告|年年度报告|半年度报告|季度报告|年报|半年报|季报)(?:摘要|全文|正文|（[^）]{0,20}）)?$");
    private static final Pattern NOT_A_REPORT = Pattern.compile("更正|问询|回复|提示性公告|审核|取消|延期|鉴证|说明会|更新后|的公告");
    private static final Pattern PERIODIC_BODY = Pattern.compile("重要提示");

    private enum IrLabel {
        CATEGORY,
        TIME_OR_PARTICIPANTS,
        CONTENT
    }

    /** The class of a document with {@code title} (nullable) and normalized {@code text} (nullable: unreadable). */
    public DocumentClass classify(String title, String text) {
        String name = title == null
                ? ""
                : LISTING_PREFIX.matcher(ChineseText.compact(title)).replaceFirst("");
        boolean irTitle = IR_TITLE.matcher(name).matches();
        if (text != null && !text.isBlank()) {
            Set<IrLabel> labels = irLabels(text);
            if (labels.size() == IrLabel.values().length || (irTitle && !labels.isEmpty())) {
                return DocumentClass.IR_ACTIVITY_RECORD;
            }
        } else if (irTitle) {
            return DocumentClass.IR_ACTIVITY_RECORD;
        }
        DocumentClass byTitle = byHeading(name);
        if (byTitle != DocumentClass.OTHER || text == null) {
            return byTitle;
        }
        // No telling title: the document's own heading, its first few lines, decides.
        return byOpening(text);
    }

    private static DocumentClass byHeading(String heading) {
        if (heading.isEmpty()) {
            return DocumentClass.OTHER;
        }
        if (EARNINGS_CALL.matcher(heading).find() && !heading.contains("记录表")) {
            return DocumentClass.EARNINGS_CALL_NOTICE;
        }
        if (SHAREHOLDER_MEETING.matcher(heading).find()) {
            return DocumentClass.SHAREHOLDER_MEETING;
        }
        if (BOARD_RESOLUTION.matcher(heading).find() && !heading.contains("监事会")) {
            return DocumentClass.BOARD_RESOLUTION;
        }
        if (PERIODIC_REPORT.matcher(heading).find()
                && !NOT_A_REPORT.matcher(heading).find()) {
            return DocumentClass.PERIODIC_REPORT;
        }
        return DocumentClass.OTHER;
    }

    private static DocumentClass byOpening(String text) {
        String[] lines = text.split("\n", 12);
        int inspected = 0;
        for (String line : lines) {
            String c = ChineseText.compact(line);
            if (c.isEmpty() || c.length() > 60) {
                continue;
            }
            DocumentClass cls = byHeading(c);
            if (cls == DocumentClass.PERIODIC_REPORT
                    && !PERIODIC_BODY.matcher(text).find()) {
                continue; // a periodic report opens with 重要提示; a line naming one is not enough
            }
            if (cls != DocumentClass.OTHER) {
                return cls;
            }
            if (++inspected >= 8) {
                break;
            }
        }
        return DocumentClass.OTHER;
    }

    private static Set<IrLabel> irLabels(String text) {
        Set<IrLabel> found = EnumSet.noneOf(IrLabel.class);
        for (String line : text.split("\n")) {
            RecordSections.LabelHit hit = RecordSections.labelAt(line, false);
            if (hit == null) {
                continue;
            }
            switch (hit.label().section()) {
                case CATEGORY -> found.add(IrLabel.CATEGORY);
                case TIME, PARTICIPANTS -> found.add(IrLabel.TIME_OR_PARTICIPANTS);
                case CONTENT -> found.add(IrLabel.CONTENT);
                default -> {}
            }
            if (found.size() == IrLabel.values().length) {
                break;
            }
        }
        return found;
    }
}
