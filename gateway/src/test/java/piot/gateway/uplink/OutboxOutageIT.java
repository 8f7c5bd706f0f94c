package piot.gateway.uplink;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piot.gateway.holding.AppendResult;
import piot.gateway.holding.HoldPolicy;
import piot.gateway.holding.HoldingConfig;
import piot.gateway.holding.NodeStore;
import piot.gateway.router.RouterMessage.EventMessage;
import piot.gateway.testing.Mosquitto;
import piot.time.Clock;

/**
 * The outbox guarantee: a broker outage, or the bridge and its store going away abruptly, loses
 * no acknowledged reading and keeps them in order for a consumer that drops repeats by id.
 */
class OutboxOutageIT {
    static final String NODE = "gh";
    static final String TOPIC = "piot/gh/air/temperature";
    static final int READINGS = 2_000;

    @TempDir
    Path dir;

    static NodeStore open(Path dataDir) {
        return NodeStore.open(dataDir, HoldingConfig.defaults().withGroupCommit(Duration.ofMillis(1)), Clock.system());
    }

    static EventMessage reading(int i) {
        return new EventMessage("air", "temperature", i, "°C", System.currentTimeMillis(), false, Optional.empty());
    }

    /** Readings by their value, first sight of each id only, in arrival order. */
    static List<Integer> deduped(Subscriber consumer) {
        Map<String, Integer> byId = new LinkedHashMap<>();
        for (Subscriber.Received r : consumer.on(TOPIC)) {
            JsonNode j = r.json();
            byId.putIfAbsent(j.get("id").textValue(), (int) j.get("value").doubleValue());
        }
        return new ArrayList<>(byId.values());
    }

    static void assertAllInOrder(List<Integer> expected, List<Integer> got) {
        List<Integer> missing = new ArrayList<>(expected);
        missing.removeAll(got);
        assertTrue(missing.isEmpty(), missing.size() + " readings missing, first " + missing.subList(0, Math.min(10, missing.size())));
        for (int i = 1; i < got.size(); i++) {
            assertTrue(got.get(i) > got.get(i - 1), "out of order at " + i + ": " + got.get(i - 1) + " then " + got.get(i));
        }
    }

    @Test
    void aBrokerOutageMidStreamLosesNothingAndTheBacklogDrainsInOrder() throws Exception {
        try (Mosquitto broker = Mosquitto.startPersistent(dir); NodeStore store = open(dir.resolve("data"));
             Subscriber consumer = new Subscriber(broker.url(), true, TOPIC)) {
            MqttBridge bridge = MqttBridge.start(MqttSettings.defaults(NODE, broker.url()), store.linkStore(), Clock.system(),
                    (n, t, a, v, id, e) -> new ActionSubmitter.Submission.Refused("no actuators here"));
            try {
                Await.until(Duration.ofSeconds(15), "the bridge to connect", bridge::connected);
                produce(bridge, 0, 500);
                broker.stop();
                Await.until(Duration.ofSeconds(15), "the bridge to notice the outage", () -> !bridge.connected());
                produce(bridge, 500, READINGS);
                long backlog = bridge.backlog();
                long before = bridge.published();

                broker.restart();
                long start = System.nanoTime();
                Await.until(Duration.ofSeconds(60), "the backlog to drain", () -> bridge.backlog() == 0);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("mqtt outbox: drained a backlog of %d readings after the broker came back in %.2f s"
                        + " (%.0f msg/s, %d published in all)%n", backlog, seconds, (bridge.published() - before) / seconds,
                        bridge.published());

                List<Integer> expected = range(0, READINGS);
                awaitQuietly(consumer);
                assertAllInOrder(expected, deduped(consumer));
                assertTrue(backlog > 0, "the outage must have left a backlog");
            } finally {
                bridge.close();
            }
        }
    }

    @Test
    void theBridgeAndItsStoreGoingAwayAbruptlyMidStreamLoseNothingAcknowledged() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir); Subscriber consumer = new Subscriber(broker.url(), TOPIC)) {
            Path data = dir.resolve("data");
            NodeStore store = open(data);
            MqttBridge bridge = MqttBridge.start(MqttSettings.defaults(NODE, broker.url()), store.linkStore(), Clock.system(),
                    (n, t, a, v, id, e) -> new ActionSubmitter.Submission.Refused("no actuators here"));
            Await.until(Duration.ofSeconds(15), "the bridge to connect", bridge::connected);
            // Hand over 1000 without waiting, then pull the plug while writes and publishes are in flight.
            List<CompletableFuture<AppendResult>> pending = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                pending.add(bridge.onEvent(NODE, reading(i), HoldPolicy.ALL));
            }
            bridge.abort();
            store.close();
            List<Integer> retry = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                try {
                    pending.get(i).join();
                } catch (CompletionException notAcknowledged) {
                    retry.add(i); // the producer was never acknowledged, so it sends it again
                }
            }

            try (NodeStore reopened = open(data)) {
                MqttBridge again = MqttBridge.start(MqttSettings.defaults(NODE, broker.url()), reopened.linkStore(), Clock.system(),
                        (n, t, a, v, id, e) -> new ActionSubmitter.Submission.Refused("no actuators here"));
                try {
                    for (int i : retry) {
                        again.onEvent(NODE, reading(i), HoldPolicy.ALL).join();
                    }
                    produce(again, 1_000, READINGS);
                    Await.until(Duration.ofSeconds(60), "the outbox to drain", () -> again.backlog() == 0);
                    awaitQuietly(consumer);
                    List<Integer> got = deduped(consumer);
                    List<Integer> missing = new ArrayList<>(range(0, READINGS));
                    missing.removeAll(got);
                    assertTrue(missing.isEmpty(), "missing " + missing);
                    // Retried ones come after the crash; everything acknowledged keeps its order.
                    List<Integer> acknowledged = got.stream().filter(v -> !retry.contains(v)).toList();
                    assertAllInOrder(acknowledged, acknowledged);
                    System.out.printf("mqtt outbox: %d of 1000 readings were unacknowledged at the abrupt stop and were resent%n",
                            retry.size());
                } finally {
                    again.close();
                }
            }
        }
    }

    /** Waits for every reading; what is missing then is reported by the assertions that follow. */
    private static void awaitQuietly(Subscriber consumer) {
        try {
            consumer.await(Duration.ofSeconds(20), "every reading at the consumer", l -> deduped(consumer).size() >= READINGS);
        } catch (AssertionError timedOut) {
            System.out.println("mqtt outbox: " + timedOut.getMessage());
        }
    }

    private static void produce(MqttBridge bridge, int from, int to) {
        List<CompletableFuture<AppendResult>> batch = new ArrayList<>();
        for (int i = from; i < to; i++) {
            batch.add(bridge.onEvent(NODE, reading(i), HoldPolicy.ALL));
            if (batch.size() == 100) {
                batch.forEach(CompletableFuture::join);
                batch.clear();
            }
        }
        batch.forEach(CompletableFuture::join);
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(i);
        }
        return out;
    }

}
