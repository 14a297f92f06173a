package io.pilu.web;

import static io.pilu.web.Html.html;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void everyArgumentIsTextUnlessTheHelperBuiltIt() {
        String hostile = "<script>alert(1)</script>\"' onmouseover=x &amp;";
        Html.Safe s = html("<a title=\"{}\">{}</a>{}", hostile, hostile, html("<b>{}</b>", "粗"));
        assertThat(s.markup())
                .isEqualTo(
                        "<a title=\"&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39; onmouseover=x "
                                + "&amp;amp;\">&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39; onmouseover=x &amp;amp;</a><b>粗</b>");
        assertThat(html("{}", (Object) null).markup()).isEmpty();
    }

    @Test
    void placeholdersAndArgumentsMustMatch() {
        assertThatThrownBy(() -> html("{} {}", "one")).hasMessageContaining("more {}");
        assertThatThrownBy(() -> html("{}", "one", "two")).hasMessageContaining("2 arguments");
    }

    @Test
    void controlCharactersAndStrayMarkersAreDropped() {
        assertThat(Html.escape("a\u0000b\u0007c\td\ne\uE000f\uE001")).isEqualTo("abc\td\nef");
    }

    @Test
    void onlyTheMarkersBecomeMarkTagsAfterEscaping() {
        assertThat(Html.highlighted("<b>\uE000智谱\uE001</b> & \uE000华章\uE001").markup())
                .isEqualTo("&lt;b&gt;<mark>智谱</mark>&lt;/b&gt; &amp; <mark>华章</mark>");
        // an unpaired marker never leaves an open tag
        assertThat(Html.highlighted("x \uE000<i>y").markup()).isEqualTo("x &lt;i&gt;y");
        assertThat(Html.highlighted("x \uE001y").markup()).isEqualTo("x y");
    }

    @Test
    void linksOutAreOnlyPlainHttp() {
        assertThat(Html.externalUrl("https://www.bse.cn/disclosure/2024/a.pdf"))
                .isEqualTo("https://www.bse.cn/disclosure/2024/a.pdf");
        assertThat(Html.externalUrl("http://127.0.0.1:8088/x.pdf")).isEqualTo("http://127.0.0.1:8088/x.pdf");
        assertThat(Html.externalUrl("javascript:alert(1)")).isNull();
        assertThat(Html.externalUrl(" JavaScript:alert(1)")).isNull();
        assertThat(Html.externalUrl("data:text/html,<script>")).isNull();
        assertThat(Html.externalUrl("/relative.pdf")).isNull();
        assertThat(Html.externalUrl("http://[bad")).isNull();
        assertThat(Html.externalUrl(null)).isNull();
    }

    @Test
    void pathSegmentsAndJsonForScriptElements() {
        assertThat(Html.segment("中邮 证券/x")).isEqualTo("%E4%B8%AD%E9%82%AE%20%E8%AF%81%E5%88%B8%2Fx");
        assertThat(Html.jsonForScript("{\"t\":\"</script><script>x&\u2028\"}").markup())
                .isEqualTo("{\"t\":\"\\u003c/script\\u003e\\u003cscript\\u003ex\\u0026\\u2028\"}");
    }
}
