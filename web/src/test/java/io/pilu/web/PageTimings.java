package io.pilu.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Measures the pages of a running {@code pilu web} (e.g. {@code bin/pilu local --offline}) in Debian's chromium:
 * the first load of {@code /} in a fresh browser, then each page {@code runs} times, as the browser's navigation
 * timing reports it ({@code loadEventEnd}, ms from the start of navigation). Prints; asserts nothing.
 *
 * <pre>java -cp … io.pilu.web.PageTimings http://127.0.0.1:9480 [runs] [asOf]</pre>
 */
public final class PageTimings {

    private PageTimings() {}

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:9480";
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String asOf = args.length > 2 ? args[2] : "2024-06-30";
        Map<String, String> pages = new java.util.LinkedHashMap<>();
        pages.put("search (empty)", "/");
        pages.put("search 智谱华章", "/?q=" + URLEncoder.encode("智谱华章", StandardCharsets.UTF_8));
        pages.put("company 839493", "/companies/839493");
        pages.put("institution 中邮证券", "/institutions/" + URLEncoder.encode("中邮证券", StandardCharsets.UTF_8));
        pages.put("rankings 90 d", "/rankings?window=90&asOf=" + asOf);
        pages.put("live", "/live");
        Path profile = Files.createTempDirectory("pilu-page-timings");
        ChromeDriver browser = Chromium.start(profile);
        try {
            browser.get(base + "/");
            JsonNode first = Chromium.navigationTiming(browser);
            System.out.printf(
                    "first load of / in a fresh browser: responseStart %.1f ms, DOMContentLoaded %.1f ms, "
                            + "load %.1f ms%n",
                    first.path("responseStart").asDouble(),
                    first.path("domContentLoadedEventEnd").asDouble(),
                    first.path("loadEventEnd").asDouble());
            Map<String, List<Double>> loads = new TreeMap<>();
            for (int i = 0; i < runs; i++) {
                for (Map.Entry<String, String> p : pages.entrySet()) {
                    browser.get(base + p.getValue());
                    loads.computeIfAbsent(p.getKey(), k -> new ArrayList<>())
                            .add(Chromium.navigationTiming(browser)
                                    .path("loadEventEnd")
                                    .asDouble());
                }
            }
            System.out.printf(
                    "%-22s %8s %8s %8s   (load event, ms, %d runs each)%n", "page", "median", "p90", "max", runs);
            pages.keySet().forEach(name -> {
                List<Double> sorted = loads.get(name).stream().sorted().toList();
                System.out.printf(
                        "%-22s %8.1f %8.1f %8.1f%n",
                        name,
                        sorted.get(sorted.size() / 2),
                        sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1),
                        sorted.get(sorted.size() - 1));
            });
        } finally {
            browser.quit();
        }
    }
}
