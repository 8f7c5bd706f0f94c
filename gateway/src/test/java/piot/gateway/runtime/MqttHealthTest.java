package piot.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piot.gateway.holding.HoldingConfig;
import piot.gateway.holding.NodeStore;
import piot.gateway.router.Directory;
import piot.gateway.status.NodeInfo;
import piot.gateway.uplink.ActionSubmitter;
import piot.gateway.uplink.MqttBridge;
import piot.gateway.uplink.MqttSettings;
import piot.time.Clock;
import piot.time.ManualClock;

/** {@code /api/node}: a bridge that cannot reach its broker degrades the health, after a grace period. */
class MqttHealthTest {
    @TempDir
    Path dir;

    @Test
    void anUnreachableBrokerIsAProblemOnlyAfterTheGracePeriod() {
        ManualClock clock = new ManualClock(0, 1_800_000_000_000L);
        try (NodeStore store = NodeStore.open(dir, HoldingConfig.defaults(), Clock.system())) {
            GatewayStatus status = new GatewayStatus("gh", "home", "test", clock, new Directory(), store);
            // Port 1 on loopback: nothing listens, the bridge keeps retrying in the background.
            MqttSettings s = MqttSettings.defaults("gh", "tcp://127.0.0.1:1");
            try (MqttBridge bridge = MqttBridge.start(s, store.linkStore(), Clock.system(),
                    (n, t, a, v, id, e) -> new ActionSubmitter.Submission.Refused("unused"))) {
                status.attachBridge(bridge);
                assertEquals(NodeInfo.Health.OK, status.node().health(), "just started: " + status.node().problems());

                clock.advanceNanos(31_000_000_000L);
                NodeInfo n = status.node();
                assertEquals(NodeInfo.Health.DEGRADED, n.health());
                List<String> mqtt = n.problems().stream().filter(p -> p.startsWith("mqtt: not connected")).toList();
                assertEquals(1, mqtt.size(), n.problems().toString());
                assertTrue(mqtt.getFirst().contains("0 messages held"), mqtt.getFirst());
            }
        }
    }
}
