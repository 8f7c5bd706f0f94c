package piot.gateway.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piot.gateway.holding.HoldPolicy;
import piot.gateway.holding.HoldingConfig;
import piot.gateway.holding.NodeStore;
import piot.gateway.router.RouterMessage.EventMessage;
import piot.gateway.testing.Mosquitto;
import piot.time.Clock;

/** The bridge against a real Mosquitto: readings out, commands in, statuses back, the retained and replay rules. */
class MqttBridgeIT {
    static final String NODE = "gh";
    static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    Mosquitto broker;
    NodeStore store;
    FakeGateway gateway;
    MqttBridge bridge;
    Subscriber consumer;

    @BeforeEach
    void startBroker() throws Exception {
        broker = Mosquitto.start(dir);
        store = NodeStore.open(dir.resolve("data"), HoldingConfig.defaults().withGroupCommit(Duration.ofMillis(1)), Clock.system());
        gateway = new FakeGateway(NODE, Clock.system());
    }

    void startBridge() {
        bridge = MqttBridge.start(MqttSettings.defaults(NODE, broker.url()), store.linkStore(), Clock.system(), gateway);
        gateway.bridge.set(bridge);
        Await.until(WAIT, "the bridge to connect", bridge::connected);
    }

    @AfterEach
    void stopAll() throws Exception {
        if (consumer != null) {
            consumer.close();
        }
        if (bridge != null) {
            bridge.close();
        }
        store.close();
        broker.close();
    }

    @Test
    void aReadingArrivesRetainedOnItsTopicWithValueUnitTimestampAndId() throws Exception {
        consumer = new Subscriber(broker.url(), "piot/#");
        startBridge();
        long ts = 1_795_341_600_123L; // 2026-11-22T10:00:00.123Z
        bridge.onEvent(NODE, new EventMessage("air", "temperature", 21.4, "°C", ts, false, Optional.empty()), HoldPolicy.ALL).join();

        Subscriber.Received r = consumer.awaitOn("piot/gh/air/temperature", m -> true);
        JsonNode j = r.json();
        assertEquals(21.4, j.get("value").doubleValue());
        assertEquals("°C", j.get("unit").textValue());
        assertEquals("2026-11-22T10:00:00.123Z", j.get("ts").textValue());
        assertTrue(j.get("id").textValue().startsWith("gh:"), j.toString());
        assertFalse(j.has("historical"), "a live reading is not historical: " + j);
        assertEquals("online", consumer.awaitOn("piot/gh/status", m -> true).payload());

        // A late subscriber still gets the latest value: readings are retained.
        try (Subscriber late = new Subscriber(broker.url(), "piot/gh/air/temperature")) {
            assertTrue(late.awaitOn("piot/gh/air/temperature", m -> true).retained());
        }
        Await.until(WAIT, "the outbox to drain", () -> bridge.backlog() == 0);
    }

    @Test
    void aSensorFaultIsPublishedOnTheThingsErrorTopicAndReplayedReadingsAreHistorical() throws Exception {
        consumer = new Subscriber(broker.url(), "piot/#");
        startBridge();
        long ts = System.currentTimeMillis();
        bridge.onEvent(NODE, new EventMessage("air", "temperature", Double.NaN, "°C", ts, false, Optional.of("i2c nack at 0x76")),
                HoldPolicy.ALL).join();
        bridge.onEvent(NODE, new EventMessage("air", "humidity", 55, "%", ts, true, Optional.empty()), HoldPolicy.ALL).join();

        JsonNode err = consumer.awaitOn("piot/gh/air/error", m -> true).json();
        assertEquals("temperature", err.get("key").textValue());
        assertEquals("i2c nack at 0x76", err.get("error").textValue());
        JsonNode hist = consumer.awaitOn("piot/gh/air/humidity", m -> true).json();
        assertTrue(hist.get("historical").booleanValue(), hist.toString());
    }

    @Test
    void readingsOfOtherNodesAreBridgedOnlyWithBridgeAll() throws Exception {
        consumer = new Subscriber(broker.url(), "piot/#");
        startBridge();
        long ts = System.currentTimeMillis();
        bridge.onEvent("barn", new EventMessage("air", "temperature", 9, "°C", ts, false, Optional.empty()), HoldPolicy.ALL).join();
        bridge.onEvent(NODE, new EventMessage("air", "temperature", 20, "°C", ts, false, Optional.empty()), HoldPolicy.ALL).join();
        consumer.awaitOn("piot/gh/air/temperature", m -> true);
        assertTrue(consumer.on("piot/barn/air/temperature").isEmpty(), "bridge: local must not publish barn's readings");
        bridge.close();

        bridge = MqttBridge.start(MqttSettings.defaults(NODE, broker.url()).withBridgeAll(true), store.linkStore(), Clock.system(), gateway);
        bridge.onEvent("barn", new EventMessage("air", "temperature", 9, "°C", ts, false, Optional.empty()), HoldPolicy.ALL).join();
        assertEquals(9.0, consumer.awaitOn("piot/barn/air/temperature", m -> true).json().get("value").doubleValue());
    }

