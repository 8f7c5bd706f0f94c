package piot.gateway.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piot.gateway.holding.HoldingConfig;
import piot.gateway.holding.NodeStore;
import piot.gateway.testing.Mosquitto;
import piot.time.Clock;

/** kill -9 of a bridging gateway mid-stream: every acknowledged reading still reaches the broker, in order. */
class BridgeCrashIT {
    static final String TOPIC = "piot/gh/air/temperature";

    @TempDir
    Path dir;

    @Test
    void killedMidStreamTheRestartedBridgeDeliversEveryAcknowledgedReading() throws Exception {
        Path data = dir.resolve("data");
        try (Mosquitto broker = Mosquitto.start(dir); Subscriber consumer = new Subscriber(broker.url(), TOPIC, "piot/gh/status")) {
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(javaBin, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    BridgeCrashProbe.class.getName(), data.toString(), broker.url(), "3000")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<Integer> acked = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; acked.size() < 800 && (line = r.readLine()) != null; ) {
                    if (line.startsWith("ACK ")) {
                        acked.add(Integer.parseInt(line.substring(4)));
                    }
                }
                // Under load the probe can acknowledge 800 (durable in holding) before its first connection
                // to the broker; kill it only once it is connected, so the broker has its last will.
                consumer.awaitOn("piot/gh/status", m -> m.payload().equals("online"));
                // SIGKILL while it is still producing and publishing; acknowledgements printed after
                // the last line read are not checked, which only makes the test stricter on the rest.
                p.destroyForcibly();
                p.waitFor();
            } finally {
                p.destroyForcibly();
            }
            assertTrue(acked.size() >= 800, "the probe acknowledged only " + acked.size());
            // The broker noticed the dead connection and published the will.
            consumer.awaitOn("piot/gh/status", m -> m.payload().equals("offline"));
            int before = deduped(consumer).size();

            try (NodeStore store = NodeStore.open(data, HoldingConfig.defaults(), Clock.system())) {
                MqttBridge bridge = MqttBridge.start(MqttSettings.defaults("gh", broker.url()), store.linkStore(), Clock.system(),
                        (n, t, a, v, id, e) -> new ActionSubmitter.Submission.Accepted());
                try {
                    Await.until(Duration.ofSeconds(60), "the outbox to drain after the restart", () -> bridge.connected() && bridge.backlog() == 0);
                    consumer.await(Duration.ofSeconds(20), "every acknowledged reading", l -> deduped(consumer).containsAll(acked));
                    List<Integer> got = deduped(consumer);
                    for (int i = 1; i < got.size(); i++) {
                        assertTrue(got.get(i) > got.get(i - 1), "out of order at " + i + ": " + got.get(i - 1) + " then " + got.get(i));
                    }
                    System.out.printf("mqtt crash: %d readings acknowledged before kill -9, %d at the broker before the restart,"
                            + " %d after (%d unacknowledged ones made it too)%n", acked.size(), before, got.size(), got.size() - acked.size());
                    assertEquals("online", consumer.on("piot/gh/status").getLast().payload());
                } finally {
                    bridge.close();
                }
            }
        }
    }

    private static List<Integer> deduped(Subscriber consumer) {
        Map<String, Integer> byId = new LinkedHashMap<>();
        for (Subscriber.Received r : consumer.on(TOPIC)) {
            byId.putIfAbsent(r.json().get("id").textValue(), (int) r.json().get("value").doubleValue());
        }
        return new ArrayList<>(byId.values());
    }
}
