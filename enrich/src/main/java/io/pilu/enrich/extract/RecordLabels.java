package io.pilu.enrich.extract;

import io.pilu.model.text.IrRecordLabels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The section labels of an IR activity record (投资者关系活动记录表 / 登记表) across the BSE, Shenzhen and Shanghai
 * templates and their older variants. One vocabulary serves the normalizer (to re-join labels a PDF broke over
 * lines), the classifier (structural evidence) and the parser (sectioning).
 */
final class RecordLabels {

    /** What a labelled section of the record holds. */
    enum Section {
        CATEGORY,
        SITUATION,
        TIME,
        LOCATION,
        PARTICIPANTS,
        RECEPTIONISTS,
        CONTENT,
        ATTACHMENTS,
        DATE,
        DISCLOSURE_NOTE
    }

    /** A label as written and the section it opens. */
    record Label(String text, Section section) {}

    /** The row labels are {@link IrRecordLabels}' (shared with ingest's text cleaner), keyed by this stage's type. */
    private static final Map<Section, List<String>> BY_SECTION = bySection();

    private static Map<Section, List<String>> bySection() {
        Map<Section, List<String>> m = new EnumMap<>(Section.class);
        IrRecordLabels.bySection().forEach((section, labels) -> m.put(Section.valueOf(section.name()), labels));
        return m;
    }

    /**
     * Labels a participants cell carries inside itself (参与机构与人数：华创证券…, 机构名称：…, 参会人员：…), beside
     * the row's own labels which a cell may repeat. They name a field, never an institution or a person.
     */
    private static final List<String> PARTICIPANT_CELL_LABELS = List.of(
            "参与机构与人数", "参与机构及人数", "参会机构与人数", "参会机构及人数", "机构与人数", "机构及人数", "参与机构", "调研机构", "来访机构", "机构名称", "单位名称",
            "参会人员", "参与人员", "调研人员", "来访人员", "人员姓名", "姓名", "参与人数", "参会人数", "人数");

    /** Every label, longest first, so 参与单位名称及人员姓名 wins over 参与单位. */
    static final List<Label> ALL;

    static {
        List<Label> all = new ArrayList<>();
        BY_SECTION.forEach((section, texts) -> texts.forEach(t -> all.add(new Label(t, section))));
        all.sort(Comparator.comparingInt((Label l) -> l.text().length())
                .reversed()
                .thenComparing(Label::text));
        ALL = List.copyOf(all);
    }

    /** The longest label's length: a line's first this-many non-space characters decide which label it starts with. */
    static final int MAX_LENGTH =
            ALL.stream().mapToInt(l -> l.text().length()).max().orElseThrow();

    /** {@link #ALL} by first character, each list in {@code ALL}'s order (a line is tested against its own only). */
    private static final Map<Character, List<Label>> BY_FIRST_CHAR =
            ALL.stream().collect(Collectors.groupingBy(l -> l.text().charAt(0), Collectors.toList()));

    /** The labels that start with {@code c}, longest first (as in {@link #ALL}). */
    static List<Label> startingWith(char c) {
        return BY_FIRST_CHAR.getOrDefault(c, List.of());
    }

    private RecordLabels() {}

    /**
     * Labels a PDF may break over two lines and that are long enough (4+ characters) that a line ending in their
     * first part and the next starting with the rest is not a coincidence of running prose.
     */
    static List<String> rejoinable() {
        return REJOINABLE;
    }

    private static final List<String> REJOINABLE =
            ALL.stream().map(Label::text).filter(t -> t.length() >= 4).toList();

    /** The labels a participants cell may carry inside itself (see above) and the participants row labels. */
    static List<String> participantCellLabels() {
        return CELL_LABELS;
    }

    private static final List<String> CELL_LABELS = Stream.concat(
                    PARTICIPANT_CELL_LABELS.stream(), BY_SECTION.get(Section.PARTICIPANTS).stream())
            .distinct()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();

    /** Short labels (时间, 地点, 日期, 附件) read as a label only when a delimiter, digit or the line end follows. */
    static boolean needsDelimiter(Label label) {
        return label.text().length() <= 2;
    }
}
