package piot.gateway.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piot.drivers.sim.OutputChange;
import piot.drivers.sim.Simulator;
import piot.gateway.app.Gateway;
import piot.gateway.config.DeviceConfig;
import piot.gateway.runtime.TestMesh;
import piot.gateway.testing.Mosquitto;

/**
 * The bridge wired into a running gateway: a simulated greenhouse gateway whose {@code mqtt:}
 * points at a real Mosquitto publishes its readings and Home Assistant discovery, and takes
 * commands from {@code mosquitto_pub} through the real router to its (simulated) pump.
 */
class GatewayMqttIT {
    private static final String PUMP_STATUS = "piot/greenhouse-1/pump/switch/status";

    @TempDir
    Path dir;
    Mosquitto broker;
    Gateway gateway;
    Subscriber consumer;

    @BeforeEach
    void start() throws Exception {
        broker = Mosquitto.start(java.nio.file.Files.createDirectories(dir.resolve("broker")));
        consumer = new Subscriber(broker.url(), "piot/#", "homeassistant/#");
        TestMesh net = new TestMesh(dir, "home");
        DeviceConfig c = net.config("greenhouse-1", net.node("greenhouse-1", 0) + """
                sensors:
                  - { id: air, type: sht31, i2c: { bus: 1, address: 0x44 }, interval: 500ms }
                actuators:
                  - { id: pump, type: gpio-output, pin: 27, initial: off, safe_state: off }
                http: { listen: 127.0.0.1:0 }
                mqtt:
                  url: %s
                  homeassistant: true
                simulation:
                  sensors:
                    air:
                      temperature: { signal: constant, value: 21.5 }
                """.formatted(broker.url()));
        gateway = Gateway.create(c, true);
        gateway.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (consumer != null) {
            consumer.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void readingsAndDiscoveryReachTheBroker() {
        JsonNode t = consumer.awaitOn("piot/greenhouse-1/air/temperature", m -> true).json();
        assertEquals(21.5, t.get("value").doubleValue(), t.toString());
        assertEquals("°C", t.get("unit").textValue(), t.toString());
        Instant ts = Instant.parse(t.get("ts").textValue());
        assertTrue(Duration.between(ts, Instant.now()).abs().toSeconds() < 30, "ts is now-ish: " + ts);
        assertTrue(t.get("id").textValue().startsWith("greenhouse-1:"), t.toString());
        assertEquals("online", consumer.awaitOn("piot/greenhouse-1/status", m -> true).payload());

        JsonNode sensor = consumer.awaitOn("homeassistant/sensor/piot_greenhouse-1/air_temperature/config", m -> true).json();
        assertEquals("piot/greenhouse-1/air/temperature", sensor.get("state_topic").textValue(), sensor.toString());
        JsonNode sw = consumer.awaitOn("homeassistant/switch/piot_greenhouse-1/pump_switch/config", m -> true).json();
        assertEquals("piot/greenhouse-1/pump/switch/set", sw.get("command_topic").textValue(), sw.toString());
    }

    @Test
    void mosquittoPubSwitchesTheSimulatedPumpExactlyOnce() throws Exception {
        Simulator sim = gateway.runtime().simulator().orElseThrow();
        consumer.awaitOn("piot/greenhouse-1/status", m -> m.payload().equals("online"));
        assertEquals(0, onCount(sim), "the pump starts off");

        assertEquals(0, broker.cli("mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(broker.port()),
                "-t", "piot/greenhouse-1/pump/switch/set", "-m", "on", "-q", "1"));

        String id = consumer.awaitOn(PUMP_STATUS, m -> m.json().get("status").textValue().equals("completed")).json().get("id").textValue();
        assertEquals(List.of("pending", "delivered", "completed"), statuses(id));
        assertEquals(1, onCount(sim), "switched on once: " + sim.outputChanges("pump"));
        assertEquals(1.0, sim.outputChanges("pump").getLast().value());
    }

    @Test
    void aReplayedCommandIdThroughTheRealRouterRunsOnce() throws Exception {
        Simulator sim = gateway.runtime().simulator().orElseThrow();
        consumer.awaitOn("piot/greenhouse-1/status", m -> m.payload().equals("online"));
        long expiry = System.currentTimeMillis() + 60_000;
        String command = "{\"value\":\"on\",\"id\":\"replay-1\",\"expiry\":" + expiry + "}";
        for (int i = 0; i < 2; i++) {
            consumer.publish("piot/greenhouse-1/pump/switch/set", command, false);
        }
        consumer.awaitOn(PUMP_STATUS, m -> m.json().get("id").textValue().equals("replay-1")
                && m.json().get("status").textValue().equals("completed"));
        // A third copy after the first completed: the tracker knows the id, the executor's record too.
        consumer.publish("piot/greenhouse-1/pump/switch/set", command, false);
        // A later, different command is the marker that all three copies were handled (one command thread, in order).
        consumer.publish("piot/greenhouse-1/pump/switch/set", "{\"value\":\"off\",\"id\":\"after-1\",\"expiry\":" + expiry + "}", false);
        consumer.awaitOn(PUMP_STATUS, m -> m.json().get("id").textValue().equals("after-1")
                && m.json().get("status").textValue().equals("completed"));

        assertEquals(1, onCount(sim), "the replayed id ran once: " + sim.outputChanges("pump"));
        assertEquals(List.of("pending", "delivered", "completed"), statuses("replay-1"));
        assertEquals(0.0, sim.outputChanges("pump").getLast().value());
    }

    private static long onCount(Simulator sim) {
        return sim.outputChanges("pump").stream().map(OutputChange::value).filter(v -> v == 1.0).count();
    }

    private List<String> statuses(String id) {
        return consumer.on(PUMP_STATUS).stream().filter(m -> m.json().get("id").textValue().equals(id))
                .map(m -> m.json().get("status").textValue()).toList();
    }
}
