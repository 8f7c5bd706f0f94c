package piot.gateway.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import piot.gateway.testing.HeadlessChromium;

/**
 * A person opens the status page in headless Chromium: sees the mesh and live readings, presses
 * an actuator button and watches the action complete. Screenshots go to target/ for a human look.
 */
class StatusPageBrowserIT {
    FakeModel model;
    StatusServer server;
    HeadlessChromium browser;
    WebDriver driver;

    @BeforeEach
    void start() throws IOException {
        browser = HeadlessChromium.start();
        driver = browser.driver();
        model = new FakeModel();
    }

    @AfterEach
    void stop() throws IOException {
        if (browser != null) browser.close();
        if (server != null) server.close();
    }

    WebDriverWait await() {
        return new WebDriverWait(driver, Duration.ofSeconds(10));
    }

    WebElement find(String css) {
        return await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    void awaitText(String css, String text) {
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    void screenshot(String name) throws IOException {
        byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Path out = Path.of("target", name);
        Files.createDirectories(out.getParent());
        Files.write(out, png);
    }

    void openPage() {
        driver.get(server.uri().toString());
        awaitText("#node-name", "greenhouse-1");
        awaitText("#live", "live");
        TestServers.await("page subscribed to events", Duration.ofSeconds(10), () -> server.eventClients() >= 1);
    }

    @Test
    void personSeesTheMeshAndLiveReadingsAndRunsAnAction() throws IOException {
        model.put(new ThingInfo("greenhouse-1", "fan", "pwm-output", List.of(KeyValue.of("duty", 0.2, "", FakeModel.T0)),
                List.of(new ActionInfo("duty", true, List.of()))));
        model.peers.add(new PeerInfo("orchard-1", "192.168.1.31:7420", PeerInfo.State.UP, FakeModel.T0, 0, Duration.ofMillis(31), null));
        server = StatusServer.start(model, TestServers.loopback());
        openPage();
        find("#mesh [data-node='orchard-1'] circle.up");
        find("#mesh [data-node='barn-1'] circle.up");
        find("#mesh [data-node='field-1'] circle.down");
        awaitText("#mesh [data-depth='barn-1']", "3");
        awaitText("[data-key='greenhouse-1/air/temperature']", "21.4");
        awaitText("#errors", "I2C NACK at 0x76");

        double[] temps = {21.6, 22.1, 22.9, 23.4, 23.1, 22.7, 23.8, 24.2, 23.75};
        for (double t : temps) model.reading("greenhouse-1", "air", "temperature", t, "°C");
        for (int i = 0; i < 8; i++) model.reading("greenhouse-1", "air", "humidity", 55 + (i % 3) * 2 - i * 0.5, "%RH");
        awaitText("[data-key='greenhouse-1/air/temperature']", "23.75");
        awaitText("[data-key='greenhouse-1/air/humidity']", "53.5");
        Number inked = (Number) ((JavascriptExecutor) driver).executeScript(
                "const c = document.querySelector(\"[data-chart='greenhouse-1/air/temperature']\");"
                        + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                        + "let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n;");
        assertTrue(inked.intValue() > 20, "the sparkline is drawn: " + inked + " pixels");

        find("button[data-action='greenhouse-1/pump/set'][data-value='on']").click();
        awaitText("[data-status-for='greenhouse-1/pump'] .pill", "completed");
        awaitText("[data-key='greenhouse-1/pump/state']", "on");
        assertEquals("on", model.submitted.getFirst().value());

        find("input[data-input='greenhouse-1/fan/duty']").sendKeys("0.75");
        find("button[data-action='greenhouse-1/fan/duty']").click();
        awaitText("[data-status-for='greenhouse-1/fan'] .pill", "completed");
        awaitText("[data-key='greenhouse-1/fan/duty']", "0.75");
        assertEquals(0.75, model.submitted.get(1).value(), "a typed number is sent as a number");

        model.publish(new LiveEvent.Peer(new PeerInfo("barn-1", "192.168.1.20:7420", PeerInfo.State.DOWN, FakeModel.T0, 12, null, null)));
        find("#mesh [data-node='barn-1'] circle.down");
        awaitText("#mesh [data-depth='barn-1']", "12");
        model.publish(new LiveEvent.Peer(new PeerInfo("barn-1", "192.168.1.20:7420", PeerInfo.State.UP, FakeModel.T0, 2, Duration.ofMillis(9), null)));
        find("#mesh [data-node='barn-1'] circle.up");
        screenshot("status-page-desktop.png");

        driver.manage().window().setSize(new Dimension(390, 1400));
        Number overflow = (Number) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertTrue(overflow.intValue() <= 0, "no sideways scrolling on a phone: " + overflow + " px too wide");
        screenshot("status-page-phone.png");
    }

    @Test
    void peersAndThingsComeAndGoOnTheOpenPageWithoutAReload() throws IOException {
        server = StatusServer.start(model, TestServers.loopback());
        openPage();
        find("[data-thing='greenhouse-1/pump']");
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript("window.piotSamePage = 'yes';");

        model.peers.add(new PeerInfo("shed-1", "192.168.1.30:7420", PeerInfo.State.UP, FakeModel.T0, 0, null, null));
        model.put(new ThingInfo("shed-1", "light", "gpio-output", List.of(KeyValue.of("state", "off", "", FakeModel.T0)),
                List.of(new ActionInfo("set", true, List.of("on", "off")))));
        find("#mesh [data-node='shed-1'] circle.up");
        awaitText("[data-thing='shed-1/light']", "light");
        // The new thing's button works like any other.
        find("button[data-action='shed-1/light/set'][data-value='on']").click();
        awaitText("[data-status-for='shed-1/light'] .pill", "completed");
        assertEquals("shed-1", model.submitted.getFirst().node());

        model.peers.replaceAll(p -> p.name().equals("shed-1") ? new PeerInfo("shed-1", p.address(), PeerInfo.State.DOWN, FakeModel.T0, 5, null, null) : p);
        find("#mesh [data-node='shed-1'] circle.down");
        awaitText("#mesh [data-depth='shed-1']", "5");
        screenshot("status-page-live-diff.png");

        model.things.remove("shed-1/light");
        model.peers.removeIf(p -> p.name().equals("shed-1"));
        await().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-thing='shed-1/light']"), 0));
        await().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#mesh [data-node='shed-1']"), 0));
        find("[data-thing='greenhouse-1/pump']");
        find("#mesh [data-node='barn-1']");
        assertEquals("yes", js.executeScript("return window.piotSamePage;"), "the page was never reloaded");
    }

    @Test
    void pageAsksForTheTokenOnceAndUsesIt() throws IOException {
        server = StatusServer.start(model, TestServers.exposed("s3cret"));
        openPage();
        WebElement form = find("#token-form");
        await().until(d -> form.isDisplayed());
        driver.findElement(By.id("token-input")).sendKeys("s3cret");
        form.findElement(By.cssSelector("button")).click();
        await().until(d -> !form.isDisplayed());
        assertEquals("s3cret", ((JavascriptExecutor) driver).executeScript("return localStorage.getItem('piot.token');"));

        find("button[data-action='greenhouse-1/pump/set'][data-value='off']").click();
        awaitText("[data-status-for='greenhouse-1/pump'] .pill", "completed");
        assertEquals(List.of("off"), model.submitted.stream().map(ActionRequest::value).toList());

        driver.navigate().refresh();
        awaitText("#node-name", "greenhouse-1");
        assertTrue(!driver.findElement(By.id("token-form")).isDisplayed(), "the token is remembered, not asked again");
    }
}
