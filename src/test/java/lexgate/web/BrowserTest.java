package lexgate.web;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The desk in a real browser: Debian's headless Chromium driven through /usr/bin/chromedriver (never
 * a downloaded browser or driver). Signs in, filters the decisions table, opens a decision and checks
 * its citation links point to the official text, replays it and sees the diff, starts an impact
 * analysis and sees its grid, opens a rule with its scenarios; each page is saved to docs/screenshots.
 * Without Chromium it is skipped, unless {@code -Dlexgate.browser.required=true} (CI), where it fails.
 */
@QuarkusTest
@TestProfile(WebProfile.class)
class BrowserTest {
    /** Debian's paths (overridable only to check that a missing browser fails the build when required). */
    static final Path CHROMIUM = Path.of(System.getProperty("lexgate.browser.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("lexgate.browser.chromedriver", "/usr/bin/chromedriver"));
    static final Path SHOTS = Path.of("docs", "screenshots");
    /** GDPR Art. 21 and EDPB Opinion 28/2024 as policies/citations.yaml links them. */
    static final String OPINION_28 = "https://www.edpb.europa.eu/our-work-tools/our-documents/opinion-board-art-64/opinion-282024-certain-data-protection-aspects_en";

    @TestHTTPResource("/")
    URL base;

    WebDriver driver;
    ChromeDriverService service;
    Path profile;

    WebDriver browser() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            String why = "Chromium or chromedriver missing (" + CHROMIUM + ", " + CHROMEDRIVER + "): apt-get install chromium chromium-driver";
            if (Boolean.getBoolean("lexgate.browser.required")) fail(why);
            Assumptions.assumeTrue(false, why);
        }
        // Never let Selenium Manager look for or download anything: explicit binary and driver, no statistics.
        System.setProperty("SE_AVOID_STATS", "true");
        profile = Files.createTempDirectory("lexgate-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
                "--window-size=1366,900");
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return driver;
    }

