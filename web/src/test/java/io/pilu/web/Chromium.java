package io.pilu.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilu.model.Json;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's chromium, headless, through Debian's chromium-driver: the browser of the web tests and timings. */
final class Chromium {

    static final String BINARY = "/usr/bin/chromium";
    static final String DRIVER = "/usr/bin/chromedriver";

    private Chromium() {}

    /** A fresh browser with its own profile under {@code profile}; console messages kept for the tests to read. */
    static ChromeDriver start(Path profile) throws IOException {
        for (String f : new String[] {BINARY, DRIVER}) {
            if (!new File(f).canExecute()) {
                throw new IllegalStateException(
                        f + " is missing: apt-get install chromium chromium-driver " + "(.ci/prepare installs both)");
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage",
                "--window-size=1280,900",
                "--lang=zh-CN",
                "--user-data-dir=" + Files.createDirectories(profile));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** The navigation timing entry of the page just loaded, once its load event has ended. */
    static JsonNode navigationTiming(ChromeDriver browser) {
        JavascriptExecutor js = browser;
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> ((Number)
                                        js.executeScript(
                                                "var n = performance.getEntriesByType('navigation')[0]; return n ? n.loadEventEnd : 0;"))
                                .doubleValue()
                        > 0);
        try {
            return Json.mapper().readTree((String)
                    js.executeScript("return JSON.stringify(performance.getEntriesByType('navigation')[0].toJSON());"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
