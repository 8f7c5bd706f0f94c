package piot.gateway.bench;

import java.nio.file.Path;

/**
 * Benchmark 1, peer side: a Paho QoS 1 publisher → Mosquitto → a Paho QoS 1 subscriber, {@code n}
 * events, timed from the first publish to the subscriber's last; CPU is the broker's plus this
 * JVM's (both clients).
 */
final class MqttThroughput {
    private MqttThroughput() {}

    static Rate run(Path root, int n, int bodyBytes, int inflight, long timeoutNanos) throws Exception {
        try (Mosquitto broker = Mosquitto.start(root, "tp", "");
             Paho.Subscriber sub = new Paho.Subscriber(broker.uri(), "bench-sub", false);
             Paho.Publisher pub = new Paho.Publisher(broker.uri(), "bench-pub", inflight)) {
            byte[] body = new byte[bodyBytes];
            long cpu0 = Cpu.selfNanos() + Cpu.ofNanos(broker.handle());
            long t0 = System.nanoTime();
            for (long i = 1; i <= n; i++) {
                pub.publish(i, body);
            }
            boolean done = Await.until(() -> sub.tally.distinct() >= n, timeoutNanos);
            long t1 = System.nanoTime();
            long cpu1 = Cpu.selfNanos() + Cpu.ofNanos(broker.handle());
            return new Rate(sub.tally.distinct(), t1 - t0, cpu1 - cpu0, done);
        }
    }
}
