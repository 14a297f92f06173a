package io.pilu.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilu.ingest.simulator.SimulatedAnnouncement;
import io.pilu.model.Json;
import io.pilu.testkit.PiluIntegrationTest;
import io.pilu.testkit.SharedInfra;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * {@code pilu web} in a real browser (Debian's chromium, headless, driven through chromium-driver by Selenium) over
 * the real pipeline run once on the bundled samples ({@link OfflineStack}): the pages show what the issue asks, a
 * title carrying {@code <script>} stays text, the live page picks up a new filing without a reload, nothing the
 * CSP forbids is attempted. Each page is saved under {@code target/screenshots/}, with the browser's navigation
 * timings in {@code target/screenshots/page-timings.txt}.
 */
@PiluIntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebBrowserIT {

    static final Path SHOTS = Path.of("target", "screenshots");
    /** A title as a hostile exchange listing could carry it. */
    static final String HOSTILE_TITLE = "测试<script>window.piluXss=1</script><img src=x onerror=\"window.piluXss=2\">公告";

    static Path dir;
    static OfflineStack stack;
    static ChromeDriver browser;
    static String base;
    static final Map<String, JsonNode> timings = new LinkedHashMap<>();

    @BeforeAll
    static void pipelineAndBrowser() throws Exception {
        dir = Files.createTempDirectory("pilu-web-it");
        Files.createDirectories(SHOTS);
        stack = new OfflineStack(dir);
        base = stack.web.url();
        int announcements = stack.samples.ids().size();
        await("every sample indexed, and 并行科技's visitors answered by analytics and indexed")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    assertThat(stack.failures()).isEmpty();
                    assertThat(count(stack.alias)).isEqualTo(announcements);
                    assertThat(count(stack.visitsAlias)).isGreaterThanOrEqualTo(2);
                    HttpResponse<String> r = get(stack.analyticsUrl + "/api/companies/839493/visitors");
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                    assertThat(r.body()).contains("中邮证券有限责任公司", "地泽投资");
                });
        browser = Chromium.start(dir.resolve("chromium-profile"));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (!timings.isEmpty()) {
                writeTimings();
            }
        } finally {
            if (browser != null) {
                browser.quit();
            }
            if (stack != null) {
                stack.close();
            }
        }
    }

    @Test
    @Order(1)
    void searchShowsTheIrRecordWithItsInstitutionsAndHighlights() throws IOException {
        open("/?q=" + enc("智谱华章"), "search-cold");
        List<WebElement> hits = browser.findElements(By.cssSelector("li.hit"));
        assertThat(hits).hasSize(1);
        String hit = hits.get(0).getText();
        assertThat(hit).contains("并行科技", "中邮证券", "地泽投资");
        // highlighted pieces are <mark> elements the page made (the overlapping bigrams of 智谱华章 give one)
        assertThat(String.join(
                        "|",
                        hits.get(0).findElements(By.tagName("mark")).stream()
                                .map(WebElement::getText)
                                .toList()))
                .contains("智谱华章");
        assertThat(hits.get(0).findElement(By.cssSelector("a.original")).getAttribute("href"))
                .startsWith(stack.site.baseUrl())
                .endsWith(".pdf");
        shot("search");
        noConsoleErrors();
    }

    @Test
    @Order(2)
    void searchFiltersSortAndPages() {
        open(
                "/?company=839493&class=IR_ACTIVITY_RECORD&institution=" + enc("中邮证券") + "&activity=" + enc("特定对象调研")
                        + "&from=2024-06-01&to=2024-06-30&exchange=BSE",
                "search-filtered");
        assertThat(browser.findElements(By.cssSelector("li.hit"))).hasSize(1);
        assertThat(browser.findElement(By.cssSelector("details.filters")).getAttribute("open"))
                .isNotNull();
        open("/?company=839493&class=PERIODIC_REPORT", "search-filtered-empty");
        assertThat(browser.findElements(By.cssSelector("li.hit"))).isEmpty();
        // every sample, newest first: publish dates never increase down the list
        open("/?sort=newest", "search-all");
        List<String> dates = browser.findElements(By.cssSelector("li.hit .meta time")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(dates).hasSizeGreaterThanOrEqualTo(stack.samples.ids().size());
        assertThat(dates).isSortedAccordingTo(Comparator.reverseOrder());
        open("/?from=2024-02-01&to=2024-01-01", "search-bad-range");
        assertThat(browser.findElement(By.cssSelector(".notice.error")).getText())
                .contains("2024-02-01");
        browser.manage().logs().get(LogType.BROWSER); // the 400 above is logged, and meant
    }

    @Test
    @Order(3)
    void announcementPageShowsTheSixQaPairsAndTheFacts() throws IOException {
        open("/?q=" + enc("智谱华章"), "search");
        browser.findElement(By.cssSelector("li.hit h2 a")).click();
        assertThat(browser.getCurrentUrl()).contains("/announcements/");
        recordTiming("announcement");
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("投资者关系活动记录表");
        List<WebElement> pairs = browser.findElements(By.cssSelector("li.qa"));
        assertThat(pairs).hasSize(6);
        for (WebElement p : pairs) {
            assertThat(p.findElement(By.cssSelector("p.q")).getText()).hasSizeGreaterThan(2);
            assertThat(p.findElement(By.cssSelector("p.a")).getText()).hasSizeGreaterThan(2);
        }
        String facts = browser.findElement(By.cssSelector("table.facts")).getText();
        assertThat(facts).contains("特定对象调研", "2024-06-17", "中邮证券", "地泽投资");
        assertThat(browser.findElement(By.cssSelector("a.original")).getAttribute("href"))
                .startsWith(stack.site.baseUrl());
        shot("announcement");
        noConsoleErrors();
    }

    @Test
    @Order(4)
    void companyPageChartsVisitsAndListsBothInstitutionsOnTheDay() throws IOException {
        open("/companies/839493", "company");
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("并行科技");
        List<String> onTheDay = browser.findElements(By.cssSelector("table.visits tbody tr")).stream()
                .map(WebElement::getText)
                .filter(t -> t.startsWith("2024-06-17"))
                .toList();
        assertThat(String.join("\n", onTheDay)).contains("中邮证券", "地泽投资");
        // both came for the first time that day
        assertThat(browser.findElements(By.cssSelector("table.visits .badge"))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(browser.findElement(By.cssSelector("table.visitors")).getText())
                .contains("中邮证券", "地泽投资");
        await("the chart drawn")
                .atMost(Duration.ofSeconds(10))
                .until(() -> "true".equals(browser.findElement(By.id("chart")).getAttribute("data-drawn")));
        assertThat(browser.findElements(By.cssSelector("#chart canvas"))).isNotEmpty();
        shot("company");
        noConsoleErrors();
    }

    @Test
    @Order(5)
    void institutionPageListsTheCompaniesItResearched() throws IOException {
        open("/institutions/" + enc("中邮证券").replace("+", "%20"), "institution");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("中邮证券有限责任公司");
        assertThat(browser.findElement(By.cssSelector("table.companies")).getText())
                .contains("并行科技");
        assertThat(browser.findElement(By.cssSelector("table.visits")).getText())
                .contains("2024-06-17");
        await("the chart drawn")
                .atMost(Duration.ofSeconds(10))
                .until(() -> "true".equals(browser.findElement(By.id("chart")).getAttribute("data-drawn")));
        shot("institution");
        noConsoleErrors();
    }

    @Test
    @Order(6)
    void rankingsOverTheWindowsAndTheLatestActivityOffered() throws IOException {
        // the samples are from 2024: today's window is empty and the page offers the latest activity instead
        open("/rankings?window=30", "rankings-today");
        WebElement offer = browser.findElement(By.cssSelector(".notice.empty a"));
        offer.click();
        assertThat(browser.getCurrentUrl()).contains("asOf=2024-06");
        open("/rankings?window=365&asOf=2024-06-30", "rankings");
        assertThat(browser.findElement(By.id("ranking-companies")).getText()).contains("并行科技");
        assertThat(browser.findElement(By.id("ranking-institutions")).getText()).contains("中邮证券有限责任公司");
        for (int w : RankingsPage.WINDOWS) {
            open("/rankings?window=" + w + "&asOf=2024-06-30", "rankings-w" + w);
            assertThat(browser.findElement(By.cssSelector(".tabs span[aria-current]"))
                            .getText())
                    .contains(w + " 天");
        }
        shot("rankings");
        noConsoleErrors();
    }

    @Test
    @Order(7)
    void narrowScreenHasNoSidewaysScroll() throws IOException {
        Dimension wide = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            for (String[] page : new String[][] {
                {"/?q=" + enc("智谱华章"), "search-narrow"},
                {"/companies/839493", "company-narrow"},
                {"/rankings?window=365&asOf=2024-06-30", "rankings-narrow"}
            }) {
                open(page[0], page[1]);
                Long overflow = (Long)
                        js("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertThat(overflow)
                        .as("sideways overflow of " + page[0] + " at 390 px")
                        .isLessThanOrEqualTo(0L);
                shot(page[1]);
            }
        } finally {
            browser.manage().window().setSize(wide);
        }
    }

    @Test
    @Order(8)
    void liveShowsANewFilingWithoutReloadAndItsScriptTitleAsText() throws Exception {
        open("/live", "live");
        int before = browser.findElements(By.cssSelector("#live tbody tr")).size();
        assertThat(before).isEqualTo(stack.samples.ids().size());
        js("window.piluSameDocument = 42;");

        LocalDate day = LocalDate.of(2024, 6, 28);
        String code = "0f0e0d0c0b0a09080706050403020100";
        String path = "/disclosure/2024/" + day + "/" + code + ".html";
        stack.site.document(
                path,
                ("<html><body><p>" + HOSTILE_TITLE.replace("<", "&lt;") + "</p><p>本公告仅用于测试标题转义。</p></body></html>")
                        .getBytes(StandardCharsets.UTF_8));
        stack.site.add(new SimulatedAnnouncement(
                code, "832771", "测试公司", "[临时公告]" + HOSTILE_TITLE, path, day, "html", "9504", "9504-4417"));

        await("the new filing on the open live page")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() ->
                        browser.findElements(By.cssSelector("#live tbody tr")).size() == before + 1);
        assertThat(js("return window.piluSameDocument;"))
                .as("the page was not reloaded")
                .isEqualTo(42L);
        WebElement first = browser.findElement(By.cssSelector("#live tbody tr"));
        assertThat(first.getAttribute("data-id")).isEqualTo(code);
        assertThat(first.getText()).contains("<script>window.piluXss=1</script>", "onerror=");
        assertThat(first.findElements(By.tagName("script"))).isEmpty();
        assertThat(first.findElements(By.tagName("img"))).isEmpty();
        assertThat(js("return typeof window.piluXss;")).isEqualTo("undefined");
        shot("live");

        // server-rendered too: the live page itself, the search hit and the announcement page (two words, each
        // somewhere in the filing: without the space the query would have to occur as written)
        for (String page : List.of("/live", "/?q=" + enc("测试 公告"), "/announcements/" + code)) {
            open(page, "hostile");
            assertThat(browser.findElement(By.tagName("body")).getText()).contains("<script>window.piluXss=1</script>");
            assertThat(browser.findElements(By.cssSelector("main script"))).isEmpty();
            assertThat(browser.findElements(By.cssSelector("main img"))).isEmpty();
            assertThat(js("return typeof window.piluXss;")).isEqualTo("undefined");
        }
        shot("hostile-title");
        noConsoleErrors();
    }

    @Test
    @Order(9)
    void headersProbesAndMetrics() throws Exception {
        HttpResponse<String> page = get(base + "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(WebApp.CSP);
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(get(base + "/healthz").statusCode()).isEqualTo(200);
        assertThat(get(base + "/readyz").body()).startsWith("ok");
        assertThat(get(base + "/metrics").body()).contains("pilu_web_request_latency_seconds_count{page=\"search\"");
        assertThat(get(base + "/static/echarts.min.js").body()).contains("echarts");
        assertThat(get(base + "/nothing/here").statusCode()).isEqualTo(404);
        assertThat(get(base + "/?page=0").statusCode()).isEqualTo(400);
        HttpResponse<String> post = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/"))
                                .POST(HttpRequest.BodyPublishers.ofString("x"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    /** Navigation timings of each page, warm (the first search above was the cold one). */
    @Test
    @Order(10)
    void pageTimings() {
        for (int i = 0; i < 5; i++) {
            open("/", "search-empty-" + i);
            open("/?q=" + enc("智谱华章"), "search-" + i);
            open("/companies/839493", "company-" + i);
            open("/institutions/" + enc("中邮证券"), "institution-" + i);
            open("/rankings?window=90&asOf=2024-06-30", "rankings-90-" + i);
            open("/live", "live-" + i);
        }
        assertThat(timings.get("search-cold").path("loadEventEnd").asDouble()).isPositive();
    }

    // ---------------------------------------------------------------- helpers

    private static void open(String path, String timingName) {
        browser.get(base + path);
        recordTiming(timingName);
    }

    private static void recordTiming(String name) {
        timings.put(name, Chromium.navigationTiming(browser));
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /** The whole page as a PNG: the window is made as tall as the document for the shot. */
    private static void shot(String name) throws IOException {
        Dimension size = browser.manage().window().getSize();
        long height = (Long) js("return document.documentElement.scrollHeight;");
        browser.manage().window().setSize(new Dimension(size.getWidth(), (int)
                Math.min(4000, Math.max(size.getHeight(), height + 140))));
        try {
            Files.write(SHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.manage().window().setSize(size);
        }
    }

    /** Nothing in the console at SEVERE: no CSP violation, no script error, no failed load. */
    private static void noConsoleErrors() {
        List<String> severe = new ArrayList<>();
        for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                severe.add(e.getMessage());
            }
        }
        assertThat(severe).as("browser console errors").isEmpty();
    }

    private static void writeTimings() throws IOException {
        StringBuilder sb = new StringBuilder("# navigation timings (ms from navigation start), chromium headless, "
                + "pilu web on the shared test infra\n# page\tresponseStart\tdomContentLoadedEventEnd\tloadEventEnd\n");
        Map<String, List<Double>> warm = new LinkedHashMap<>();
        timings.forEach((name, t) -> {
            sb.append(name)
                    .append('\t')
                    .append(ms(t, "responseStart"))
                    .append('\t')
                    .append(ms(t, "domContentLoadedEventEnd"))
                    .append('\t')
                    .append(ms(t, "loadEventEnd"))
                    .append('\n');
            int dash = name.lastIndexOf('-');
            if (dash > 0 && name.substring(dash + 1).chars().allMatch(Character::isDigit)) {
                warm.computeIfAbsent(name.substring(0, dash), k -> new ArrayList<>())
                        .add(t.path("loadEventEnd").asDouble());
            }
        });
        sb.append("# warm loads (loadEventEnd), median and max of 5\n");
        warm.forEach((page, list) -> {
            List<Double> sorted = list.stream().sorted().toList();
            sb.append(page)
                    .append("\tmedian ")
                    .append(String.format("%.1f", sorted.get(sorted.size() / 2)))
                    .append("\tmax ")
                    .append(String.format("%.1f", sorted.get(sorted.size() - 1)))
                    .append('\n');
        });
        Files.writeString(SHOTS.resolve("page-timings.txt"), sb.toString());
        System.out.print(sb);
    }

    private static String ms(JsonNode t, String field) {
        return String.format("%.1f", t.path(field).asDouble());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static long count(String index) throws Exception {
        HttpResponse<String> r = get(SharedInfra.elasticsearchUrl() + "/" + index + "/_count");
        return r.statusCode() == 200
                ? Json.mapper().readTree(r.body()).path("count").asLong()
                : -1;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