    @AfterEach
    void close() throws Exception {
        if (driver != null) driver.quit();
        if (service != null) service.stop();
        if (profile != null) {
            try (Stream<Path> s = Files.walk(profile)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    String url(String path) {
        String b = base.toString();
        return (b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path;
    }

    void shot(String name) throws Exception {
        Files.createDirectories(SHOTS);
        File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    void healthy() {
        String text = driver.findElement(By.tagName("body")).getText();
        assertFalse(text.contains("Something went wrong"), driver.getCurrentUrl() + ": " + text);
        assertFalse(text.contains("Exception"), driver.getCurrentUrl() + ": " + text);
    }

    void scrollTo(WebElement e) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'start'}); window.scrollBy(0, -16);", e);
    }

    /**
     * A stored candidate ruleset in which EDPB Opinion 28/2024's rule comes into force only in 2027
     * (validated, not activated), so that replays and analyses against it show a change.
     */
    static String candidate() throws Exception {
        Path file = Path.of("rules/eu/edpb/ai/training.drl");
        String drl = Files.readString(file);
        String later = drl.replaceFirst("@inForce\\(\"2024-12-17\"\\)", "@inForce(\"2027-01-01\")");
        assertFalse(later.equals(drl), "the rule's @inForce line");
        return given().header("Authorization", "Bearer " + WebProfile.ADMIN).contentType("application/json")
                .body(java.util.Map.of("files", java.util.Map.of("rules/eu/edpb/ai/training.drl", later)))
                .when().post("/v1/rulesets/validate").then().statusCode(200).extract().path("digest");
    }

    @Test
    void aReviewerAndAuthorWorksThroughTheDesk() throws Exception {
        WebDriver d = browser();
        String key = WebAccessTest.key("review", "author");
        String decide = WebAccessTest.key("decide");
        String denied = WebAccessTest.decide(decide, "ai-training-no-notice-no-opt-out.json");
        WebAccessTest.decide(decide, "ai-training-with-safeguards.json");
        WebAccessTest.decide(decide, "ai-training-pre-ticked-consent.json");
        String digest = WebAccessTest.activeDigest();
        String candidate = candidate();
        // A page that is replaced while a condition reads it leaves stale elements: read again, do not fail.
        org.openqa.selenium.support.ui.FluentWait<org.openqa.selenium.WebDriver> wait = new WebDriverWait(d, Duration.ofSeconds(60))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class);

        // Sign in.
        d.get(url("/ui/decisions"));
        assertTrue(d.getCurrentUrl().endsWith("/ui/login"), "sent to sign in: " + d.getCurrentUrl());
        shot("login");
        d.findElement(By.id("credential")).sendKeys(key);
        d.findElement(By.cssSelector("form[action='/ui/login'] button[type=submit]")).click();
        wait.until(x -> x.getCurrentUrl().endsWith("/ui/"));
        healthy();
        assertTrue(d.findElement(By.tagName("svg")).isDisplayed(), "the overview's chart");
        assertFalse(d.getCurrentUrl().contains(key));
        shot("overview");

        // Filter the decisions table.
        d.findElement(By.linkText("Decisions")).click();
        new Select(d.findElement(By.id("f-outcome"))).selectByVisibleText("DENY");
        d.findElement(By.id("f-purpose")).sendKeys("ai-model-training");
        d.findElement(By.id("apply-filters")).click();
        wait.until(x -> x.getCurrentUrl().contains("outcome=DENY"));
        healthy();
        List<WebElement> badges = d.findElements(By.cssSelector("#decisions tbody .badge"));
        assertFalse(badges.isEmpty(), "DENY decisions listed");
        for (WebElement b : badges) assertEquals("DENY", b.getText());
        assertTrue(d.findElement(By.id("download-csv")).getAttribute("href").contains("/ui/decisions.csv?outcome=DENY"));
        assertFalse(d.getCurrentUrl().contains(key));
        shot("decisions");

        // Open the decision and follow a citation link (its target, not the external site).
        d.findElement(By.cssSelector("a.decision-link[href$='" + denied + "']")).click();
        wait.until(x -> x.getCurrentUrl().endsWith("/ui/decisions/" + denied));
        healthy();
        assertEquals("DENY", d.findElement(By.id("outcome")).getText());
        WebElement cite = d.findElement(By.cssSelector("a.citation[data-citation='eu-edpb:opinion-28-2024']"));
        assertEquals(OPINION_28, cite.getAttribute("href"));
        assertEquals("_blank", cite.getAttribute("target"));
        assertTrue(cite.getAttribute("rel").contains("noopener"));
        for (WebElement c : d.findElements(By.cssSelector("a.citation"))) {
            assertTrue(c.getAttribute("href").startsWith("https://"), "official text over https: " + c.getAttribute("href"));
        }
        assertTrue(d.findElement(By.id("verification")).getText().contains("hash recomputes"));
        shot("decision");

        // Replay on the active ruleset and see the diff side by side.
        d.findElement(By.id("replay-active")).click();
        WebElement diff = wait.until(x -> x.findElement(By.id("replay-diff")));
        healthy();
        assertTrue(diff.isDisplayed());
        assertEquals(2, diff.findElements(By.cssSelector("section.side")).size());
        assertTrue(d.findElement(By.id("replay-summary")).getText().startsWith("No change"), "the same rules decide the same");
        // On a candidate in which the EDPB rule is not yet in force: its reason goes, shown struck out.
        d.findElement(By.id("replay-digest")).sendKeys(candidate);
        d.findElement(By.id("replay-digest-go")).click();
        wait.until(x -> x.findElement(By.id("replay-summary")).getText().startsWith("Changed"));
        healthy();
        assertEquals("eu.edpb.op28-2024.no-opt-out", d.findElement(By.cssSelector("#replay-diff li.removed")).getText().replaceFirst("^\\S+\\s+", ""));
        scrollTo(d.findElement(By.id("h-replay")));
        shot("replay");

        // Start an impact analysis and see its grid.
        d.findElement(By.linkText("Impact analyses")).click();
        healthy();
        new Select(d.findElement(By.id("a-target"))).selectByValue(candidate);
        d.findElement(By.cssSelector("input[name=outcome][value=DENY]")).click();
        shot("analyses");
        d.findElement(By.id("start")).click();
        wait.until(x -> x.getCurrentUrl().matches(".*/ui/analyses/[0-9a-f-]{36}$"));
        wait.until(x -> x.findElement(By.id("status")).getText().equals("done"));
        healthy();
        WebElement grid = d.findElement(By.id("outcome-grid"));
        assertTrue(grid.getText().contains("DENY"));
        assertEquals(3, grid.findElements(By.cssSelector("tbody tr")).size());
        assertFalse(d.findElements(By.cssSelector("#changes td.removed a[href='/ui/rules/eu.edpb.op28-2024.no-opt-out']")).isEmpty(),
                "the changed decisions with the reason the candidate removes");
        shot("analysis");

        // The rules: catalogue, one rule with its scenarios, coverage, two rulesets compared.
        d.findElement(By.linkText("Rules")).click();
        healthy();
        shot("rules");
        d.findElement(By.cssSelector("a.rule-link[href='/ui/rules/eu.edpb.op28-2024.no-opt-out']")).click();
        wait.until(x -> x.getCurrentUrl().endsWith("/ui/rules/eu.edpb.op28-2024.no-opt-out"));
        healthy();
        assertFalse(d.findElements(By.cssSelector("#fires li")).isEmpty(), "scenarios that fire the rule");
        assertTrue(d.findElement(By.tagName("svg")).isDisplayed(), "the in-force timeline");
        shot("rule");
        d.findElement(By.linkText("Coverage")).click();
        healthy();
        assertFalse(d.findElements(By.cssSelector("#coverage td.hit")).isEmpty());
        shot("coverage");
        d.findElement(By.linkText("Compare")).click();
        new Select(d.findElement(By.id("c-a"))).selectByValue(digest);
        new Select(d.findElement(By.id("c-b"))).selectByValue(candidate);
        d.findElement(By.cssSelector("#compare-form button[type=submit]")).click();
        wait.until(x -> x.getCurrentUrl().contains("b=sha256"));
        healthy();
        assertTrue(d.findElement(By.cssSelector("ul.difflines")).getText().contains("~ rule eu.edpb.op28-2024.no-opt-out"));
        assertEquals("changed", d.findElement(By.xpath("//table[@id='files']//tr[th='rules/eu/edpb/ai/training.drl']//span")).getText());
        shot("compare");

        // Signing out ends the session.
        d.findElement(By.cssSelector("form.who button")).click();
        wait.until(x -> x.getCurrentUrl().endsWith("/ui/login"));
        d.get(url("/ui/decisions"));
        assertTrue(d.getCurrentUrl().endsWith("/ui/login"));
    }
}
