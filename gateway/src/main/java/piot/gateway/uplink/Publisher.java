package piot.gateway.uplink;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import piot.gateway.holding.HeldMessage;
import piot.gateway.holding.SqliteLinkStore;
import piot.gateway.router.Parsed;
import piot.gateway.router.RouterMessage.EventMessage;
import piot.gateway.router.ThingInfo;
import piot.time.Clock;

/**
 * The publisher thread: owns the connection, the in-flight window and the outbox read position.
 * Connects with backoff, drains the outbox in order (QoS 1, at most {@link #WINDOW} unacknowledged),
 * confirms in holding the acknowledged prefix, and after each (re)connect subscribes and announces.
 * A lost connection forgets what was in flight; it is sent again from holding, which is why a
 * consumer may see a message twice and must drop repeats by {@code id}.
 */
final class Publisher implements Runnable {
    private static final System.Logger LOG = System.getLogger(Publisher.class.getName());
    /**
     * Unacknowledged messages at most; lowered to the broker's receive maximum when that is smaller
     * (Mosquitto's default is 20), so Paho never refuses a publish for having too many in flight.
     */
    static final int WINDOW = 128;
    /** A reading sent this long after holding accepted it is flagged historical (replayed). */
    static final long HISTORICAL_AFTER_MILLIS = 5_000;
    private static final long MIN_BACKOFF_MILLIS = 250;
    private static final long MAX_BACKOFF_MILLIS = 10_000;
    private static final long DIRECT_TIMEOUT_MILLIS = 5_000;

    private final MqttSettings settings;
    private final SqliteLinkStore outbox;
    private final String peer;
    private final Clock clock;
    private final MqttAsyncClient client;
    private final LinkedBlockingQueue<Signal> signals;
    private final Topics topics;
    private final Map<String, List<ThingInfo>> things;
    private final Map<String, Boolean> nodesOnline;
    private final InFlight inFlight = new InFlight();
    private final AtomicLong published = new AtomicLong();
    private volatile boolean running = true;
    private volatile long confirmed = -1;
    // Publisher thread only:
    private long epoch;
    private long lastSent;
    private volatile boolean up;
    private long backoffMillis = MIN_BACKOFF_MILLIS;
    private long retryMillis = MIN_BACKOFF_MILLIS;
    private int window = WINDOW;

    Publisher(MqttSettings settings, SqliteLinkStore outbox, Clock clock, MqttAsyncClient client,
              LinkedBlockingQueue<Signal> signals, Topics topics, Map<String, List<ThingInfo>> things,
              Map<String, Boolean> nodesOnline) {
        this.settings = settings;
        this.outbox = outbox;
        this.peer = settings.outboxPeer();
        this.clock = clock;
        this.client = client;
        this.signals = signals;
        this.topics = topics;
        this.things = things;
        this.nodesOnline = nodesOnline;
    }

    @Override
    public void run() {
        while (running) {
            try {
                if (confirmed < 0) {
                    confirmed = initialConfirmed();
                    lastSent = confirmed;
                }
                step();
            } catch (RuntimeException e) {
                // Holding failing (disk full, store closed) must not end the bridge; retry after a pause.
                LOG.log(System.Logger.Level.ERROR, "mqtt: publisher step failed, retrying: " + e.getMessage(), e);
                resetWindow();
                await(1_000);
            }
        }
    }

    private long initialConfirmed() {
        List<HeldMessage> first = outbox.pendingMessages(peer, 0, 1);
        return first.isEmpty() ? outbox.lastAssigned(peer) : first.getFirst().seq() - 1;
    }

    private void step() {
        if (!client.isConnected()) {
            if (up) {
                up = false;
                resetWindow();
                LOG.log(System.Logger.Level.WARNING, "mqtt: connection to " + settings.url() + " lost; "
                        + "the outbox keeps everything until it is back");
            }
            if (!connect()) {
                await(backoffMillis);
                backoffMillis = Math.min(2 * backoffMillis, MAX_BACKOFF_MILLIS);
                return;
            }
            backoffMillis = MIN_BACKOFF_MILLIS;
            resetWindow();
            announce(true);
            up = true;
        }
        fill();
        handle(next(1_000));
    }

