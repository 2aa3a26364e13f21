package org.adrdstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.adrdstream.cli.AdrdCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium (Debian's chromium and chromium-driver, which {@code .ci/run} installs),
 * on a demo fed by its synthetic hospital: score rows arrive over the live feed, a click on a scored patient
 * opens the patient view with the history timeline, the score chart and the evidence behind the latest score,
 * and the health panel counts the events. A screenshot is kept in {@code target/browser/dashboard.png}.
 */
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration START = Duration.ofSeconds(120);

    @Test
    void liveScoresArriveAndAPatientOpensWithTimelineAndEvidence(@TempDir Path dataDir) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium is not installed here: 'apt-get install chromium chromium-driver' (.ci/run does) to run the browser test");
        String[] args = {"demo", "--data-dir", dataDir.resolve("demo").toString(), "--kafka-port", "0",
                "--controller-port", "0", "--registry-port", "0", "--dashboard-port", "0", "--mllp-port", "0",
                "--patients", "24", "--rate", "800", "--seed", "5", "--publish-interval-ms", "500"};
        try (ChildJvm demo = ChildJvm.start(AdrdCommand.class.getName(), args)) {
            demo.awaitLine(line -> line.equals("READY"), START);
            String url = demo.awaitLine(line -> line.startsWith("Open the dashboard: "), START)
                    .substring("Open the dashboard: ".length()).trim();
            WebDriver browser = chromium(dataDir.resolve("chromium-profile"));
            try {
                browser.get(url);
                // The page redraws as scores arrive (the patient view too, when its patient is scored again), so
                // every read is retried on a stale element rather than racing the redraw.
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(150));
                wait.ignoring(StaleElementReferenceException.class);
                By scoredRow = By.xpath("//tbody[@id='risk-rows']/tr[contains(@class,'score-row')][.//span[contains(@class,'band')]]");
                String patient = wait.until(b -> {
                    WebElement row = b.findElement(scoredRow);
                    String id = row.getAttribute("data-patient");
                    row.click();
                    return id;
                });
                assertThat(browser.findElement(By.id("feed-state")).getText()).isEqualTo("live");
                assertThat(browser.findElement(By.id("feed-empty")).isDisplayed()).isFalse();

                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("patient-view")));
                wait.until(ExpectedConditions.textToBe(By.id("p-id"), patient));
                wait.until(b -> !b.findElements(By.cssSelector("#timeline li.timeline-event")).isEmpty());
                wait.until(b -> !b.findElements(By.cssSelector("#score-chart circle.score-point")).isEmpty());
                List<String> evidence = wait.until(b -> {
                    List<String> items = b.findElements(By.cssSelector("#evidence li")).stream()
                            .map(WebElement::getText).toList();
                    return items.isEmpty() ? null : items;
                });
                assertThat(evidence).allSatisfy(item -> assertThat(item).doesNotStartWith("no evidence"));
                wait.until(b -> b.findElement(By.id("p-summary")).getText().matches(".*eligibility: .*latest risk .*%.*"));
                assertThat(patient).as("pseudonyms only").startsWith("p-");

                wait.until(b -> b.findElement(By.id("h-events")).getText().matches("[1-9]\\d*"));
                wait.until(b -> b.findElement(By.id("status-line")).getText().contains("events in"));
                wait.until(b -> b.findElement(By.id("model")).getText().contains("adrd-default"));
                keepScreenshot(browser);
            } finally {
                browser.quit();
            }
            assertThat(demo.terminate(Duration.ofSeconds(60))).isIn(0, 143);
        }
    }

    /** Debian's Chromium through its own chromedriver; nothing is downloaded, no background network calls. */
    private static WebDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1440,1100", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void keepScreenshot(WebDriver browser) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "browser");
        Files.createDirectories(target);
        Files.copy(shot.toPath(), target.resolve("dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
