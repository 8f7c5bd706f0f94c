package piot.gateway.uplink;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import piot.gateway.holding.HoldPolicy;
import piot.gateway.holding.HoldingConfig;
import piot.gateway.holding.NodeStore;
import piot.gateway.router.RouterMessage.EventMessage;
import piot.time.Clock;

/**
 * A gateway process for {@link BridgeCrashIT} to kill -9: opens the store in {@code args[0]},
 * bridges to {@code args[1]}, hands over readings {@code 0..args[2]} and prints {@code ACK i} for
 * each one once its future completed (the producer's acknowledgement). Then waits to be killed.
 */
public final class BridgeCrashProbe {
    private BridgeCrashProbe() {}

    public static void main(String[] args) throws InterruptedException {
        NodeStore store = NodeStore.open(Path.of(args[0]), HoldingConfig.defaults().withGroupCommit(Duration.ofMillis(1)), Clock.system());
        MqttBridge bridge = MqttBridge.start(MqttSettings.defaults("gh", args[1]), store.linkStore(), Clock.system(),
                (n, t, a, v, id, e) -> new ActionSubmitter.Submission.Accepted());
        System.out.println("READY");
        int count = Integer.parseInt(args[2]);
        List<CompletableFuture<?>> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int value = i;
            batch.add(bridge.onEvent("gh", new EventMessage("air", "temperature", value, "°C", System.currentTimeMillis(), false,
                    Optional.empty()), HoldPolicy.ALL).thenRun(() -> System.out.println("ACK " + value)));
            if (batch.size() == 50) {
                CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).join();
                batch.clear();
            }
        }
        System.out.println("DONE");
        Thread.sleep(Long.MAX_VALUE); // until the test kills this process
    }
}
