package piot.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piot.drivers.sim.OutputChange;
import piot.gateway.app.Gateway;
import piot.gateway.config.DeviceConfig;

/** An actuator whose watchdog peer never has a session goes to its safe state after {@code after}. */
class WatchdogTest {
    @TempDir
    Path dir;

    @Test
    void withoutASessionToItsPeerTheActuatorGoesSafeAfterTheWatchdogTime() throws Exception {
        TestMesh net = new TestMesh(dir, "home");
        net.issue("greenhouse-1");
        DeviceConfig c = net.config("greenhouse-1", net.node("greenhouse-1", 0) + net.security("greenhouse-1") + """
                links:
                  - { peer: controller-1, address: 127.0.0.1:%d }
                actuators:
                  - { id: pump, type: gpio-output, pin: 27, initial: on, safe_state: off, watchdog: { peer: controller-1, after: 1s } }
                http: { listen: 127.0.0.1:0 }
                """.formatted(TestMesh.freePort()));
        try (Gateway g = Gateway.create(c, true)) {
            long started = System.nanoTime();
            g.start();
            var sim = g.runtime().simulator().orElseThrow();
            TestMesh.await("the pump on at start", Duration.ofSeconds(5), () -> !sim.outputChanges("pump").isEmpty()
                    && sim.outputChanges("pump").getLast().value() == 1);
            TestMesh.await("the watchdog switching the pump off", Duration.ofSeconds(10),
                    () -> sim.outputChanges("pump").getLast().value() == 0);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis >= 1000, "not before the watchdog time: " + millis + " ms");
            List<Double> values = sim.outputChanges("pump").stream().map(OutputChange::value).toList();
            assertEquals(0.0, values.getLast(), values.toString());
        }
    }
}
