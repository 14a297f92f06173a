package io.pilu.enrich.extract;

import io.pilu.model.IrActivity.QaPair;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits the main-content section of an IR record into question/answer pairs, in document order.
 *
 * <p>Question markers: 问题1、 问题一： 问题： 提问： 问： Q： Q1： and numbered items (1. 2、 （3） 4）). Answer
 * markers: 回答： 答： 回复： 答复： 公司回复： A： A1：, at a line start or, on the question's line, after its ？！。.
 * A numbered item is a question only when all of these hold, so that an answer's own 1、2、3 list (or a question's
 * （1）（2）) stays where it is:
 * <ul>
 *   <li>its number continues the question numbering (问题5 and Q4 count too): 1 (the first question, or a second
 *       session starting over), the next number, or once numbering has started a skip of at most
 *       {@value #MAX_NUMBER_SKIP} (a number the record lost);</li>
 *   <li>the question before it has been answered, so a list inside a question does not split it;</li>
 *   <li>its answer follows: an answer marker on its line, or the next marked line is an answer (a 1. or 1、 item
 *       looks past a （1）（2）… list starting right after it: its own sub-list); a record with no answer markers at
 *       all instead needs a question mark on the line and no explicit question markers.</li>
 * </ul>
 *
 * <p>A first question written without a marker (the Shenzhen habit) is recovered: the lines between the last
 * introductory sentence (ending in ：or 。) and the first answer marker. A question without an answer marker is
 * split at its question mark. Marker-less text before the first question (the introduction) is not a pair.
 * Questions and answers are re-flowed: wrapped lines and page breaks inside a sentence are joined. Page furniture
 * (headers, page numbers) is removed before this parser sees the lines ({@link TextNormalizer},
 * {@link RecordSections}).
 */
final class QaParser {

    /** How many question numbers a record may skip before a numbered line is no longer taken for the next one. */
    static final int MAX_NUMBER_SKIP = 3;

    private static final Pattern QUESTION = Pattern.compile(
            "^(?:问题\\s*(?:\\d{1,3}\\s*[、.：）)]?|[一二三四五六七八九十]{1,3}\\s*[、.：）)])|问题[：]|投资者提问[：]|提问[：]|问[：]|Q\\s*\\d{0,3}\\s*[：、.])\\s*");
    private static final Pattern ANSWER =
            Pattern.compile("^(?:回答[：]|答[：]|回复[：]|答复[：]|公司回复[：]|公司回答[：]|公司答复[：]|A\\s*\\d{0,3}\\s*[：、.])\\s*");
    private static final Pattern NUMBERED =
            Pattern.compile("^(?:(\\d{1,3})\\s*[、.](?!\\d)|（(\\d{1,3})）|(\\d{1,3})）)\\s*");
    /** An answer marker after the end of the question on the same line (…如何？答：…, …如何？谢谢！答：…). */
    private static final Pattern INLINE_ANSWER =
            Pattern.compile("(?<=[？！。]|谢谢)\\s*(?:公司回复|公司回答|公司答复|回答|答复|回复|答|A\\d{0,3})[：]");

    private static final Pattern MARKER_NUMBER = Pattern.compile("\\d{1,3}|[一二三四五六七八九十]{1,3}");

    private enum Kind {
        QUESTION,
        ANSWER,
        NUMBERED,
        TEXT
    }

    /**
     * A classified line; {@code number} is the question number its marker carries, 0 when none; {@code sub} marks a
     * numbered line in the parenthesized style (（1） 1）), the one a list inside a 1. or 1、 item uses.
     */
    private record Line(Kind kind, String text, int number, boolean sub) {
        Line(Kind kind, String text, int number) {
            this(kind, text, number, false);
        }
    }

    private QaParser() {}

    static List<QaPair> parse(List<String> contentLines) {
        List<Line> lines = classify(contentLines);
        boolean explicitQuestions = false;
        boolean anyAnswer = false;
        for (Line l : lines) {
            explicitQuestions |= l.kind() == Kind.QUESTION;
            anyAnswer |= l.kind() == Kind.ANSWER;
        }
        lines = resolveNumbered(lines, explicitQuestions, anyAnswer);

        List<QaPair> pairs = new ArrayList<>();
        List<String> preamble = new ArrayList<>();
        List<String> question = null;
        List<String> answer = null;
        for (Line line : lines) {
            switch (line.kind()) {
                case QUESTION -> {
                    flush(pairs, question, answer);
                    question = new ArrayList<>(List.of(line.text()));
                    answer = null;
                }
                case ANSWER -> {
                    if (question == null) {
                        question = unmarkedQuestion(preamble);
                    }
                    if (answer == null) {
                        answer = new ArrayList<>();
                    }
                    answer.add(line.text());
                }
                default -> {
                    if (answer != null) {
                        answer.add(line.text());
                    } else if (question != null) {
                        question.add(line.text());
                    } else {
                        preamble.add(line.text());
                    }
                }
            }
        }
        flush(pairs, question, answer);
        return pairs;
    }

    private static List<Line> classify(List<String> contentLines) {
        List<Line> out = new ArrayList<>(contentLines.size() + 8);
        for (String raw : contentLines) {
            String s = raw.strip();
            if (s.isEmpty()) {
                continue;
            }
            Matcher q = QUESTION.matcher(s);
            if (q.lookingAt()) {
                addSplittingInlineAnswer(out, s.substring(q.end()), markerNumber(s.substring(0, q.end())));
                continue;
            }
            Matcher a = ANSWER.matcher(s);
            if (a.lookingAt()) {
                out.add(new Line(Kind.ANSWER, s.substring(a.end()), 0));
                continue;
            }
            Matcher n = NUMBERED.matcher(s);
            if (n.lookingAt()) {
                String digits = n.group(1) != null ? n.group(1) : n.group(2) != null ? n.group(2) : n.group(3);
                out.add(new Line(Kind.NUMBERED, s, Integer.parseInt(digits), n.group(1) == null));
            } else {
                out.add(new Line(Kind.TEXT, s, 0));
            }
        }
        return out;
    }

    /** The number in a question marker (问题5： → 5, 问题三、 → 3, Q4： → 4), or 0. */
    private static int markerNumber(String marker) {
        Matcher m = MARKER_NUMBER.matcher(marker);
        return m.find() ? Math.max(0, ChineseText.parseNumber(m.group())) : 0;
    }

    /** 问：…？答：… on one line is a question and its answer. */
    private static void addSplittingInlineAnswer(List<Line> out, String questionText, int number) {
        Matcher inline = INLINE_ANSWER.matcher(questionText);
        if (inline.find()) {
            out.add(new Line(Kind.QUESTION, questionText.substring(0, inline.start()), number));
            out.add(new Line(Kind.ANSWER, questionText.substring(inline.end()).strip(), 0));
        } else {
            out.add(new Line(Kind.QUESTION, questionText, number));
        }
    }

    /** Decides which numbered lines open questions (rules in the class comment); the others become text. */
    private static List<Line> resolveNumbered(List<Line> lines, boolean explicitQuestions, boolean anyAnswer) {
        // index of the next marked line after each index, computed once so a long record stays linear
        int[] nextMarker = new int[lines.size()];
        int next = -1;
        for (int i = lines.size() - 1; i >= 0; i--) {
            nextMarker[i] = next;
            if (lines.get(i).kind() != Kind.TEXT) {
                next = i;
            }
        }
        List<Line> out = new ArrayList<>(lines.size() + 8);
        int last = 0;
        boolean answered = true;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            switch (line.kind()) {
                case ANSWER -> answered = true;
                case QUESTION -> {
                    answered = false;
                    if (line.number() > 0) {
                        last = line.number();
                    }
                }
                case NUMBERED -> {
                    int n = line.number();
                    // a skip is tolerated only once numbering has started: before that, 2、 is a list's second item
                    boolean continuesNumbering = n == 1 || (last > 0 && n > last && n <= last + MAX_NUMBER_SKIP);
                    boolean question;
                    if (anyAnswer) {
                        question = continuesNumbering
                                && answered
                                && (INLINE_ANSWER.matcher(line.text()).find() || answerFollows(lines, nextMarker, i));
                    } else {
                        question = continuesNumbering && !explicitQuestions && firstQuestionMark(line.text()) >= 0;
                    }
                    if (question) {
                        Matcher m = NUMBERED.matcher(line.text());
                        String text = m.lookingAt() ? line.text().substring(m.end()) : line.text();
                        addSplittingInlineAnswer(out, text, n);
                        last = n;
                        answered = out.get(out.size() - 1).kind() == Kind.ANSWER;
                        continue;
                    }
                    out.add(new Line(Kind.TEXT, line.text(), 0));
                    continue;
                }
                default -> {}
            }
            out.add(line);
        }
        return out;
    }

    /**
     * Whether the next marked line after the numbered line {@code i} is an answer. A 1. or 1、 item looks past a
     * （1）（2）… sub-list that starts right after it: that list is its own (3.请介绍：（1）订单（2）产能 答：…).
     */
    private static boolean answerFollows(List<Line> lines, int[] nextMarker, int i) {
        int j = nextMarker[i];
        if (!lines.get(i).sub()) {
            int item = 1;
            while (j >= 0
                    && lines.get(j).kind() == Kind.NUMBERED
                    && lines.get(j).sub()
                    && lines.get(j).number() == item) {
                item++;
                j = nextMarker[j];
            }
        }
        return j >= 0 && lines.get(j).kind() == Kind.ANSWER;
    }

    /** The question before the first answer marker when it has no marker of its own. */
    private static List<String> unmarkedQuestion(List<String> preamble) {
        int start = 0;
        for (int i = 0; i < preamble.size(); i++) {
            String s = preamble.get(i);
            char last = s.charAt(s.length() - 1);
            if (last == '：' || last == '。') {
                start = i + 1;
            }
        }
        List<String> q = new ArrayList<>(preamble.subList(start, preamble.size()));
        preamble.clear();
        return q;
    }

    private static void flush(List<QaPair> pairs, List<String> question, List<String> answer) {
        if (question == null) {
            return;
        }
        String q = TextNormalizer.reflow(question).strip();
        String a = answer == null ? null : TextNormalizer.reflow(answer).strip();
        if (a == null) {
            // no answer marker: the answer starts after the question mark
            int mark = firstQuestionMark(q);
            if (mark < 0 || mark == q.length() - 1) {
                if (!q.isEmpty()) {
                    pairs.add(new QaPair(q, ""));
                }
                return;
            }
            a = q.substring(mark + 1).strip();
            q = q.substring(0, mark + 1);
        }
        if (q.isEmpty() && a.isEmpty()) {
            return;
        }
        pairs.add(new QaPair(q, a));
    }

    private static int firstQuestionMark(String s) {
        int i = s.indexOf('？');
        int j = s.indexOf('?');
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
