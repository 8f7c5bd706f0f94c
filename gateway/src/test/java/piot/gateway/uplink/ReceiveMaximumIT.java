package piot.gateway.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piot.gateway.holding.HoldPolicy;
import piot.gateway.holding.HoldingConfig;
import piot.gateway.holding.NodeStore;
import piot.gateway.router.RouterMessage.EventMessage;
import piot.gateway.testing.Mosquitto;
import piot.time.Clock;

/** A broker that takes fewer messages in flight than the bridge's window gets the backlog without refusals or resends. */
class ReceiveMaximumIT {
    @TempDir
    Path dir;

    @Test
    void theWindowShrinksToTheBrokersReceiveMaximum() throws Exception {
        try (Mosquitto broker = Mosquitto.startWith(dir, "max_inflight_messages 3");
             NodeStore store = NodeStore.open(dir.resolve("data"), HoldingConfig.defaults().withGroupCommit(Duration.ofMillis(1)), Clock.system());
             Subscriber consumer = new Subscriber(broker.url(), "piot/gh/air/temperature")) {
            // Held first, so the bridge meets a full backlog as soon as it connects.
            MqttSettings s = MqttSettings.defaults("gh", broker.url());
            MqttBridge bridge = MqttBridge.start(s, store.linkStore(), Clock.system(), (n, t, a, v, id, e) -> new ActionSubmitter.Submission.Accepted());
            try {
                CompletableFuture<?>[] all = new CompletableFuture<?>[500];
                for (int i = 0; i < all.length; i++) {
                    all[i] = bridge.onEvent("gh", new EventMessage("air", "temperature", i, "°C", System.currentTimeMillis(), false,
                            Optional.empty()), HoldPolicy.ALL);
                }
                CompletableFuture.allOf(all).join();
                Await.until(Duration.ofSeconds(30), "the backlog to drain through a window of 3", () -> bridge.backlog() == 0);
                consumer.await(Duration.ofSeconds(15), "all 500", l -> ids(consumer).size() == 500);
                assertEquals(500, ids(consumer).size());
                // Paho refusing publishes beyond the broker's limit would make the bridge resend.
                assertEquals(500, consumer.on("piot/gh/air/temperature").size(), "no reading sent twice while connected");
            } finally {
                bridge.close();
            }
        }
    }

    private static Set<String> ids(Subscriber consumer) {
        Set<String> ids = new HashSet<>();
        consumer.on("piot/gh/air/temperature").forEach(r -> ids.add(r.json().get("id").textValue()));
        return ids;
    }
}