    @Test
    void mosquittoPubOnTheSetTopicBecomesAnActionWhoseStatusesArePublished() throws Exception {
        consumer = new Subscriber(broker.url(), "piot/gh/pump/switch/status");
        startBridge();

        assertEquals(0, broker.cli("mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(broker.port()),
                "-t", "piot/gh/pump/switch/set", "-m", "on", "-q", "1"));

        Subscriber.Received completed = consumer.awaitOn("piot/gh/pump/switch/status",
                m -> m.json().get("status").textValue().equals("completed"));
        assertEquals(1, gateway.executed().size());
        var request = gateway.executed().getFirst();
        assertEquals("on", request.value());
        assertEquals("switch", request.action());
        String id = completed.json().get("id").textValue();
        assertEquals(request.requestId(), id);
        long expiresIn = request.expiryWallMillis() - System.currentTimeMillis();
        assertTrue(expiresIn > 0 && expiresIn <= 30_000, "a bare value gets the default 30 s expiry, was " + expiresIn);
        List<String> statuses = consumer.on("piot/gh/pump/switch/status").stream()
                .filter(m -> m.json().get("id").textValue().equals(id)).map(m -> m.json().get("status").textValue()).toList();
        assertEquals(List.of("pending", "delivered", "completed"), statuses);
    }

    @Test
    void aBadCommandOrUnknownThingIsAnsweredFailedWithTheReason() throws Exception {
        consumer = new Subscriber(broker.url(), "piot/gh/+/+/status");
        startBridge();
        consumer.publish("piot/gh/pump/switch/set", "{\"value\":\"on\",\"colour\":1}", false);
        consumer.publish("piot/gh/kettle/switch/set", "on", false);

        JsonNode bad = consumer.awaitOn("piot/gh/pump/switch/status", m -> true).json();
        assertEquals("failed", bad.get("status").textValue());
        assertTrue(bad.get("detail").textValue().contains("unknown field 'colour'"), bad.toString());
        JsonNode unknown = consumer.awaitOn("piot/gh/kettle/switch/status", m -> true).json();
        assertEquals("failed", unknown.get("status").textValue());
        assertTrue(unknown.get("detail").textValue().contains("unknown thing"), unknown.toString());
        assertTrue(gateway.executed().isEmpty());
    }

    @Test
    void aRetainedCommandWithoutItsOwnExpiryIsNotExecutedOnConnect() throws Exception {
        consumer = new Subscriber(broker.url(), "piot/gh/pump/switch/status");
        String port = String.valueOf(broker.port());
        // Left on the broker before piot connects, as a forgotten `mosquitto_pub -r` would be.
        assertEquals(0, broker.cli("mosquitto_pub", "-h", "127.0.0.1", "-p", port, "-t", "piot/gh/pump/switch/set", "-m", "on", "-r"));
        startBridge();
        // A live command after it proves the subscription was in place when the retained one came.
        assertEquals(0, broker.cli("mosquitto_pub", "-h", "127.0.0.1", "-p", port, "-t", "piot/gh/pump/switch/set",
                "-m", "{\"value\":\"off\",\"id\":\"after-1\"}", "-q", "1"));
        consumer.awaitOn("piot/gh/pump/switch/status", m -> m.json().get("id").textValue().equals("after-1")
                && m.json().get("status").textValue().equals("completed"));

        assertEquals(List.of("off"), gateway.submitted().stream().map(r -> r.value()).toList(),
                "the retained 'on' must never reach the actuator");
    }

    @Test
    void aRetainedCommandWithIdAndFutureExpiryRunsOnceAcrossReconnects() throws Exception {
        consumer = new Subscriber(broker.url(), "piot/gh/pump/switch/status");
        long expiry = System.currentTimeMillis() + 60_000;
        consumer.publish("piot/gh/pump/switch/set", "{\"value\":\"on\",\"id\":\"keep-1\",\"expiry\":" + expiry + "}", true);
        startBridge();
        consumer.awaitOn("piot/gh/pump/switch/status", m -> m.json().get("status").textValue().equals("completed"));
        bridge.close();

        // Reconnecting replays the retained command; the executor's at-most-once by id drops it.
        startBridge();
        Await.until(WAIT, "the replay to be submitted", () -> gateway.submitted().size() == 2);
        assertEquals(1, gateway.executed().size(), "a replay with the same id must not run again");
        assertEquals(List.of("keep-1", "keep-1"), gateway.submitted().stream().map(r -> r.requestId()).toList());
    }

    @Test
    void aReplayedCommandWithTheSameIdRunsOnceAndTheReplayIsAnsweredWithTheSameFinalStatus() throws Exception {
        consumer = new Subscriber(broker.url(), "piot/gh/pump/switch/status");
        startBridge();
        String cmd = "{\"value\":\"on\",\"id\":\"cmd-42\",\"expiry\":\"" + java.time.Instant.now().plusSeconds(60) + "\"}";
        consumer.publish("piot/gh/pump/switch/set", cmd, false);
        consumer.publish("piot/gh/pump/switch/set", cmd, false);

        consumer.await(WAIT, "two completed statuses for cmd-42", l -> l.stream()
                .filter(m -> m.json().get("status").textValue().equals("completed")).count() == 2);
        assertEquals(2, gateway.submitted().size());
        assertEquals(1, gateway.executed().size(), "the same id must run at most once");
    }

    @Test
    void aCommandPastItsExplicitExpiryIsAnsweredExpiredAndNeverRuns() throws Exception {
        consumer = new Subscriber(broker.url(), "piot/gh/pump/switch/status");
        startBridge();
        consumer.publish("piot/gh/pump/switch/set",
                "{\"value\":\"on\",\"id\":\"old-1\",\"expiry\":" + (System.currentTimeMillis() - 1_000) + "}", false);
        consumer.awaitOn("piot/gh/pump/switch/status", m -> m.json().get("status").textValue().equals("expired"));
        assertTrue(gateway.executed().isEmpty());
    }
}
