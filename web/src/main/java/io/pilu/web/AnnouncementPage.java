package io.pilu.web;

import static io.pilu.web.Html.html;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilu.web.Html.Safe;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /announcements/{id}}: the IR facts laid out as the record reads them — activity types, date, place,
 * participating institutions with type and people, reception staff, every Q&amp;A pair, customers, figures with
 * periods — and the original document one click away. Other announcements show their text.
 */
final class AnnouncementPage {

    /** Characters of a non-IR announcement's text shown; the original is one click away. */
    static final int TEXT_SHOWN = 20_000;

    private AnnouncementPage() {}

    /**
     * @param doc    the indexed document
     * @param visits the announcement's research visits (pilu-research-visits hits): institutions with type and
     *               people, receptionists with titles; empty when the sink does not index visits
     */
    static Safe render(JsonNode doc, JsonNode visits) {
        String title = doc.path("title").asText("(无标题)");
        JsonNode ir = doc.path("ir");
        List<Safe> parts = new ArrayList<>();
        parts.add(html(
                """
                <article class="announcement">
                <h1>{}</h1>
                <p class="meta">{} · {} · 发布于 <time>{}</time> · {} {}</p>
                """,
                title,
                Layout.companyLink(
                        doc.path("companyCode").asText(null),
                        doc.path("companyName").asText(null)),
                Labels.exchange(doc.path("exchange").asText(null)),
                doc.path("publishDate").asText(""),
                Labels.documentClass(doc.path("documentClass").asText(null)),
                Layout.originalLink(doc.path("documentUrl").asText(null))));
        if (ir.isObject()) {
            parts.add(facts(ir, visits));
            parts.add(qa(ir.path("qa")));
        }
        parts.add(figures(doc.path("figures")));
        if (!ir.isObject()) {
            String text = doc.path("text").asText("");
            boolean cut = text.length() > TEXT_SHOWN;
            parts.add(html(
                    "<section><h2>正文</h2><div class=\"text\">{}</div>{}</section>",
                    cut ? text.substring(0, TEXT_SHOWN) : text,
                    cut ? Layout.notice("info", "正文较长，此处只显示前 " + TEXT_SHOWN + " 字；全文见原文。") : Safe.EMPTY));
        }
        parts.add(new Safe("</article>"));
        return Layout.page(title, Layout.Nav.NONE, Html.join(parts));
    }

    private static Safe facts(JsonNode ir, JsonNode visits) {
        List<Safe> rows = new ArrayList<>();
        String types = String.join("、", texts(ir.path("activityTypes")));
        String other = ir.path("activityTypeOther").asText(null);
        rows.add(row("活动类别", Html.text(other == null ? types : types + "（" + other + "）")));
        rows.add(row("活动时间", Html.text(ir.path("date").asText(""))));
        rows.add(row("活动地点", Html.text(ir.path("location").asText(""))));
        rows.add(row("参与单位及人员", participants(ir, visits)));
        String declared = declared(ir);
        if (!declared.isEmpty()) {
            rows.add(row("声明人数", Html.text(declared)));
        }
        rows.add(row("上市公司接待人员", receptionists(ir, visits)));
        rows.add(row("提及的客户", names(ir.path("customers"))));
        if (!ir.path("partners").isEmpty()) {
            rows.add(row("提及的合作方", names(ir.path("partners"))));
        }
        return html(
                "<section><h2>投资者关系活动</h2><table class=\"facts\"><tbody>{}</tbody></table></section>", Html.join(rows));
    }

    private static String declared(JsonNode ir) {
        List<String> parts = new ArrayList<>();
        if (ir.hasNonNull("declaredInstitutionCount")) {
            parts.add(ir.get("declaredInstitutionCount").asInt() + " 家机构");
        }
        if (ir.hasNonNull("declaredPersonCount")) {
            parts.add(ir.get("declaredPersonCount").asInt() + " 人");
        }
        return String.join("，", parts);
    }

