package piot.gateway.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import piot.gateway.config.ConfigLoader;
import piot.gateway.config.LoadResult;
import piot.gateway.testing.HeadlessChromium;

/**
 * A person opens the controller's status page of the running demo mesh in headless Chromium: the
 * three nodes appear, live readings from the greenhouse arrive two hops away, and pressing the
 * greenhouse pump's "on" button ends with the action completed and the real (simulated) pump on.
 */
class DemoPageBrowserIT {
    @TempDir
    Path dir;

    @Test
    void theControllerPageShowsTheMeshLiveReadingsAndSwitchesTheGreenhousePump() throws Exception {
        DemoSite site = DemoSite.write(dir.resolve("site"), null);
        List<Gateway> gateways = new ArrayList<>();
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            for (String node : DemoSite.NODES) {
                Gateway g = Gateway.create(((LoadResult.Loaded) ConfigLoader.load(site.config(node))).config(), true);
                g.start();
                gateways.add(g);
            }
            // The page draws the peers it loads, then follows session changes; a node reached through a
            // relay appears once routing has converged, so open the page after that.
            Gateway controller = gateways.get(2);
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (controller.runtime().status().peers().stream().noneMatch(p -> p.name().equals(DemoSite.GREENHOUSE))) {
                assertTrue(System.nanoTime() < deadline, "the controller learns a route to greenhouse-1 within 40 s");
                Thread.sleep(100);
            }
            WebDriver driver = browser.driver();
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
            gateways.forEach(Gateway::close);
        }
    }
}
