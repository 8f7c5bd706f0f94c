package piot.gateway.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import piot.gateway.app.Gateway;
import piot.gateway.runtime.TestMesh;
import piot.gateway.status.ActionRequest;
import piot.gateway.status.ActionStatus;
import piot.gateway.status.ActionSubmission;
import piot.gateway.status.LiveEvent;
import piot.gateway.status.StatusModel;

/**
 * Benchmark 3: an action from a controller gateway to a simulated pump, from the request to the
 * final status (completed) recorded back at the requester, over 1 hop (controller linked to the
 * greenhouse) and 3 hops (controller — relay — relay — greenhouse). Real gateways (router, holding,
 * TLS mesh) in this JVM, simulated hardware. "Under load" adds 10 simulated BME280 sensors at the
 * shortest interval (100 ms) on the greenhouse, whose readings flow to the controller. Actions run
 * one after the other. Peer: a QoS 1 MQTT round trip (request → responder → reply) through Mosquitto.
 */
final class ActionLatency {
    /** Latencies of one series in milliseconds, sorted. */
    record Result(double[] millis, long failed, double[] oversleep, double[] forward) {
        /** Of each action, the part from the request to the actuator's completion on the far node (ms, wall clock). */
        double forward(double q) {
            return quantileOf(forward, q);
        }

        double quantile(double q) {
            return quantileOf(millis, q);
        }

        /** How late a 1 ms sleep in this JVM woke up during the series (ms): the scheduler's share. */
        double oversleep(double q) {
            return quantileOf(oversleep, q);
        }