    private static Safe row(String label, Safe value) {
        return html("<tr><th scope=\"row\">{}</th><td>{}</td></tr>", label, value);
    }

    /** From the research visits (type and people per institution), else the names the record gives. */
    private static Safe participants(JsonNode ir, JsonNode visits) {
        List<Safe> items = new ArrayList<>();
        for (JsonNode hit : visits.path("hits")) {
            JsonNode v = hit.path("_source");
            String canonical = v.path("institution").asText();
            String written = v.path("institutionName").asText(canonical);
            List<String> people = texts(v.path("people"));
            items.add(html(
                    "<li>{} <span class=\"type\">{}</span>{}</li>",
                    Layout.institutionLink(canonical, written),
                    Labels.entityType(v.path("institutionType").asText(null)),
                    people.isEmpty()
                            ? Safe.EMPTY
                            : html("<span class=\"people\">{}</span>", String.join("、", people))));
        }
        if (items.isEmpty()) {
            for (JsonNode p : ir.path("participants")) {
                items.add(html("<li>{}</li>", Layout.institutionLink(p.asText(), p.asText())));
            }
            List<String> people = texts(ir.path("participantPeople"));
            if (!people.isEmpty()) {
                items.add(html("<li class=\"people\">{}</li>", String.join("、", people)));
            }
        }
        return items.isEmpty() ? Html.text("—") : html("<ul class=\"participants\">{}</ul>", Html.join(items));
    }

    private static Safe receptionists(JsonNode ir, JsonNode visits) {
        JsonNode first = visits.path("hits").path(0).path("_source").path("receptionists");
        List<String> out = new ArrayList<>();
        if (first.isArray() && !first.isEmpty()) {
            for (JsonNode r : first) {
                String name = r.path("name").asText("");
                String title = r.path("title").asText("");
                out.add(title.isEmpty() ? name : name + "（" + title + "）");
            }
        } else {
            out.addAll(texts(ir.path("receptionists")));
        }
        return Html.text(out.isEmpty() ? "—" : String.join("、", out));
    }

    private static Safe names(JsonNode array) {
        List<String> names = texts(array);
        return Html.text(names.isEmpty() ? "—" : String.join("、", names));
    }

    private static Safe qa(JsonNode qa) {
        if (!qa.isArray() || qa.isEmpty()) {
            return html("<section><h2>问答</h2>{}</section>", Layout.notice("empty", "记录中没有识别出问答。"));
        }
        List<Safe> items = new ArrayList<>();
        for (JsonNode p : qa) {
            items.add(html(
                    "<li class=\"qa\"><p class=\"q\"><b>问</b>{}</p><p class=\"a\"><b>答</b>{}</p></li>",
                    p.path("question").asText(""),
                    p.path("answer").asText("")));
        }
        return html("<section><h2>问答（{} 组）</h2><ol class=\"qa-list\">{}</ol></section>", qa.size(), Html.join(items));
    }

    private static Safe figures(JsonNode figures) {
        if (!figures.isArray() || figures.isEmpty()) {
            return Safe.EMPTY;
        }
        List<Safe> rows = new ArrayList<>();
        for (JsonNode f : figures) {
            rows.add(html(
                    "<tr><td>{}</td><td class=\"num\">{} {}</td><td>{}</td><td class=\"context\">{}</td></tr>",
                    f.path("metric").asText(""),
                    f.path("value").asText(""),
                    f.path("unit").asText(""),
                    f.path("period").asText("—"),
                    f.path("context").asText("")));
        }
        return html("""
                <section><h2>数据</h2><div class="scroll"><table class="figures">
                <thead><tr><th>指标</th><th>数值</th><th>期间</th><th>原文</th></tr></thead>
                <tbody>{}</tbody></table></div></section>
                """, Html.join(rows));
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            if (n.isTextual() && !n.asText().isBlank()) {
                out.add(n.asText());
            }
        }
        return out;
    }
}
