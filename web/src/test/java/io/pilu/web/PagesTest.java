package io.pilu.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilu.model.Json;
import io.pilu.sink.search.SearchRequest;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The pages as pure functions of what Elasticsearch and the analytics API answer. */
class PagesTest {

    static final String EVIL = "<script>alert(1)</script>";

    private static JsonNode json(String s) throws IOException {
        return Json.mapper().readTree(s.replace('\'', '"'));
    }

    @Test
    void searchHitEscapesTheTitleAndKeepsOnlyItsOwnMarks() throws IOException {
        JsonNode hit = json("""
                {'_id':'a1','_source':{'id':'a1','companyCode':'839493','companyName':'并行<b>科技</b>',
                 'title':'x','publishDate':'2024-06-18','documentClass':'IR_ACTIVITY_RECORD',
                 'documentUrl':'javascript:alert(1)','ir':{'participants':['中邮证券','\\"><img src=x>']}},
                 'highlight':{'title':['\uE000智谱\uE001<script>alert(1)</script>'],'text':['<i>\uE000华章\uE001</i>']}}
                """);
        String markup = SearchPage.hit(hit).markup();
        assertThat(markup)
                .doesNotContain("<script", "<b>", "<i>", "<img", "javascript:")
                .contains(
                        "<mark>智谱</mark>&lt;script&gt;",
                        "&lt;i&gt;<mark>华章</mark>&lt;/i&gt;",
                        "并行&lt;b&gt;科技&lt;/b&gt; (839493)",
                        "href=\"/companies/839493\"",
                        "href=\"/institutions/%E4%B8%AD%E9%82%AE%E8%AF%81%E5%88%B8\"",
                        "href=\"/announcements/a1\"",
                        "&quot;&gt;&lt;img src=x&gt;");
    }

    @Test
    void searchFormReadsFiltersAndRefusesBadOnes() {
        SearchPage.Form f = SearchPage.Form.of(Params.parse("q=%E7%AE%97%E5%8A%9B&exchange=BSE&company=839493"
                + "&class=IR_ACTIVITY_RECORD&institution=x&activity=%E7%8E%B0%E5%9C%BA%E5%8F%82%E8%A7%82"
                + "&from=2024-01-01&to=2024-12-31&page=3"));
        SearchRequest r = f.request();
        assertThat(r.text()).isEqualTo("算力");
        assertThat(r.offset()).isEqualTo(40);
        assertThat(r.order()).isEqualTo(SearchRequest.Order.RELEVANCE);
        assertThat(r.activityType()).isEqualTo("现场参观");
        assertThat(r.highlight()).isEqualTo(SearchRequest.HighlightStyle.PRIVATE_USE);
        assertThat(f.href(4))
                .isEqualTo(
                        "/?q=%E7%AE%97%E5%8A%9B&exchange=BSE&company=839493&class=IR_ACTIVITY_RECORD"
                                + "&institution=x&activity=%E7%8E%B0%E5%9C%BA%E5%8F%82%E8%A7%82&from=2024-01-01&to=2024-12-31&page=4");
        // no words: newest first
        assertThat(SearchPage.Form.of(Params.parse("")).request().order()).isEqualTo(SearchRequest.Order.NEWEST);
        assertThatThrownBy(() -> SearchPage.Form.of(Params.parse("class=NOPE"))).hasMessageContaining("NOPE");
        assertThatThrownBy(() -> SearchPage.Form.of(Params.parse("from=2024-13-01")))
                .hasMessageContaining("from");
        assertThatThrownBy(() -> SearchPage.Form.of(Params.parse("page=0"))).hasMessageContaining("page");
        assertThatThrownBy(() -> SearchPage.Form.of(Params.parse("page=9999"))).hasMessageContaining("page");
        assertThatThrownBy(() -> SearchPage.Form.of(Params.parse("sort=random")))
                .hasMessageContaining("sort");
        assertThatThrownBy(() -> SearchPage.Form.of(Params.parse("q=" + "x".repeat(201))))
                .hasMessageContaining("200");
    }

    @Test
    void announcementPageShowsEveryPairAndParticipantsWithTypeAndPeople() throws IOException {
        JsonNode doc = json("""
                {'id':'a1','title':'T<script>','companyCode':'839493','companyName':'并行科技','exchange':'BSE',
                 'publishDate':'2024-06-18','documentClass':'IR_ACTIVITY_RECORD','documentUrl':'https://www.bse.cn/a.pdf',
                 'ir':{'activityTypes':['特定对象调研'],'date':'2024-06-17','location':'会议室',
                   'participants':['中邮证券'],'receptionists':['师健伟'],'customers':['智谱华章'],
                   'qa':[{'question':'Q1?','answer':'A1'},{'question':'Q2 <b>?','answer':'A2'}]},
                 'figures':[{'metric':'营业收入','value':1.31,'unit':'亿元','period':'2024-Q1','context':'c'}]}
                """);
        JsonNode visits = json("""
                {'hits':[{'_source':{'institution':'中邮证券有限责任公司','institutionName':'中邮证券',
                  'institutionType':'BROKER','people':['张三'],'receptionists':[{'name':'师健伟','title':'董事会秘书'}]}}]}
                """);
        String page = AnnouncementPage.render(doc, visits).markup();
        assertThat(page)
                .contains(
                        "问答（2 组）",
                        "Q2 &lt;b&gt;?",
                        "T&lt;script&gt;",
                        "证券公司",
                        "张三",
                        "师健伟（董事会秘书）",
                        "智谱华章",
                        "2024-Q1",
                        "1.31 亿元",
                        "href=\"https://www.bse.cn/a.pdf\"")
                .doesNotContain("<script>", "<b>?");
        assertThat(page.split("class=\"qa\"", -1)).hasSize(3);
    }

