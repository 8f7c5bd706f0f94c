package piot.gateway.mesh;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import piot.gateway.mesh.codec.Close;
import piot.gateway.mesh.codec.CloseReason;
import piot.gateway.mesh.codec.Confirm;
import piot.gateway.mesh.codec.Data;
import piot.gateway.mesh.codec.Decoded;
import piot.gateway.mesh.codec.Envelope;
import piot.gateway.mesh.codec.EnvelopeCodec;
import piot.gateway.mesh.codec.FrameResult;
import piot.gateway.mesh.codec.Handshake;
import piot.gateway.mesh.codec.Hello;
import piot.gateway.mesh.codec.MeshMessage;
import piot.gateway.mesh.codec.MessageCodec;
import piot.gateway.mesh.codec.MessageHash;

/**
 * One live session with a peer. Its owner thread runs {@link #run}: it alone touches the send
 * window and timers; the reader thread only decodes frames and enqueues them. Delivery to the
 * application happens on the owner thread, under the node's per-peer inbound lock.
 */
final class Session implements Runnable {
    private static final System.Logger LOG = System.getLogger(Session.class.getName());
    /** Most DATA frames taken into custody together (one handler call, one CONFIRM). */
    static final int MAX_RUN = 1024;

    sealed interface Event {
        record Inbound(MeshMessage message) implements Event {}

        record Ended(CloseReason reason, String detail, boolean sayClose) implements Event {}

        record Wake() implements Event {}
    }

    private record Outgoing(long seq, long prevSeq, byte[] envelope, long hash) {}

    private final Connection conn;
    private final MeshNode node;
    private final LinkStore store;
    private final MeshSettings settings;
    private final FrameOut out;
    private final String peer;
    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final ArrayDeque<Outgoing> window = new ArrayDeque<>();
    private volatile boolean ended;
    private Event pushedBack; // polled while gathering a run of DATA, handled next
    private long lastPulled;
    private long lastSent;

    Session(Connection conn, MeshNode node, FrameOut out) {
        this.conn = conn;
        this.node = node;
        this.store = node.store();
        this.settings = node.settings();
        this.out = out;
        this.peer = conn.peer();
    }

    String peer() {
        return peer;
    }

    Connection connection() {
        return conn;
    }

    void wake() {
        events.add(new Event.Wake());
    }

    void stop(CloseReason reason, String detail) {
        events.add(new Event.Ended(reason, detail, true));
    }

    boolean ended() {
        return ended;
    }

