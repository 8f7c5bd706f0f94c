package piot.gateway.bench;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import piot.gateway.holding.HoldPolicy;
import piot.gateway.holding.HoldingConfig;
import piot.gateway.holding.NodeStore;
import piot.gateway.router.RouterMessage.EventMessage;
import piot.gateway.uplink.ActionSubmitter;
import piot.gateway.uplink.MqttBridge;
import piot.gateway.uplink.MqttSettings;
import piot.time.Clock;

/**
 * Benchmark 4: readings published to a local Mosquitto through piot's MQTT bridge — each one first
 * appended durably to the bridge's outbox (SQLite, fsync), then published QoS 1 and removed from
 * the outbox on PUBACK — against a bare Paho QoS 1 publisher (100 in flight, nothing on disk), to
 * the same broker in the same run. Readings enter the bridge as the router hands them over
 * ({@code MqttBridge.onEvent}, hold: all), with up to 1,000 outbox appends awaiting their commit.
 * Counted at a QoS 1 subscriber.
 */
final class UplinkThroughput {
    record Result(Rate piot, Rate paho) {}

    private UplinkThroughput() {}

    static Result run(Path root, int n, int bodyBytes, long timeoutNanos) throws Exception {
        try (Mosquitto broker = Mosquitto.start(root, "uplink", "")) {
            AtomicLong bridged = new AtomicLong();
            AtomicLong bare = new AtomicLong();
            MqttAsyncClient sub = new MqttAsyncClient(broker.uri(), "bench-uplink-sub", new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            o.setReceiveMaximum(65_535);
            sub.setCallback(ActionLatency.onMessage((topic, m) -> {
                if (topic.equals("piot/bench/air/temperature")) {
                    bridged.incrementAndGet();
                } else if (topic.equals(Paho.TOPIC)) {
                    bare.incrementAndGet();
                }
            }));
            sub.connect(o).waitForCompletion(10_000);
            sub.subscribe(new String[] {"piot/bench/air/temperature", Paho.TOPIC}, new int[] {1, 1}).waitForCompletion(10_000);
            try {
                Rate piot = bridge(root, broker, n, bridged, timeoutNanos);
                Rate paho;
                try (Paho.Publisher pub = new Paho.Publisher(broker.uri(), "bench-uplink-pub", 100)) {
                    byte[] body = new byte[bodyBytes];
                    long cpu0 = Cpu.selfNanos() + Cpu.ofNanos(broker.handle());
                    long t0 = System.nanoTime();
                    for (long i = 1; i <= n; i++) {
                        pub.publish(i, body);
                    }
                    boolean done = Await.until(() -> bare.get() >= n, timeoutNanos);
                    long t1 = System.nanoTime();
                    paho = new Rate(bare.get(), t1 - t0, Cpu.selfNanos() + Cpu.ofNanos(broker.handle()) - cpu0, done);
                }
                return new Result(piot, paho);
            } finally {
                sub.disconnect().waitForCompletion(5_000);
                sub.close();
            }
        }
    }

    private static Rate bridge(Path root, Mosquitto broker, int n, AtomicLong arrived, long timeoutNanos) throws Exception {
        Path dir = Temp.dir(root, "uplink-");
        try (NodeStore store = NodeStore.open(dir, HoldingConfig.defaults(), Clock.system());
             MqttBridge bridge = MqttBridge.start(MqttSettings.defaults("bench", broker.uri()), store.linkStore(), Clock.system(),
                     (node, thing, action, value, id, expiry) -> new ActionSubmitter.Submission.Accepted())) {
            if (!Await.until(bridge::connected, TimeUnit.SECONDS.toNanos(20))) {
                throw new IllegalStateException("the bridge did not connect to " + broker.uri() + " within 20 s");
            }
            Semaphore inFlight = new Semaphore(1_000);
            long cpu0 = Cpu.selfNanos() + Cpu.ofNanos(broker.handle());
            long t0 = System.nanoTime();
            for (long i = 1; i <= n; i++) {
                inFlight.acquire();
                bridge.onEvent("bench", new EventMessage("air", "temperature", i, "°C", System.currentTimeMillis(), false,
                        Optional.empty()), HoldPolicy.ALL).whenComplete((r, e) -> {
                            inFlight.release();
                            if (e != null) {
                                System.err.println("bench: outbox append failed: " + e);
                            }
                        });
            }
            boolean done = Await.until(() -> arrived.get() >= n, timeoutNanos);
            long t1 = System.nanoTime();
            return new Rate(arrived.get(), t1 - t0, Cpu.selfNanos() + Cpu.ofNanos(broker.handle()) - cpu0, done);
        } finally {
            Temp.delete(dir);
        }
    }
}
