package io.pilu.enrich.extract;

import io.pilu.enrich.extract.RecordLabels.Section;
import io.pilu.model.IrActivity;
import io.pilu.model.IrActivity.NamedCompany;
import io.pilu.model.IrActivity.QaPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Parses a normalized IR activity record (投资者关系活动记录表 / 登记表) into an {@link IrActivity}: layout, ticked
 * categories, date, location, participants with their people and declared totals, reception staff, Q&amp;A pairs,
 * and the customers and partners the answers name. Each part is read by its own parser from its own section
 * (see {@link RecordSections}); a missing section leaves its field empty rather than failing the record.
 *
 * <p>Activity types come from the category row; when it decides nothing, the title or the document's first lines
 * may name the activity (see {@link ActivityTypeParser}).
 *
 * <p>The activity date is read from the time section (活动时间 / 时间 / 调研时间 …); a record without one falls
 * back to its 日期 row, which in table templates is the date the record was filled in, usually the same day.
 *
 * <p>Pure and thread-safe.
 */
public final class IrRecordParser {

    private final ParticipantParser participantParser;

    public IrRecordParser(InstitutionGazetteer gazetteer) {
        this.participantParser = new ParticipantParser(Objects.requireNonNull(gazetteer, "gazetteer"));
    }

    /** Parses {@code normalizedText} (output of {@link TextNormalizer#normalize(String)}) of an untitled record. */
    public IrActivity parse(String normalizedText) {
        return parse(normalizedText, null);
    }

    /**
     * Parses {@code normalizedText} (output of {@link TextNormalizer#normalize(String)}); {@code title} (may be
     * null) names the activity when the category row decides nothing.
     */
    public IrActivity parse(String normalizedText, String title) {
        RecordSections.Sections sections = RecordSections.split(normalizedText == null ? "" : normalizedText);

        List<String> headings = new ArrayList<>();
        if (title != null) {
            headings.add(title);
        }
        headings.addAll(sections.preamble());
        ActivityTypeParser.Result types = ActivityTypeParser.parse(sections.get(Section.CATEGORY), headings);
        String date = ActivityDateParser.parse(sections.joined(Section.TIME))
                .or(() -> ActivityDateParser.parse(sections.joined(Section.DATE)))
                .orElse(null);
        String location = location(sections.get(Section.LOCATION));
        ParticipantParser.Result participants = participantParser.parse(sections.joined(Section.PARTICIPANTS));
        List<IrActivity.Receptionist> receptionists = ReceptionistParser.parse(sections.joined(Section.RECEPTIONISTS));
        List<QaPair> qa = QaParser.parse(sections.get(Section.CONTENT));

        List<String> answers = new ArrayList<>();
        if (qa.isEmpty()) {
            answers.add(TextNormalizer.reflow(sections.get(Section.CONTENT)));
        } else {
            qa.forEach(p -> answers.add(p.answer()));
        }
        CompanyMentionExtractor.Mentions mentions = CompanyMentionExtractor.extract(answers);

        return new IrActivity(
                sections.bseLayout() ? IrActivity.Layout.BSE : IrActivity.Layout.TABLE,
                types.types(),
                types.otherDetail(),
                date,
                location,
                participants.participants(),
                participants.declaredInstitutionCount(),
                participants.declaredPersonCount(),
                receptionists,
                qa,
                mentions.customers().stream().map(NamedCompany::new).toList(),
                mentions.partners().stream().map(NamedCompany::new).toList());
    }

    private static String location(List<String> lines) {
        String s = TextNormalizer.reflow(lines).replace('\n', ' ').strip();
        while (!s.isEmpty() && "。；，".indexOf(s.charAt(s.length() - 1)) >= 0) {
            s = s.substring(0, s.length() - 1);
        }
        return s.isEmpty() ? null : s;
    }
}
