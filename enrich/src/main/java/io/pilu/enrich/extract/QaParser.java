package io.pilu.enrich.extract;

import io.pilu.model.IrActivity.QaPair;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits the main-content section of an IR record into question/answer pairs, in document order.
 *
 * <p>Question markers: 问题1、 问题一： 问题： 提问： 问： Q： Q1： and numbered items (1. 1、). Answer markers:
 * 回答： 答： 回复： 答复： 公司回复： A： A1：. Numbered items are questions only when no explicit question marker
 * is used, when they continue the question numbering, and when the next marker after them is an answer (or the
 * record has no answer markers at all): that keeps an answer's own 1、2、3 list inside the answer.
 *
 * <p>A first question written without a marker (the Shenzhen habit) is recovered: the lines between the last
 * introductory sentence (ending in ：or 。) and the first answer marker. A question without an answer marker is
 * split at its question mark. Marker-less text before the first question (the introduction) is not a pair.
 * Questions and answers are re-flowed: wrapped lines and page breaks inside a sentence are joined.
 */
final class QaParser {

    private static final Pattern QUESTION = Pattern.compile(
            "^(?:问题\\s*(?:\\d{1,3}\\s*[、.：）)]?|[一二三四五六七八九十]{1,3}\\s*[、.：）)])|问题[：]|投资者提问[：]|提问[：]|问[：]|Q\\s*\\d{0,3}\\s*[：、.])\\s*");
    private static final Pattern ANSWER = Pattern.compile(
            "^(?:回答[：]|答[：]|回复[：]|答复[：]|公司回复[：]|公司回答[：]|公司答复[：]|A\\s*\\d{0,3}\\s*[：、.])\\s*");
    private static final Pattern NUMBERED = Pattern.compile("^(\\d{1,2})\\s*[、.](?!\\d)\\s*");
    private static final Pattern INLINE_ANSWER = Pattern.compile("[？?]\\s*(?:回答|答|回复|答复|A)[：]");

    private enum Kind { QUESTION, ANSWER, NUMBERED, TEXT }

    private record Line(Kind kind, String text, int number) {
    }

    private QaParser() {
    }

    static List<QaPair> parse(List<String> contentLines) {
        List<Line> lines = classify(contentLines);
        boolean explicitQuestions = lines.stream().anyMatch(l -> l.kind() == Kind.QUESTION);
        boolean anyAnswer = lines.stream().anyMatch(l -> l.kind() == Kind.ANSWER);
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
        List<Line> out = new ArrayList<>();
        for (String raw : contentLines) {
            String s = raw.strip();
            if (s.isEmpty()) {
                continue;
            }
            Matcher q = QUESTION.matcher(s);
            Matcher a = ANSWER.matcher(s);
            Matcher n = NUMBERED.matcher(s);
            if (q.lookingAt()) {
                addSplittingInlineAnswer(out, s.substring(q.end()));
            } else if (a.lookingAt()) {
                out.add(new Line(Kind.ANSWER, s.substring(a.end()), 0));
            } else if (n.lookingAt()) {
                out.add(new Line(Kind.NUMBERED, s, Integer.parseInt(n.group(1))));
            } else {
                out.add(new Line(Kind.TEXT, s, 0));
            }
        }
        return out;
    }

    /** 问：…？答：… on one line is a question and its answer. */
    private static void addSplittingInlineAnswer(List<Line> out, String questionText) {
        Matcher inline = INLINE_ANSWER.matcher(questionText);
        if (inline.find()) {
            out.add(new Line(Kind.QUESTION, questionText.substring(0, inline.start() + 1), 0));
            String rest = questionText.substring(inline.start() + 1);
            Matcher a = ANSWER.matcher(rest.strip());
            out.add(new Line(Kind.ANSWER, a.lookingAt() ? rest.strip().substring(a.end()) : rest.strip(), 0));
        } else {
            out.add(new Line(Kind.QUESTION, questionText, 0));
        }
    }

    private static List<Line> resolveNumbered(List<Line> lines, boolean explicitQuestions, boolean anyAnswer) {
        List<Line> out = new ArrayList<>(lines.size());
        int expected = 1;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            if (line.kind() != Kind.NUMBERED) {
                out.add(line);
                continue;
            }
            boolean question = !explicitQuestions && line.number() == expected
                    && (!anyAnswer || nextMarkerIsAnswer(lines, i));
            if (question) {
                expected++;
                Matcher n = NUMBERED.matcher(line.text());
                String text = n.lookingAt() ? line.text().substring(n.end()) : line.text();
                List<Line> split = new ArrayList<>();
                addSplittingInlineAnswer(split, text);
                out.addAll(split);
            } else {
                out.add(new Line(Kind.TEXT, line.text(), 0));
            }
        }
        return out;
    }

    private static boolean nextMarkerIsAnswer(List<Line> lines, int from) {
        if (INLINE_ANSWER.matcher(lines.get(from).text()).find()) {
            return true;
        }
        for (int j = from + 1; j < lines.size(); j++) {
            Kind k = lines.get(j).kind();
            if (k == Kind.ANSWER) {
                return true;
            }
            if (k == Kind.QUESTION || k == Kind.NUMBERED) {
                return false;
            }
        }
        return false;
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
