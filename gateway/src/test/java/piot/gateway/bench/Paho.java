package piot.gateway.bench;

import java.util.concurrent.Semaphore;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** The peer's clients: a QoS 1 publisher and a QoS 1 subscriber counting sequence numbers. */
final class Paho {
    private Paho() {}

    static final String TOPIC = "bench/events";

    /** A QoS 1 publisher with at most {@code inflight} unacknowledged publishes. */
    static final class Publisher implements AutoCloseable {
        final MqttAsyncClient client;
        private final Semaphore window;
        private final int inflight;

        Publisher(String uri, String id, int inflight) throws MqttException {
            this.inflight = inflight;
            this.window = new Semaphore(inflight);
            client = new MqttAsyncClient(uri, id, new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            o.setAutomaticReconnect(true);
            o.setAutomaticReconnectDelay(1, 1);
            client.connect(o).waitForCompletion(10_000);
        }

        /** Publishes event {@code n}; blocks while the window is full. */
        void publish(long n, byte[] body) throws InterruptedException {
            byte[] payload = new byte[8 + body.length];
            java.nio.ByteBuffer.wrap(payload).putLong(n).put(body);
            window.acquire();
            MqttMessage m = new MqttMessage(payload, 1, false, null);
            for (int attempt = 0; attempt < 10_000; attempt++) {
                try {
                    client.publish(TOPIC, m, null, new MqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken t) {
                            window.release();
                        }

                        @Override
                        public void onFailure(IMqttToken t, Throwable e) {
                            window.release();
                            System.err.println("bench: publish " + n + " failed: " + e);
                        }
                    });
                    return;
                } catch (MqttException e) {
                    Thread.sleep(1); // client busy or reconnecting: try again shortly
                }
            }
            window.release();
            System.err.println("bench: gave up publishing " + n);
        }

        /** Waits (bounded) until every publish was acknowledged by the broker. */
        boolean drained(long timeoutNanos) {
            return Await.until(() -> window.availablePermits() == inflight, timeoutNanos);
        }

        @Override
        public void close() throws MqttException {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        }
    }

    /** A QoS 1 subscriber; persistent ({@code cleanStart=false}, 1 h session) when asked. */
    static final class Subscriber implements AutoCloseable {
        final MqttAsyncClient client;
        final Tally tally = new Tally();
        final java.util.concurrent.atomic.AtomicLong probes = new java.util.concurrent.atomic.AtomicLong();

        Subscriber(String uri, String id, boolean persistent) throws MqttException {
            client = new MqttAsyncClient(uri, id, new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(!persistent);
            o.setSessionExpiryInterval(persistent ? 3600L : 0L);
            o.setAutomaticReconnect(true);
            o.setAutomaticReconnectDelay(1, 1);
            o.setReceiveMaximum(65_535);
            client.setCallback(new MqttCallback() {
                @Override
                public void disconnected(MqttDisconnectResponse r) { }

                @Override
                public void mqttErrorOccurred(MqttException e) { }

                @Override
                public void messageArrived(String topic, MqttMessage m) {
                    if (TOPIC.equals(topic)) {
                        tally.record(java.nio.ByteBuffer.wrap(m.getPayload()).getLong());
                    } else {
                        probes.incrementAndGet();
                    }
                }

                @Override
                public void deliveryComplete(IMqttToken t) { }

                @Override
                public void connectComplete(boolean reconnect, String uri) { }

                @Override
                public void authPacketArrived(int reason, MqttProperties p) { }
            });
            client.connect(o).waitForCompletion(10_000);
            client.subscribe("bench/#", 1).waitForCompletion(10_000);
        }

        @Override
        public void close() throws MqttException {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        }
    }
}