    private boolean connect() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        // Clean start: the outbox, not the broker session, is what makes delivery reliable, and a
        // command queued by the broker while we were away would arrive late (docs/mqtt.md).
        o.setCleanStart(true);
        o.setSessionExpiryInterval(0L);
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(30);
        o.setConnectionTimeout(5);
        settings.username().ifPresent(o::setUserName);
        settings.password().ifPresent(p -> o.setPassword(p.getBytes(StandardCharsets.UTF_8)));
        settings.tlsCa().ifPresent(ca -> o.setSocketFactory(Tls.trusting(ca)));
        MqttMessage will = new MqttMessage("offline".getBytes(StandardCharsets.UTF_8), 1, true, null);
        o.setWill(topics.status(settings.nodeName()), will);
        try {
            IMqttToken t = client.connect(o);
            t.waitForCompletion(DIRECT_TIMEOUT_MILLIS + 1_000);
            Integer receiveMaximum = t.getResponseProperties() == null ? null : t.getResponseProperties().getReceiveMaximum();
            window = receiveMaximum == null || receiveMaximum < 1 ? WINDOW : Math.min(WINDOW, receiveMaximum);
            LOG.log(System.Logger.Level.INFO, "mqtt: connected to " + settings.url() + " as " + settings.clientId()
                    + ", in-flight window " + window);
            return client.isConnected();
        } catch (MqttException e) {
            LOG.log(System.Logger.Level.INFO, "mqtt: cannot connect to " + settings.url() + " (" + e.getMessage()
                    + "); retrying in " + backoffMillis + " ms");
            return false;
        }
    }

    /** Subscribes (after a connect) and publishes statuses and, with Home Assistant, discovery. */
    private void announce(boolean subscribe) {
        try {
            if (subscribe) {
                client.subscribe(new MqttSubscription(topics.setFilter(settings.nodeName(), settings.bridgeAll()), 1))
                        .waitForCompletion(DIRECT_TIMEOUT_MILLIS);
                if (settings.homeassistant()) {
                    client.subscribe(new MqttSubscription(HomeAssistant.STATUS_TOPIC, 1)).waitForCompletion(DIRECT_TIMEOUT_MILLIS);
                }
            }
            direct(topics.status(settings.nodeName()), "online".getBytes(StandardCharsets.UTF_8));
            for (var e : Map.copyOf(nodesOnline).entrySet()) {
                direct(topics.status(e.getKey()), (e.getValue() ? "online" : "offline").getBytes(StandardCharsets.UTF_8));
            }
            if (settings.homeassistant()) {
                for (List<ThingInfo> list : List.copyOf(things.values())) {
                    for (ThingInfo t : list) {
                        for (HomeAssistant.Doc d : HomeAssistant.documents(t, topics)) {
                            direct(d.topic(), d.payload());
                        }
                    }
                }
            }
        } catch (MqttException e) {
            LOG.log(System.Logger.Level.WARNING, "mqtt: announcing failed (" + e.getMessage() + "); again after reconnect");
        }
    }

    private void direct(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 1, true).waitForCompletion(DIRECT_TIMEOUT_MILLIS);
    }

    /** Sends outbox messages until the window is full or the outbox is drained. */
    private void fill() {
        int room = window - inFlight.size();
        if (room <= 0) {
            return;
        }
        long now = clock.wallMillis();
        for (HeldMessage m : outbox.pendingMessages(peer, lastSent, room)) {
            inFlight.sent(m.seq());
            lastSent = m.seq();
            switch (OutboxEntry.decode(m.message())) {
                case Parsed.Malformed<OutboxEntry> bad -> {
                    LOG.log(System.Logger.Level.ERROR, "mqtt: outbox message " + m.seq() + " is unreadable (" + bad.reason()
                            + "); skipped");
                    signals.add(new Signal.Acked(epoch, m.seq()));
                }
                case Parsed.Ok<OutboxEntry> ok -> send(m, ok.value(), now);
            }
        }
    }

    private void send(HeldMessage m, OutboxEntry entry, long now) {
        String id = settings.nodeName() + ":" + m.seq();
        String topic;
        byte[] payload;
        boolean retain;
        switch (entry) {
            case OutboxEntry.Event ev -> {
                EventMessage e = ev.event();
                boolean historical = e.historical() || now - m.acceptedWallMillis() > HISTORICAL_AFTER_MILLIS;
                if (e.error().isPresent()) {
                    topic = topics.error(ev.node(), e.thing());
                    payload = Payloads.error(e, id, historical);
                    retain = false;
                } else {
                    topic = topics.reading(ev.node(), e.thing(), e.key());
                    payload = Payloads.reading(e, id, historical);
                    retain = true;
                }
            }
            case OutboxEntry.Status st -> {
                var s = st.status();
                topic = topics.actionStatus(s.node(), s.thing(), s.action());
                payload = Payloads.status(s);
                retain = false;
            }
        }
        long myEpoch = epoch;
        long seq = m.seq();
        try {
            client.publish(topic, payload, 1, retain, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int refused = refusal(token);
                    if (refused != 0) {
                        signals.add(new Signal.Failed(myEpoch, seq, new MqttException(refused)));
                    } else {
                        signals.add(new Signal.Acked(myEpoch, seq));
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    signals.add(new Signal.Failed(myEpoch, seq, cause));
                }
            });
        } catch (MqttException e) {
            signals.add(new Signal.Failed(myEpoch, seq, e));
        }
    }

    /** An MQTT v5 PUBACK reason code of 0x80 or above (not authorized, quota exceeded, …), else 0. */
    static int refusal(IMqttToken token) {
        int[] codes = token.getReasonCodes();
        if (codes != null) {
            for (int c : codes) {
                if (c >= 0x80) {
                    return c;
                }
            }
        }
        return 0;
    }

    private void handle(List<Signal> batch) {
        OptionalLong confirmTo = OptionalLong.empty();
        boolean failed = false;
        boolean announce = false;
        for (Signal s : batch) {
            switch (s) {
                case Signal.Acked a when a.epoch() == epoch -> {
                    OptionalLong to = inFlight.acked(a.seq());
                    if (to.isPresent()) {
                        confirmTo = to;
                    }
                }
                case Signal.Failed f when f.epoch() == epoch -> {
                    LOG.log(System.Logger.Level.WARNING, "mqtt: publishing outbox message " + f.seq() + " failed ("
                            + f.cause() + "); sending again from the outbox");
                    failed = true;
                }
                case Signal.Announce a -> announce = true;
                default -> {
                    // A wake-up, or news from a connection that is gone.
                }
            }
        }
        if (confirmTo.isPresent()) {
            long to = confirmTo.getAsLong();
            outbox.confirm(peer, to);
            published.addAndGet(to - confirmed);
            confirmed = to;
            retryMillis = MIN_BACKOFF_MILLIS;
        }
        if (failed) {
            // A message the broker keeps refusing (an ACL, say) holds the outbox back: nothing is
            // skipped, and the log says why, at a growing interval.
            resetWindow();
            await(retryMillis);
            retryMillis = Math.min(2 * retryMillis, MAX_BACKOFF_MILLIS);
        }
        if (announce && client.isConnected()) {
            announce(false);
        }
    }

    private List<Signal> next(long timeoutMillis) {
        List<Signal> batch = new ArrayList<>();
        try {
            Signal first = signals.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            if (first != null) {
                batch.add(first);
                signals.drainTo(batch, 1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
        return batch;
    }

    /** Waits up to {@code millis}, ending early for a stop; other signals wait for the next step. */
    private void await(long millis) {
        long deadline = clock.nanoTime() + millis * 1_000_000;
        while (running) {
            long left = (deadline - clock.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return;
            }
            List<Signal> batch = next(Math.min(left, 100));
            // Keep announcements; acks of a dead epoch are dropped anyway.
            for (Signal s : batch) {
                if (s instanceof Signal.Announce) {
                    signals.add(s);
                    return;
                }
            }
        }
    }

    private void resetWindow() {
        epoch++;
        inFlight.clear();
        lastSent = Math.max(confirmed, 0);
    }

    /** Publishes a {@code hold: none} reading now if connected, QoS 0; otherwise it is gone. */
    void publishLive(String node, EventMessage e, String id) {
        if (!client.isConnected()) {
            return;
        }
        boolean error = e.error().isPresent();
        try {
            client.publish(error ? topics.error(node, e.thing()) : topics.reading(node, e.thing(), e.key()),
                    error ? Payloads.error(e, id, false) : Payloads.reading(e, id, false), 0, !error);
        } catch (MqttException ex) {
            LOG.log(System.Logger.Level.DEBUG, "mqtt: live reading not sent: " + ex.getMessage());
        }
    }

    /** Connected, subscribed and announced. */
    boolean up() {
        return up && client.isConnected();
    }

    long published() {
        return published.get();
    }

    long confirmed() {
        return Math.max(confirmed, 0);
    }

    void stop() {
        running = false;
    }

    /** After the thread stopped: says offline (graceful) or drops the connection like a crash. */
    void disconnect(boolean graceful) {
        try {
            if (client.isConnected()) {
                if (graceful) {
                    direct(topics.status(settings.nodeName()), "offline".getBytes(StandardCharsets.UTF_8));
                    client.disconnect(2_000).waitForCompletion(3_000);
                } else {
                    client.disconnectForcibly(0, 1_000, false);
                }
            }
        } catch (MqttException e) {
            LOG.log(System.Logger.Level.WARNING, "mqtt: disconnecting: " + e.getMessage());
        } finally {
            try {
                client.close(true);
            } catch (MqttException e) {
                LOG.log(System.Logger.Level.WARNING, "mqtt: closing the client: " + e.getMessage());
            }
        }
    }
}
