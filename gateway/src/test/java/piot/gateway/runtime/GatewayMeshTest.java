package piot.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piot.drivers.sim.OutputChange;
import piot.gateway.app.Gateway;
import piot.gateway.config.DeviceConfig;
import piot.gateway.status.ActionHistory;
import piot.gateway.status.ActionRequest;
import piot.gateway.status.ActionStatus;
import piot.gateway.status.ActionSubmission;
import piot.gateway.status.KeyValue;

/**
 * Three gateways in a line, greenhouse-1 — barn-1 — controller-1, built from device files with
 * simulated hardware, talking TLS over loopback. barn-1 dials both others; the controller reaches
 * the greenhouse only through the barn.
 */
class GatewayMeshTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private Gateway greenhouse;
    private Gateway barn;
    private Gateway controller;
    private DeviceConfig barnConfig;

    @BeforeEach
    void start() throws Exception {
        TestMesh net = new TestMesh(dir, "home");
        for (String n : List.of("greenhouse-1", "barn-1", "controller-1")) {
            net.issue(n);
        }
        int gPort = TestMesh.freePort();
        int cPort = TestMesh.freePort();
        int bPort = TestMesh.freePort();
        DeviceConfig g = net.config("greenhouse-1", net.node("greenhouse-1", gPort) + net.security("greenhouse-1") + """
                hardware: { provider: sim }
                sensors:
                  - { id: air, type: bme280, i2c: { bus: 1, address: 0x76 }, interval: 500ms }
                actuators:
                  - { id: pump, type: gpio-output, pin: 27, safe_state: off }
                http: { listen: 127.0.0.1:0 }
                """);
        DeviceConfig c = net.config("controller-1", net.node("controller-1", cPort) + net.security("controller-1") + """
                hardware: { provider: sim }
                http: { listen: 127.0.0.1:0 }
                """);
        barnConfig = net.config("barn-1", net.node("barn-1", bPort) + net.security("barn-1") + """
                links:
                  - { peer: greenhouse-1, address: 127.0.0.1:%d }
                  - { peer: controller-1, address: 127.0.0.1:%d }
                hardware: { provider: sim }
                http: { listen: 127.0.0.1:0 }
                """.formatted(gPort, cPort));
        greenhouse = Gateway.create(g, true);
        controller = Gateway.create(c, true);
        greenhouse.start();
        controller.start();
        barn = Gateway.create(barnConfig, true);
        barn.start();
        TestMesh.await("the controller knows greenhouse-1/pump", WAIT,
                () -> controller.runtime().status().thing("greenhouse-1", "pump").isPresent());
    }

    @AfterEach
    void stop() {
        for (Gateway gw : new Gateway[] {controller, barn, greenhouse}) {
            if (gw != null) {
                gw.close();
            }
        }
    }

    @Test
    void readingsOfTheGreenhouseReachTheControllersDirectoryThroughTheBarn() {
        TestMesh.await("a greenhouse temperature at the controller", WAIT, () -> controller.runtime().status()
                .thing("greenhouse-1", "air").flatMap(t -> t.keys().stream().filter(k -> k.key().equals("temperature")).findFirst())
                .map(KeyValue::value).isPresent());
        double t = ((Number) controller.runtime().status().thing("greenhouse-1", "air").orElseThrow().keys().stream()
                .filter(k -> k.key().equals("temperature")).findFirst().orElseThrow().value()).doubleValue();
        assertTrue(t > -40 && t < 85, "a plausible simulated temperature: " + t);
    }

    @Test
    void anActionFromTheControllerRunsOnceOnTheGreenhouseAndEndsCompleted() {
        String id = submit("on", Duration.ofSeconds(30));
        awaitStatus(id, ActionStatus.COMPLETED);
        assertEquals(List.of(1.0), pumpChanges(), "the pump was switched on exactly once");
        assertEquals(List.of(ActionStatus.PENDING, ActionStatus.DELIVERED, ActionStatus.COMPLETED), statuses(id));
    }

    @Test
    void theMeshMetricsCountWhatReallyCrossedTheSessions() {
        String id = submit("on", Duration.ofSeconds(30));
        awaitStatus(id, ActionStatus.COMPLETED);
        TestMesh.await("the controller's peers show a round trip to the barn", WAIT,
                () -> controller.runtime().status().peers().stream().anyMatch(p -> p.name().equals("barn-1") && p.rtt() != null));
        // Routes are learnt from adverts, so the relayed entry may trail the action by an advert interval.
        var seen = new java.util.concurrent.atomic.AtomicReference<piot.gateway.status.PeerInfo>();
        TestMesh.await("the controller lists greenhouse-1 as reached through barn-1", WAIT, () -> controller.runtime().status().peers().stream()
                .filter(p -> p.name().equals("greenhouse-1") && "barn-1".equals(p.via())).peek(seen::set).findFirst().isPresent());
        var relayed = seen.get();
        assertTrue(relayed.since().isAfter(java.time.Instant.parse("2020-01-01T00:00:00Z")), "a relayed node's since is real: " + relayed);
        String text = controller.runtime().status().metrics().render();
        for (String series : List.of("piot_messages_out_total{type=\"action\"}", "piot_messages_out_total{type=\"hello\"}",
                "piot_messages_in_total{type=\"event\"}", "piot_messages_in_total{type=\"confirm\"}",
                "piot_messages_in_total{type=\"action-status\"}", "piot_confirmations_total{peer=\"barn-1\",outcome=\"ok\"}",
                "piot_delivery_latency_seconds_count{", "piot_confirmation_rtt_seconds_count{peer=\"barn-1\"}",
                "piot_event_latency_seconds_count", "piot_action_latency_seconds_count", "piot_actions_total{outcome=\"completed\"}")) {
            double v = TestMesh.sample(text, series);
            assertTrue(v > 0, series + " must have counted something:\n" + text);
        }
    }

    @Test
    void withTheRelayDownAnActionIsHeldAndRunsOnceItReturnsWhileAShortOneExpires() {
        barn.close();
        TestMesh.await("the controller sees the barn down", WAIT, () -> !controller.runtime().sessionsUp().contains("barn-1"));
        String held = submit("on", Duration.ofSeconds(30));
        long shortExpiry = System.currentTimeMillis() + 1000;
        String expiring = submit("off", Duration.ofSeconds(1));
        TestMesh.await("the short action's expiry", Duration.ofSeconds(5), () -> System.currentTimeMillis() > shortExpiry + 200);
        assertEquals(List.of(), pumpChanges(), "nothing ran while the relay was down");
        barn = Gateway.create(barnConfig, true);
        barn.start();
        awaitStatus(held, ActionStatus.COMPLETED);
        awaitStatus(expiring, ActionStatus.EXPIRED);
        assertEquals(List.of(1.0), pumpChanges(), "the held action ran once; the expired one never");
    }

    private String submit(String value, Duration expiry) {
        ActionSubmission s = controller.runtime().status().submit(
                new ActionRequest("greenhouse-1", "pump", "switch", value, expiry, "test"));
        return assertInstanceOf(ActionSubmission.Accepted.class, s, s.toString()).id();
    }

    private void awaitStatus(String id, ActionStatus wanted) {
        TestMesh.await("action " + id + " " + wanted.wire(), WAIT, () -> controller.runtime().status().action(id)
                .map(ActionHistory::status).filter(ActionStatus::isFinal).isPresent());
        Optional<ActionHistory> h = controller.runtime().status().action(id);
        assertEquals(wanted, h.orElseThrow().status(), h.toString());
    }

    private List<ActionStatus> statuses(String id) {
        return controller.runtime().status().action(id).orElseThrow().updates().stream().map(ActionHistory.Update::status).toList();
    }

    /** The pump's recorded output changes after start (open puts it safe: off). */
    private List<Double> pumpChanges() {
        List<OutputChange> all = greenhouse.runtime().simulator().orElseThrow().outputChanges("pump");
        return all.stream().map(OutputChange::value).filter(v -> v > 0).toList();
    }
}
