package piot.gateway.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code piot run} as its own process: SIGTERM closes the gateway and exits 0; a broken file exits 2 at once. */
class RunCommandIT {
    private static Process piot(String... args) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    @Test
    void sigtermClosesTheGatewayAndExitsZero() throws Exception {
        Process p = piot("run", "--sim", "--config", "../config/examples/greenhouse.yaml");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> startedLine = CompletableFuture.supplyAsync(() -> firstLineContaining(out, "node greenhouse-1 of network home"));
            assertTrue(startedLine.get(60, TimeUnit.SECONDS).contains("simulated hardware"));
            p.toHandle().destroy(); // SIGTERM; Process.destroy would also close our end of its output
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "piot run ends after SIGTERM");
            assertEquals(0, p.exitValue());
            String rest = String.join("\n", out.lines().toList());
            assertTrue(rest.contains("node greenhouse-1 stopped"), rest);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aBrokenFileExitsTwoWithoutStartingAnything() throws Exception {
        Process p = piot("run", "--config", "src/test/resources/config/broken/pin-claimed-twice.yaml");
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "piot run exits by itself");
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(2, p.exitValue());
            assertEquals("src/test/resources/config/broken/pin-claimed-twice.yaml:7:41: GPIO pin 17 of actuator 'pump' is already used by sensor 'door' at line 5",
                    output.strip());
        } finally {
            p.destroyForcibly();
        }
    }

    private static String firstLineContaining(BufferedReader in, String text) {
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.contains(text)) {
                    return line;
                }
            }
            return "";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