    @Test
    void companyPageMarksFirstVisitsAndEmbedsChartDataInertly() throws IOException {
        JsonNode visitors = json("""
                {'companyCode':'839493','companyName':'并行科技','institutions':1,'visits':2,'visitors':[
                 {'name':'中邮证券','normalizedName':'中邮证券有限责任公司','type':'BROKER','visits':2,
                  'firstDate':'2024-03-01','lastDate':'2024-06-17','people':[]}]}
                """);
        JsonNode visits = json("""
                {'hits':{'total':{'value':2},'hits':[
                  {'_source':{'announcementId':'b','institution':'中邮证券有限责任公司','institutionName':'中邮证券',
                   'institutionType':'BROKER','activityDate':'2024-06-17','people':[]}},
                  {'_source':{'announcementId':'a','institution':'中邮证券有限责任公司','institutionName':'中邮证券',
                   'institutionType':'BROKER','activityDate':'2024-03-01','people':[]}}]},
                 'aggregations':{'months':{'buckets':[{'key':'2024-03</script>','doc_count':1,'distinct':{'value':1}},
                   {'key':'2024-06','doc_count':1,'distinct':{'value':1}}]}}}
                """);
        String page = CoveragePages.company("839493", visitors, null, visits).markup();
        assertThat(page)
                .contains("<b>1</b> 家机构", "id=\"chart-data\"", "2024-03\\u003c/script\\u003e")
                .doesNotContain("2024-03</script>");
        // the badge sits on the 2024-03-01 row only
        int badge = page.indexOf("class=\"badge\"");
        assertThat(page.indexOf("2024-03-01</time>")).isLessThan(badge);
        assertThat(page.indexOf("2024-06-17</time>")).isLessThan(page.indexOf("2024-03-01</time>"));
        assertThat(page.indexOf("class=\"badge\"", badge + 1)).isEqualTo(-1);

        String down = CoveragePages.company("839493", null, "the analytics API does not answer", visits)
                .markup();
        assertThat(down).contains("机构统计暂不可用", "class=\"badge\"");
    }

    @Test
    void liveFeedCarriesPlainValuesAndNoUnsafeLinks() throws IOException {
        JsonNode hits = json("""
                {'total':{'value':1},'hits':[{'_source':{'id':'x','title':'<script>','documentClass':'OTHER',
                 'documentUrl':'javascript:alert(1)','publishDate':'2024-06-28'}}]}
                """);
        JsonNode feed = Json.mapper().readTree(LivePage.feed(hits));
        assertThat(feed.at("/items/0/title").asText()).isEqualTo("<script>");
        assertThat(feed.at("/items/0/documentClass").asText()).isEqualTo("其他公告");
        assertThat(feed.at("/items/0").has("documentUrl")).isFalse();
        assertThat(LivePage.render(hits).markup()).contains("&lt;script&gt;").doesNotContain("javascript:");
    }

    @Test
    void routesAndRankingWindows() {
        assertThat(WebApp.pageOf(WebApp.segments("/"))).isEqualTo("search");
        assertThat(WebApp.pageOf(WebApp.segments("/companies/839493/"))).isEqualTo("company");
        assertThat(WebApp.pageOf(WebApp.segments("/institutions/%E4%B8%AD"))).isEqualTo("institution");
        assertThat(WebApp.pageOf(WebApp.segments("/live/feed"))).isEqualTo("live_feed");
        assertThat(WebApp.pageOf(WebApp.segments("/static/../x"))).isEqualTo("not_found");
        assertThat(WebApp.pageOf(WebApp.segments("/companies/a/b"))).isEqualTo("not_found");
        assertThat(RankingsPage.window(Params.parse("window=365"))).isEqualTo(365);
        assertThat(RankingsPage.window(Params.parse(""))).isEqualTo(90);
        assertThatThrownBy(() -> RankingsPage.window(Params.parse("window=7"))).hasMessageContaining("[30, 90, 365]");
    }

    @Test
    void aQueryStringKeepsTheFirstValueAndRefusesMalformedEncoding() {
        assertThat(Params.parse("q=a&q=b").string("q")).isEqualTo("a");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Params.parse("q=%E6%9"))
                .isInstanceOf(Params.BadRequest.class)
                .hasMessage("malformed percent-encoding in the address");
    }
}
