package piot.gateway.uplink;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import piot.gateway.holding.Append;
import piot.gateway.holding.AppendResult;
import piot.gateway.holding.HoldPolicy;
import piot.gateway.holding.MessageKind;
import piot.gateway.holding.SqliteLinkStore;
import piot.gateway.router.RouterMessage.ActionStatus;
import piot.gateway.router.RouterMessage.EventMessage;
import piot.gateway.router.ThingInfo;
import piot.time.Clock;

/**
 * The MQTT uplink: bridges this node's (or the whole mesh's) things to one broker with Eclipse
 * Paho (docs/mqtt.md, docs/home-assistant.md).
 *
 * <p>Everything bound for the broker first goes into a durable outbox: holding's queue for the
 * pseudo-peer {@link MqttSettings#outboxPeer()}. One publisher thread owns the connection: it
 * connects (with backoff), drains the outbox in order with QoS 1 and a bounded in-flight window,
 * and confirms each message in holding only once the broker acknowledged it. Commands from
 * {@code …/ACTION/set} are decoded on a command thread and handed to the {@link ActionSubmitter}.
 *
 * <p>Thread-safe: every public method may be called from any thread.
 */
public final class MqttBridge implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MqttBridge.class.getName());

    private final MqttSettings settings;
    private final SqliteLinkStore outbox;
    private final String peer;
    private final Topics topics;
    private final MqttAsyncClient client;
    private final LinkedBlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private final Map<String, List<ThingInfo>> things = new ConcurrentHashMap<>();
    private final Map<String, Boolean> nodesOnline = new ConcurrentHashMap<>();
    private final AtomicLong liveSeq = new AtomicLong();
    private final Commands commands;
    private final ExecutorService commandThread;
    private final Publisher publisher;
    private final Thread publisherThread;

    private MqttBridge(MqttSettings settings, SqliteLinkStore outbox, Clock clock, ActionSubmitter submitter)
            throws MqttException {
        this.settings = settings;
        this.outbox = outbox;
        this.peer = settings.outboxPeer();
        this.topics = new Topics(settings.topicPrefix());
        this.client = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence());
        this.commands = new Commands(settings, topics, clock, submitter, this::onActionStatus);
        this.commandThread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("piot-mqtt-commands").daemon().factory());
        this.publisher = new Publisher(settings, outbox, clock, client, signals, topics, things, nodesOnline);
        client.setCallback(new Callback());
        this.publisherThread = Thread.ofPlatform().name("piot-mqtt-publisher").daemon().unstarted(publisher);
    }

    /**
     * Starts the bridge: returns at once; the publisher thread connects in the background and keeps
     * reconnecting (backoff 250 ms doubling to 10 s) until {@link #close}.
     *
     * @param outbox the node's link store; the bridge uses only its queue for {@link MqttSettings#outboxPeer()}
     * @throws IllegalArgumentException when the settings cannot be used (bad URL, unreadable CA file)
     */
    public static MqttBridge start(MqttSettings settings, SqliteLinkStore outbox, Clock clock, ActionSubmitter submitter) {
        MqttBridge b;
        try {
            b = new MqttBridge(settings, outbox, clock, submitter);
        } catch (MqttException e) {
            throw new IllegalArgumentException("mqtt: cannot create a client for " + settings.url() + ": " + e.getMessage(), e);
        }
        b.publisherThread.start();
        return b;
    }

    /**
     * The complete list of {@code node}'s things (replacing what was known): they are bridged, and
     * with {@code homeassistant: true} announced to Home Assistant. Things of other nodes are
     * ignored unless {@code bridge: all}.
     */
    public void onThings(String node, List<ThingInfo> list) {
        if (!bridged(node)) {
            return;
        }
        things.put(node, List.copyOf(list));
        signals.add(new Signal.Announce());
    }

    /**
     * Whether another node of the mesh is reachable, for its retained {@code PREFIX/NODE/status}
     * (with {@code bridge: all}); this node's own status is the bridge's connection.
     */
    public void onNodeStatus(String node, boolean online) {
        if (!bridged(node) || node.equals(settings.nodeName())) {
            return;
        }
        nodesOnline.put(node, online);
        signals.add(new Signal.Announce());
    }

    /**
     * A reading or fault of {@code node}'s thing. With {@code hold} all or latest it is put in the
     * outbox; the future completes once it is durable there (the producer's acknowledgement), and
     * fails when holding refused it. With {@code none} it is published only if connected, QoS 0.
     * Events of other nodes complete at once, unsent, unless {@code bridge: all}.
     */
    public CompletableFuture<AppendResult> onEvent(String node, EventMessage e, HoldPolicy hold) {
        if (!bridged(node)) {
            return CompletableFuture.completedFuture(new AppendResult.NotHeld());
        }
        if (hold == HoldPolicy.NONE) {
            publisher.publishLive(node, e, settings.nodeName() + ":live-" + liveSeq.incrementAndGet());
            return CompletableFuture.completedFuture(new AppendResult.NotHeld());
        }
        byte[] bytes = OutboxEntry.encode(new OutboxEntry.Event(node, e));
        // A fault never replaces the last good reading in the outbox, nor the other way round.
        Append a = hold == HoldPolicy.LATEST && e.error().isEmpty()
                ? Append.latest(peer, bytes, node + "/" + e.thing() + "/" + e.key())
                : Append.event(peer, bytes);
        return wakeAfter(outbox.append(a));
    }

    /**
     * A status of an action (typically one this bridge submitted), published on
     * {@code PREFIX/NODE/THING/ACTION/status}; held in full and never expiring.
     */
    public CompletableFuture<AppendResult> onActionStatus(ActionStatus s) {
        if (!bridged(s.node())) {
            return CompletableFuture.completedFuture(new AppendResult.NotHeld());
        }
        byte[] bytes = OutboxEntry.encode(new OutboxEntry.Status(s));
        return wakeAfter(outbox.append(new Append(peer, bytes, MessageKind.CONTROL, HoldPolicy.ALL, null)));
    }

    /** True while connected to the broker, with the command subscription in place. */
    public boolean connected() {
        return publisher.up();
    }

    /**
     * Outbox messages not yet acknowledged by the broker: sequence numbers assigned but not
     * confirmed, so an upper bound when {@code hold: latest} replaced some of them.
     */
    public long backlog() {
        return Math.max(0, outbox.lastAssigned(peer) - publisher.confirmed());
    }

    /** Messages the broker acknowledged since start (for the drain rate and metrics). */
    public long published() {
        return publisher.published();
    }

    /** The holding pseudo-peer whose queue is this bridge's outbox. */
    public String outboxPeer() {
        return peer;
    }

    /**
     * Publishes {@code offline}, disconnects and stops the threads (bounded, a few seconds). What
     * is still in the outbox stays there for the next start.
     */
    @Override
    public void close() {
        stop(true);
    }

    /** Stops without saying goodbye, as a crash would: the broker publishes the will ({@code offline}). */
    void abort() {
        stop(false);
    }

    private void stop(boolean graceful) {
        publisher.stop();
        signals.add(new Signal.Wake());
        try {
            publisherThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        commandThread.shutdownNow();
        publisher.disconnect(graceful);
    }

    private boolean bridged(String node) {
        return settings.bridgeAll() || settings.nodeName().equals(node);
    }

    private CompletableFuture<AppendResult> wakeAfter(CompletableFuture<AppendResult> f) {
        return f.whenComplete((r, e) -> signals.add(new Signal.Wake()));
    }

    /** Paho's callbacks: decode and hand over, never block. */
    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            LOG.log(System.Logger.Level.WARNING, "mqtt: disconnected from " + settings.url() + ": " + response);
            signals.add(new Signal.Wake());
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            LOG.log(System.Logger.Level.WARNING, "mqtt: error: " + e);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (HomeAssistant.STATUS_TOPIC.equals(topic)) {
                if (settings.homeassistant() && "online".equals(new String(message.getPayload(), java.nio.charset.StandardCharsets.UTF_8).strip())) {
                    signals.add(new Signal.Announce());
                }
                return;
            }
            byte[] payload = message.getPayload();
            boolean retained = message.isRetained();
            commandThread.execute(() -> commands.onCommand(topic, payload, retained));
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // Acknowledgements are taken from each publish's own listener, which knows its seq.
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            signals.add(new Signal.Wake());
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No enhanced authentication is used.
        }
    }
}
