package piot.gateway.bench;

import java.nio.file.Path;

/**
 * Benchmark 2, peer side: Paho QoS 1 publisher → local Mosquitto → persistent bridge (topic # both
 * 1, cleansession false, queue_qos0_messages) → remote Mosquitto → persistent-session QoS 1
 * subscriber. The cut stops the remote broker (SIGTERM, so it saves its state) and starts it again.
 */
final class BridgeOutage {
    private BridgeOutage() {}

    static Outage.Result run(Path root, int rate, int seconds, int cut, int drainCap, int bodyBytes) throws Exception {
        try (Mosquitto remote = Mosquitto.start(root, "remote", "");
             Mosquitto local = Mosquitto.start(root, "local", String.join("\n",
                     "connection bench-bridge",
                     "address 127.0.0.1:" + remote.port,
                     "topic # both 1",
                     "cleansession false",
                     "queue_qos0_messages true",
                     "restart_timeout 1 1",
                     "keepalive_interval 5"));
             Paho.Subscriber sub = new Paho.Subscriber(remote.uri(), "bench-remote-sub", true);
             Paho.Publisher pub = new Paho.Publisher(local.uri(), "bench-local-pub", 100)) {
            byte[] body = new byte[bodyBytes];
            // The bridge connects asynchronously; wait until an event crosses before the clock starts.
            if (!Await.until(() -> bridgeUp(pub, sub), 20_000_000_000L)) {
                throw new IllegalStateException("the Mosquitto bridge did not come up within 20 s");
            }
            java.util.concurrent.atomic.AtomicLong published = new java.util.concurrent.atomic.AtomicLong();
            Paho.Subscriber counted = sub;
            return Outage.run(new Outage.Subject() {
                @Override
                public void send(long n) throws InterruptedException {
                    pub.publish(n, body);
                    published.set(n);
                }

                @Override
                public void cut() throws InterruptedException {
                    remote.stop();
                }

                @Override
                public void restore() throws Exception {
                    remote.start();
                }

                @Override
                public Tally tally() {
                    return counted.tally;
                }

                @Override
                public long acked() {
                    return published.get();
                }

                @Override
                public long stillHeld() {
                    return -1;
                }
            }, rate, seconds, cut, drainCap);
        }
    }

    private static boolean bridgeUp(Paho.Publisher pub, Paho.Subscriber sub) {
        try {
            pub.client.publish("bench/probe", new byte[8], 1, false);
        } catch (Exception e) {
            return false;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
        return sub.probes.get() > 0;
    }
}
