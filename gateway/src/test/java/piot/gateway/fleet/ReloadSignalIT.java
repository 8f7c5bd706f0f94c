package piot.gateway.fleet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piot.gateway.app.Main;
import piot.gateway.runtime.TestMesh;

/**
 * {@code piot run} as its own JVM: SIGHUP (what {@code systemctl reload piot} sends) applies a
 * changed device file in process, and a broken one is refused while the gateway keeps running.
 */
class ReloadSignalIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;
    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    private String yaml(int http, String sensors) {
        return "node: { name: lone-1, network: home, data_dir: " + dir.resolve("data") + " }\n"
                + "hardware: { provider: sim }\nhttp: { listen: 127.0.0.1:" + http + " }\nsensors:\n" + sensors;
    }

    private String things(int http) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/api/things"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private void hangup() throws Exception {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -HUP");
    }

    @Test
    void sighupAppliesAChangedFileAndRefusesABrokenOneWithoutStopping() throws Exception {
        int http = TestMesh.freePort();
        Path config = dir.resolve("piot.yaml");
        String air = "  - { id: air, type: bme280, i2c: { bus: 1, address: 0x76 }, interval: 500ms }\n";
        Files.writeString(config, yaml(http, air));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        process = new ProcessBuilder(List.of(java.toString(), "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "run", "--config", config.toString(), "--sim"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("gateway.log").toFile()).start();
        TestMesh.await("the gateway serves its thing air", WAIT, () -> things(http).contains("\"air\""));

        String both = air + "  - { id: soil, type: sht31, i2c: { bus: 1, address: 0x44 }, interval: 500ms }\n";
        Files.writeString(config, yaml(http, both));
        hangup();
        TestMesh.await("the reloaded gateway serves the new thing soil", WAIT, () -> things(http).contains("\"soil\""));
        TestMesh.await("the reload is logged as applied", WAIT, () -> log().contains("applied"));

        Files.writeString(config, yaml(http, both + "  - { id: bad, type: bme280, i2c: { bus: 1, address: 0x76 }, interval: 1s }\n"));
        hangup();
        TestMesh.await("the broken file is refused", WAIT, () -> log().contains("refused"));
        assertTrue(process.isAlive(), "the gateway keeps running after a refused reload");
        assertTrue(things(http).contains("\"soil\""), "and keeps the config it had");
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("gateway.log"));
        } catch (IOException e) {
            return "";
        }
    }
}