        private static double quantileOf(double[] sorted, double q) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(q * sorted.length) - 1))];
        }

        double max() {
            return millis.length == 0 ? Double.NaN : millis[millis.length - 1];
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(60);

    private ActionLatency() {}

    static Result piot(Path root, int hops, boolean load, int samples) throws Exception {
        Path dir = Temp.dir(root, "actions-");
        int n = hops + 1;
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = i == 0 ? "controller" : i == n - 1 ? "greenhouse" : "relay-" + i;
        }
        StringBuilder greenhouse = new StringBuilder("actuators:\n  - { id: pump, type: gpio-output, pin: 27, safe_state: off }\n");
        if (load) {
            greenhouse.append("sensors:\n");
            for (int s = 1; s <= 10; s++) {
                greenhouse.append("  - { id: air").append(s).append(", type: bme280, i2c: { bus: ").append(s)
                        .append(", address: 0x76 }, interval: 100ms }\n");
            }
        }
        try (GatewayLine line = new GatewayLine(dir, names, i -> i == n - 1 ? greenhouse.toString() : "")) {
            Gateway controller = line.first();
            StatusModel status = controller.runtime().status();
            TestMesh.await("the controller knows greenhouse/pump", WAIT, () -> status.thing("greenhouse", "pump").isPresent());
            Map<String, Long> finals = new ConcurrentHashMap<>();
            try (StatusModel.Subscription sub = status.subscribe(e -> {
                if (e instanceof LiveEvent.ActionUpdate u && u.action().status().isFinal()) {
                    finals.putIfAbsent(u.action().id(), System.nanoTime());
                }
            })) {
                return measure(samples, i -> {
                    long t0 = System.nanoTime();
                    long wall0 = System.currentTimeMillis();
                    ActionSubmission s = status.submit(new ActionRequest("greenhouse", "pump", "switch", i % 2 == 0 ? "on" : "off",
                            Duration.ofSeconds(30), "bench"));
                    if (!(s instanceof ActionSubmission.Accepted a)) {
                        return -1;
                    }
                    long deadline = t0 + TimeUnit.SECONDS.toNanos(10);
                    while (!finals.containsKey(a.id()) && System.nanoTime() < deadline) {
                        LockSupport.parkNanos(20_000);
                    }
                    Long t1 = finals.get(a.id());
                    if (t1 == null || !completed(status, a.id())) {
                        return -1;
                    }
                    status.action(a.id()).flatMap(h -> h.updates().stream().filter(u -> u.status() == ActionStatus.COMPLETED)
                            .findFirst()).ifPresent(u -> forward.add((double) (u.at().toEpochMilli() - wall0)));
                    return t1 - t0;
                });
            }
        } finally {
            Temp.delete(dir);
        }
    }

    /** A failed or expired action is counted as failed, not as a latency. */
    private static boolean completed(StatusModel status, String id) {
        return status.action(id).map(h -> h.status() == ActionStatus.COMPLETED).orElse(false);
    }

    /** The peer: QoS 1 request to a responder that answers QoS 1 on a reply topic, through one Mosquitto. */
    static Result mqtt(Path root, int samples) throws Exception {
        try (Mosquitto broker = Mosquitto.start(root, "rtt", "")) {
            MqttAsyncClient requester = new MqttAsyncClient(broker.uri(), "bench-req", new MemoryPersistence());
            MqttAsyncClient responder = new MqttAsyncClient(broker.uri(), "bench-resp", new MemoryPersistence());
            try {
                MqttConnectionOptions o = new MqttConnectionOptions();
                o.setCleanStart(true);
                requester.connect(o).waitForCompletion(10_000);
                responder.connect(o).waitForCompletion(10_000);
                Map<Long, Long> replies = new ConcurrentHashMap<>();
                responder.setCallback(onMessage((t, m) -> {
                    try {
                        responder.publish("bench/reply", new MqttMessage(m.getPayload(), 1, false, null));
                    } catch (MqttException e) {
                        System.err.println("bench: reply failed: " + e);
                    }
                }));
                requester.setCallback(onMessage((t, m) -> replies.putIfAbsent(java.nio.ByteBuffer.wrap(m.getPayload()).getLong(), System.nanoTime())));
                responder.subscribe("bench/req", 1).waitForCompletion(10_000);
                requester.subscribe("bench/reply", 1).waitForCompletion(10_000);
                return measure(samples, i -> {
                    long t0 = System.nanoTime();
                    byte[] p = java.nio.ByteBuffer.allocate(16).putLong(i).putLong(t0).array();
                    requester.publish("bench/req", new MqttMessage(p, 1, false, null));
                    long deadline = t0 + TimeUnit.SECONDS.toNanos(10);
                    while (!replies.containsKey((long) i) && System.nanoTime() < deadline) {
                        LockSupport.parkNanos(20_000);
                    }
                    Long t1 = replies.get((long) i);
                    return t1 == null ? -1 : t1 - t0;
                });
            } finally {
                requester.disconnect().waitForCompletion(5_000);
                responder.disconnect().waitForCompletion(5_000);
                requester.close();
                responder.close();
            }
        }
    }

    /** A callback that only passes each arriving message to {@code f}. */
    static MqttCallback onMessage(java.util.function.BiConsumer<String, MqttMessage> f) {
        return new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) { }

            @Override
            public void mqttErrorOccurred(MqttException e) { }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                f.accept(topic, m);
            }

            @Override
            public void deliveryComplete(IMqttToken t) { }

            @Override
            public void connectComplete(boolean reconnect, String uri) { }

            @Override
            public void authPacketArrived(int reason, MqttProperties p) { }
        };
    }

    /** Forward parts (ms) recorded by the current series' samples, see {@link Result#forward}. */
    private static final List<Double> forward = java.util.Collections.synchronizedList(new ArrayList<>());

    @FunctionalInterface
    private interface Sample {
        long nanos(int i) throws Exception;
    }

    private static Result measure(int samples, Sample s) throws Exception {
        double[] late = new double[100_000];
        java.util.concurrent.atomic.AtomicInteger lateCount = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread probe = Thread.ofPlatform().daemon(true).name("bench-oversleep").start(() -> {
            while (!stop.get() && lateCount.get() < late.length) {
                long t = System.nanoTime();
                LockSupport.parkNanos(1_000_000);
                late[lateCount.getAndIncrement()] = Math.max(0, (System.nanoTime() - t - 1_000_000) / 1e6);
            }
        });
        Result r;
        try {
            r = series(samples, s);
        } finally {
            stop.set(true);
            probe.join(5_000);
        }
        double[] o = Arrays.copyOf(late, lateCount.get());
        Arrays.sort(o);
        return new Result(r.millis(), r.failed(), o, r.forward());
    }

    private static Result series(int samples, Sample s) throws Exception {
        int warmup = Math.max(5, samples / 10);
        forward.clear();
        double[] out = new double[samples];
        int n = 0;
        long failed = 0;
        for (int i = 0; i < warmup + samples; i++) {
            long t = s.nanos(i);
            if (i < warmup) {
                forward.clear();
                continue;
            }
            if (t < 0) {
                failed++;
            } else {
                out[n++] = t / 1e6;
            }
        }
        double[] ms = Arrays.copyOf(out, n);
        Arrays.sort(ms);
        double[] fw = forward.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Result(ms, failed, new double[0], fw);
    }
}
