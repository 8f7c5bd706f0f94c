package piot.gateway.uplink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/** A Paho consumer for the tests: records every message it receives, in order. */
final class Subscriber implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    record Received(String topic, String payload, boolean retained) {
        JsonNode json() {
            try {
                return JSON.readTree(payload);
            } catch (IOException e) {
                throw new AssertionError("not JSON on " + topic + ": " + payload, e);
            }
        }
    }

    private final MqttClient client;
    private final List<Received> received = new ArrayList<>();

    Subscriber(String url, String... filters) throws MqttException {
        this(url, false, filters);
    }

    /**
     * With {@code persistent}, the broker keeps this consumer's session (subscriptions and queued
     * QoS 1 messages) while it is disconnected, so it misses nothing across a broker restart.
     */
    Subscriber(String url, boolean persistent, String... filters) throws MqttException {
        this(url, persistent, o -> { }, filters);
    }

    /** With {@code options} adding what a secured broker needs (socket factory, user). */
    Subscriber(String url, boolean persistent, java.util.function.Consumer<MqttConnectionOptions> options, String... filters)
            throws MqttException {
        client = new MqttClient(url, "test-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        options.accept(o);
        o.setCleanStart(!persistent);
        if (persistent) {
            o.setSessionExpiryInterval(3600L);
        }
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, 1);
        client.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
            public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) {}
            public void mqttErrorOccurred(MqttException e) {}
            public void messageArrived(String topic, MqttMessage m) {
                synchronized (received) {
                    received.add(new Received(topic, new String(m.getPayload(), StandardCharsets.UTF_8), m.isRetained()));
                    received.notifyAll();
                }
            }
            public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken t) {}
            public void connectComplete(boolean reconnect, String uri) {
                if (reconnect && !persistent) {
                    // The broker restarted empty: subscribe again, off Paho's callback thread, which
                    // must stay free to receive the SUBACK.
                    Thread.ofVirtual().start(() -> {
                        try {
                            subscribe(filters);
                        } catch (MqttException e) {
                            System.err.println("test subscriber: resubscribing failed: " + e);
                        }
                    });
                }
            }
            public void authPacketArrived(int code, org.eclipse.paho.mqttv5.common.packet.MqttProperties p) {}
        });
        client.connect(o);
        subscribe(filters);
    }

    private void subscribe(String... filters) throws MqttException {
        MqttSubscription[] subs = new MqttSubscription[filters.length];
        for (int i = 0; i < filters.length; i++) {
            subs[i] = new MqttSubscription(filters[i], 1);
        }
        client.subscribe(subs);
    }

    void publish(String topic, String payload, boolean retain) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retain);
    }

    List<Received> all() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    List<Received> on(String topic) {
        return all().stream().filter(r -> r.topic().equals(topic)).toList();
    }

    /** Waits until {@code done} holds for what was received, or fails after {@code timeout}. */
    List<Received> await(Duration timeout, String what, Predicate<List<Received>> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (!done.test(received)) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; received "
                            + received.size() + " messages, last: " + received.subList(Math.max(0, received.size() - 5), received.size()));
                }
                try {
                    received.wait(Math.min(left, 200));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
            return List.copyOf(received);
        }
    }

    /** Waits for the first message on {@code topic} matching {@code match}. */
    Received awaitOn(String topic, Predicate<Received> match) {
        List<Received> all = await(Duration.ofSeconds(15), "a message on " + topic,
                l -> l.stream().anyMatch(r -> r.topic().equals(topic) && match.test(r)));
        return all.stream().filter(r -> r.topic().equals(topic) && match.test(r)).findFirst().orElseThrow();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