    @Override
    public void run() {
        Event.Ended end;
        try {
            start();
            Thread.ofVirtual().name("mesh-read-" + settings.nodeName() + "-" + peer).start(this::readLoop);
            end = loop();
        } catch (IOException e) {
            end = new Event.Ended(CloseReason.CONNECTION_LOST, Connector.rootMessage(e), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end = new Event.Ended(CloseReason.SHUTDOWN, "interrupted", true);
        } catch (RuntimeException e) {
            // A store fault (a HoldingException: disk, or a write interrupted at shutdown) must still
            // end the session properly: else it stays registered, silent, and blocks the redial.
            if (Thread.currentThread().isInterrupted() || e.getCause() instanceof InterruptedException) {
                end = new Event.Ended(CloseReason.SHUTDOWN, "interrupted", true);
            } else {
                LOG.log(Level.ERROR, settings.nodeName() + ": session with " + peer + " failed; closing it, nothing unconfirmed is lost", e);
                end = new Event.Ended(CloseReason.UNKNOWN, "local failure: " + e.getMessage(), true);
            }
        }
        finish(end);
    }

    /** Agrees where each direction resumes: clean slate, or the announced watermarks. */
    private void start() {
        Handshake mine = conn.mine();
        Handshake theirs = conn.theirs();
        synchronized (node.inboundLock(peer)) {
            if (!(mine.inheritState() && theirs.inheritState())) {
                int discarded = store.pending(peer, 0, MeshNode.DEPTH_CAP).size();
                store.reset(peer);
                node.stats().add("reset_discarded", discarded);
                LOG.log(Level.INFO, settings.nodeName() + ": clean-slate session with " + peer + ", discarded " + discarded + " held messages");
                lastSent = 0;
            } else {
                lastSent = Math.min(theirs.watermark(), mine.lastAssigned());
                if (theirs.lastAssigned() < store.inboundWatermark(peer)) {
                    LOG.log(Level.WARNING, settings.nodeName() + ": " + peer + " lost its link state (assigned up to "
                            + theirs.lastAssigned() + ", we had accepted " + store.inboundWatermark(peer) + "); following it");
                    // Lowered, not raised: else its new messages 1..old watermark are taken for duplicates and lost.
                    store.followInboundWatermark(peer, theirs.lastAssigned());
                }
            }
        }
        lastPulled = lastSent;
    }

    private Event.Ended loop() throws IOException, InterruptedException {
        long interval = settings.heartbeat().toNanos();
        long rto = settings.tuning().retransmit().toNanos();
        long now = node.clock().nanoTime();
        long nextHello = now;
        long silentAt = now + interval * settings.heartbeatMisses();
        long retransmitAt = Long.MAX_VALUE;
        long pollAt = now;
        for (long step = 0; step < Long.MAX_VALUE; step++) {
            now = node.clock().nanoTime();
            if (now - silentAt >= 0) {
                return new Event.Ended(CloseReason.HEARTBEAT_TIMEOUT, "no frame from " + peer + " for "
                        + settings.heartbeatMisses() + " heartbeat intervals", true);
            }
            if (now - nextHello >= 0) {
                send(new Hello(now / 1_000_000));
                nextHello = now + interval;
            }
            if (!window.isEmpty() && now - retransmitAt >= 0) {
                resendWindow();
                retransmitAt = now + rto;
            }
            if (now - pollAt >= 0) {
                if (fill() && retransmitAt == Long.MAX_VALUE) {
                    retransmitAt = now + rto;
                }
                pollAt = now + rto;
            }
            long wait = Math.min(Math.min(nextHello, silentAt), Math.min(retransmitAt, pollAt)) - now;
            Event e = pushedBack != null ? pushedBack : events.poll(Math.max(wait, 1_000_000), TimeUnit.NANOSECONDS);
            pushedBack = null;
            if (e == null) {
                continue;
            }
            switch (e) {
                case Event.Ended end -> {
                    return end;
                }
                case Event.Wake w -> {
                    if (fill() && retransmitAt == Long.MAX_VALUE) {
                        retransmitAt = node.clock().nanoTime() + rto;
                    }
                }
                case Event.Inbound in -> {
                    silentAt = node.clock().nanoTime() + interval * settings.heartbeatMisses();
                    Event.Ended end = null;
                    if (in.message() instanceof Data d) {
                        onData(gatherRun(d));
                    } else {
                        end = onMessage(in.message());
                    }
                    if (end != null) {
                        return end;
                    }
                    if (in.message() instanceof Confirm) {
                        retransmitAt = window.isEmpty() ? Long.MAX_VALUE : node.clock().nanoTime() + rto;
                        if (fill() && retransmitAt == Long.MAX_VALUE) {
                            retransmitAt = node.clock().nanoTime() + rto;
                        }
                    }
                }
            }
        }
        throw new IllegalStateException("session loop ended");
    }

    private Event.Ended onMessage(MeshMessage m) throws IOException {
        if (!(m instanceof Data)) {
            node.received(peer, m); // DATA is counted by onData, which takes it in runs
        }
        switch (m) {
            case Hello h -> { }
            case Data d -> onData(List.of(d));
            case Confirm c -> onConfirm(c);
            case Close c -> {
                return new Event.Ended(c.reason(), "closed by " + peer + ": " + c.detail(), false);
            }
            case Handshake h -> {
                return new Event.Ended(CloseReason.PROTOCOL_ERROR, "second handshake from " + peer, true);
            }
        }
        return null;
    }

    /** {@code first} and the DATA frames queued right behind it (up to {@link #MAX_RUN}). */
    private List<Data> gatherRun(Data first) {
        List<Data> run = new ArrayList<>();
        run.add(first);
        while (run.size() < MAX_RUN) {
            Event next = events.poll();
            if (next == null) {
                break;
            }
            if (!(next instanceof Event.Inbound(Data d))) {
                pushedBack = next;
                break;
            }
            run.add(d);
        }
        return run;
    }

    /**
     * Takes custody of a run of DATA frames in link order: duplicates and frames after a gap are
     * dropped as one at a time would; the in-order ones go to the application together, and one
     * CONFIRM for the last accepted (it implies every earlier one) goes out only once they are
     * durable.
     */
    private void onData(List<Data> run) throws IOException {
        run.forEach(d -> node.received(peer, d));
        Data confirm;
        synchronized (node.inboundLock(peer)) {
            long watermark = store.inboundWatermark(peer);
            long expected = watermark;
            List<Data> fresh = new ArrayList<>();
            Data duplicate = null;
            for (Data d : run) {
                if (d.seq() <= expected) {
                    node.stats().add("data_duplicates");
                    if (d.seq() <= watermark && (duplicate == null || d.seq() > duplicate.seq())) {
                        duplicate = d; // already durable here: confirmed again
                    }
                } else if (d.prevSeq() != expected) {
                    node.stats().add("data_gaps");
                } else {
                    fresh.add(d);
                    expected = d.seq();
                }
            }
            int accepted = deliver(fresh);
            confirm = accepted > 0 ? fresh.get(accepted - 1) : duplicate;
        }
        if (confirm != null) {
            send(new Confirm(confirm.seq(), confirm.envelope().length, MessageHash.of(confirm.envelope())));
        }
    }

    /**
     * Hands an in-order run to the application and stores the inbound watermark after it (unless
     * the application already stored it with its custody); returns how many of the run, from its
     * start, the application took custody of.
     */
    private int deliver(List<Data> run) {
        if (run.isEmpty()) {
            return 0;
        }
        List<Delivery> decoded = new ArrayList<>(run.size()); // null where the envelope is malformed
        List<Delivery> good = new ArrayList<>(run.size());
        for (Data d : run) {
            Decoded<Envelope> env = EnvelopeCodec.decode(d.envelope());
            if (env instanceof Decoded.Bad<Envelope> bad) {
                // Retransmitting cannot repair what the sender stored; skip it so the link is not wedged.
                node.stats().add("envelopes_malformed");
                LOG.log(Level.WARNING, settings.nodeName() + ": dropped malformed message " + d.seq() + " from " + peer + ": " + bad.reason());
                decoded.add(null);
            } else {
                Delivery delivery = new Delivery(peer, d.seq(), ((Decoded.Ok<Envelope>) env).value());
                decoded.add(delivery);
                good.add(delivery);
            }
        }
        int accepted = 0;
        if (good.size() > 1 && node.handler() instanceof MessageHandler.Batching batching) {
            try {
                batching.onMessages(good);
                node.stats().add("delivered", good.size());
                accepted = run.size();
            } catch (Exception e) {
                node.stats().add("runs_refused");
                LOG.log(Level.DEBUG, settings.nodeName() + ": handler refused a run of " + good.size() + " from " + peer
                        + "; offering them one at a time: " + e);
            }
        }
        for (int i = accepted; i < run.size(); i++, accepted++) {
            Delivery d = decoded.get(i);
            if (d == null) {
                continue;
            }
            try {
                node.handler().onMessage(d);
            } catch (Exception e) {
                node.stats().add("handler_refused");
                LOG.log(Level.WARNING, settings.nodeName() + ": handler did not accept message " + d.linkSeq() + " from " + peer + ": " + e);
                break;
            }
            node.stats().add("delivered");
        }
        if (accepted > 0) {
            long last = run.get(accepted - 1).seq();
            if (store.inboundWatermark(peer) < last) {
                store.inboundWatermark(peer, last);
            }
        }
        return accepted;
    }

    private void onConfirm(Confirm c) throws IOException {
        Outgoing match = null;
        for (Outgoing o : window) {
            if (o.seq() == c.seq()) {
                match = o;
                break;
            }
        }
        if (match == null) {
            node.stats().add("confirms_stale");
            return;
        }
        if (match.envelope().length != c.length() || match.hash() != c.hash()) {
            node.stats().add("confirms_mismatched");
            LOG.log(Level.WARNING, settings.nodeName() + ": " + peer + " confirmed " + c.seq() + " with the wrong length or hash; resending");
            resendWindow();
            return;
        }
        int n = 0;
        while (!window.isEmpty() && window.peekFirst().seq() <= c.seq()) {
            window.pollFirst();
            n++;
        }
        store.confirm(peer, c.seq());
        node.stats().add("confirmed", n);
    }

    /** Pulls held messages into the window and sends them; true when something was sent. */
    private boolean fill() throws IOException {
        boolean sent = false;
        int room = settings.tuning().window() - window.size();
        while (room > 0) {
            List<LinkStore.Held> held = store.pending(peer, lastPulled, room);
            if (held.isEmpty()) {
                break;
            }
            for (LinkStore.Held h : held) {
                Outgoing o = new Outgoing(h.seq(), lastSent, h.message(), MessageHash.of(h.message()));
                lastSent = h.seq();
                lastPulled = h.seq();
                window.addLast(o);
                send(new Data(o.seq(), o.prevSeq(), o.envelope()));
                sent = true;
                room--;
            }
        }
        return sent;
    }

    private void resendWindow() throws IOException {
        node.stats().add("retransmits", window.size());
        for (Outgoing o : window) {
            send(new Data(o.seq(), o.prevSeq(), o.envelope()));
        }
    }

    private void send(MeshMessage m) throws IOException {
        if (node.blackholed()) {
            return;
        }
        out.write(MessageCodec.encode(m));
        node.sent(peer, m);
    }

    private void readLoop() {
        try {
            for (long n = 0; n < Long.MAX_VALUE && !ended; n++) {
                FrameResult r = conn.reader().next();
                if (node.blackholed()) {
                    continue;
                }
                if (r instanceof FrameResult.Malformed m) {
                    CloseReason why = m.reason().contains("exceeds") ? CloseReason.FRAME_TOO_LARGE : CloseReason.PROTOCOL_ERROR;
                    node.stats().add("frames_malformed");
                    events.add(new Event.Ended(why, m.reason(), true));
                    return;
                }
                Decoded<?> d = MessageCodec.decode(((FrameResult.Complete) r).frame());
                if (d instanceof Decoded.Bad<?> bad) {
                    node.stats().add("frames_malformed");
                    events.add(new Event.Ended(CloseReason.PROTOCOL_ERROR, bad.reason(), true));
                    return;
                }
                events.add(new Event.Inbound((MeshMessage) ((Decoded.Ok<?>) d).value()));
            }
        } catch (IOException e) {
            events.add(new Event.Ended(CloseReason.CONNECTION_LOST, Connector.rootMessage(e), false));
        }
    }

    private void finish(Event.Ended end) {
        ended = true;
        if (end.sayClose()) {
            try {
                out.write(MessageCodec.encode(new Close(end.reason(), end.detail())));
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "CLOSE not sent to " + peer + ": " + e);
            }
        }
        Connector.closeQuietly(conn.socket());
        node.onSessionEnded(this, end.reason() + ": " + end.detail());
    }
}
