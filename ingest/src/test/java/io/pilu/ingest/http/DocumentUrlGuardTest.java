package io.pilu.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DocumentUrlGuardTest {

    private final DocumentUrlGuard guard = new DocumentUrlGuard(URI.create("https://www.bse.cn"));

    @ParameterizedTest
    @CsvSource({
        "/disclosure/2024/2024-06-18/6adf2dc9960c5876a0b1c2d3e4f5a6b7.pdf, https://www.bse.cn/disclosure/2024/2024-06-18/6adf2dc9960c5876a0b1c2d3e4f5a6b7.pdf",
        "/disclosure/2021/2021-07-19/1626695732_642086.pdf, https://www.bse.cn/disclosure/2021/2021-07-19/1626695732_642086.pdf",
        "/disclosure/2024/公告.html, https://www.bse.cn/disclosure/2024/%E5%85%AC%E5%91%8A.html"
    })
    void documentedPathsResolveOnTheExchangeHost(String path, String expected) throws Exception {
        URI uri = guard.resolve(path);
        assertThat(uri.toASCIIString()).isEqualTo(expected);
        assertThat(uri.getHost()).isEqualTo("www.bse.cn");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://evil.com/x.pdf",
                "https://www.bse.cn/disclosure/x.pdf",
                "//evil.com/x.pdf",
                "///evil.com/x.pdf",
                "/\\evil.com/x.pdf",
                "\\\\evil.com\\x.pdf",
                "/disclosure@evil.com/x.pdf",
                "@evil.com/x.pdf",
                "/disclosure/../../etc/passwd",
                "/disclosure/./x.pdf",
                "/disclosure/%2e%2e/%2e%2e/admin",
                "/disclosure/%2F%2Fevil.com",
                "/disclosure/x.pdf?redirect=http://evil.com",
                "/disclosure/x.pdf#@evil.com",
                "/disclosure/x.pdf:8080",
                "/disclosure//x.pdf",
                "/disclosure/x pdf",
                "/disclosure/\u0000x.pdf",
                "/disclosure/x\u3002pdf",
                "disclosure/x.pdf",
                "javascript:alert(1)",
                "file:///etc/passwd",
                ""
            })
    void anythingThatCouldLeaveTheHostIsRefused(String path) {
        assertThatThrownBy(() -> guard.resolve(path))
                .isInstanceOf(RefusedDocumentException.class)
                .hasMessageContaining("destFilePath");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080", "http://127.0.0.1:8080/"})
    void aConfiguredTestBaseKeepsItsPort(String base) throws Exception {
        URI uri = new DocumentUrlGuard(URI.create(base)).resolve("/disclosure/a.pdf");
        assertThat(uri).hasToString("http://127.0.0.1:8080/disclosure/a.pdf");
    }
}
