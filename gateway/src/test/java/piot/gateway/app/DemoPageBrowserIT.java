package piot.gateway.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import piot.gateway.config.ConfigLoader;
import piot.gateway.config.LoadResult;

/**
 * A person opens the controller's status page of the running demo mesh in headless Chromium: the
 * three nodes appear, live readings from the greenhouse arrive two hops away, and pressing the
 * greenhouse pump's "on" button ends with the action completed and the real (simulated) pump on.
 */
class DemoPageBrowserIT {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path dir;

    @Test
    void theControllerPageShowsTheMeshLiveReadingsAndSwitchesTheGreenhousePump() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser test skipped: needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
        DemoSite site = DemoSite.write(dir.resolve("site"), null);
        List<Gateway> gateways = new ArrayList<>();
        Path profile = Files.createTempDirectory("piot-chromium-");
        WebDriver driver = null;
        try {
            for (String node : DemoSite.NODES) {
                Gateway g = Gateway.create(((LoadResult.Loaded) ConfigLoader.load(site.config(node))).config(), true);
                g.start();
                gateways.add(g);
            }
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--user-data-dir=" + profile, "--window-size=1280,1000");
            driver = new ChromeDriver(new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build(), options);
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(40));
            driver.get(site.httpUrl(DemoSite.CONTROLLER));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#node-name"), DemoSite.CONTROLLER));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#mesh [data-node='barn-1'] circle.up")));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#mesh [data-node='greenhouse-1']")));
            By temperature = By.cssSelector("[data-key='greenhouse-1/air/temperature']");
            wait.until(d -> d.findElement(temperature).getText().matches("(?s).*\\d+\\.\\d+.*"));
            String first = driver.findElement(temperature).getText();
            wait.until(d -> !d.findElement(temperature).getText().equals(first));

            wait.until(ExpectedConditions.elementToBeClickable(
                    By.cssSelector("button[data-action='greenhouse-1/pump/switch'][data-value='on']"))).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("[data-status-for='greenhouse-1/pump'] .pill"), "completed"));
            Gateway greenhouse = gateways.getFirst();
            var changes = greenhouse.runtime().simulator().orElseThrow().outputChanges("pump");
            assertTrue(changes.stream().filter(c -> c.value() > 0.5).count() == 1,
                    "the pump was switched on exactly once: " + changes);
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target", "demo-controller-page.png"), png);
        } finally {
            if (driver != null) {
                driver.quit();
            }
            gateways.forEach(Gateway::close);
            try (var walk = Files.walk(profile)) {
                walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
