package piot.gateway.mesh;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import piot.gateway.mesh.codec.Close;
import piot.gateway.mesh.codec.CloseReason;
import piot.gateway.mesh.codec.Envelope;
import piot.gateway.mesh.codec.EnvelopeCodec;
import piot.gateway.mesh.codec.MeshMessage;
import piot.gateway.mesh.codec.MessageCodec;
import piot.gateway.mesh.pki.TlsContexts;
import piot.time.Clock;

/**
 * One node of the mesh: listens for TLS sessions, dials its links with capped, jittered
 * exponential backoff, keeps at most one session per peer, and moves held messages to peers.
 * Thread-safe facade; each session's state is owned by its own thread.
 */
public final class MeshNode implements AutoCloseable {
    /** {@link PeerView#holdingDepth()} counts at most this many held messages. */
    public static final int DEPTH_CAP = 100_000;
    private static final int MAX_PENDING_HANDSHAKES = 32;
    /** One address may hold at most this many of the handshake slots, so a flood from one host cannot take them all. */
    static final int MAX_HANDSHAKES_PER_SOURCE = 8;
    private static final int MAX_REFUSALS_KEPT = 100;
    private static final System.Logger LOG = System.getLogger(MeshNode.class.getName());

    private final MeshSettings settings;
    private final LinkStore store;
    private final Clock clock;
    private final MessageHandler handler;
    private final LinkRegistry links;
    private final MeshStats stats = new MeshStats();
    private final SSLServerSocket server;
    private final Connector connector;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Long> since = new ConcurrentHashMap<>();
    private final Map<String, Object> inboundLocks = new ConcurrentHashMap<>();
    private final Map<String, Thread> dialers = new ConcurrentHashMap<>();
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private final List<RefusalListener> refusalListeners = new CopyOnWriteArrayList<>();
    private final Map<InetAddress, Integer> handshakesBySource = new ConcurrentHashMap<>();
    /** Per refusal kind: when a line was last logged, and how many were not logged since. */
    private final Map<String, long[]> refusalLog = new ConcurrentHashMap<>();
    private static final long LOG_INTERVAL_NANOS = 1_000_000_000L;
    private final ArrayDeque<Refusal> refusals = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Semaphore handshakes = new Semaphore(MAX_PENDING_HANDSHAKES);
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private volatile boolean blackholed;
    private Discovery discovery;

    private MeshNode(MeshSettings settings, LinkStore store, Clock clock, MessageHandler handler) throws IOException {
        this.settings = settings;
        this.store = store;
        this.clock = clock;
        this.handler = handler;
        this.links = new LinkRegistry(settings.links());
        SSLContext tls = TlsContexts.create(settings.identity(), settings.deny());
        this.server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(settings.listenHost()), settings.listenPort()), 50);
        server.setNeedClientAuth(true);
        server.setEnabledProtocols(new String[] {TlsContexts.PROTOCOL});
        this.connector = new Connector(settings, tls, store, links, server.getLocalPort());
    }

    /** Binds the listener, starts dialling every link and, if enabled, discovery. */
    public static MeshNode start(MeshSettings settings, LinkStore store, Clock clock, MessageHandler handler) throws IOException {
        MeshNode node = new MeshNode(settings, store, clock, handler);
        node.spawn("mesh-accept-" + settings.nodeName(), node::acceptLoop);
        node.links.onChange(l -> node.ensureDialer(l.peer()));
        node.links.all().forEach(l -> node.ensureDialer(l.peer()));
        if (settings.discovery().enabled()) {
            node.discovery = Discovery.start(node);
        }
        LOG.log(Level.INFO, settings.nodeName() + " listening on " + node.server.getLocalSocketAddress());
        return node;
    }

    /**
     * Puts a message in holding for {@code peer}; completes with its link sequence once durable.
     * Fails (without holding anything) when the envelope cannot be encoded or exceeds a frame.
     */
    public CompletableFuture<Long> send(String peer, Envelope envelope) {
        byte[] bytes;
        try {
            bytes = EnvelopeCodec.encode(envelope);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (bytes.length + 16 > settings.tuning().maxFramePayload()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "message of " + bytes.length + " bytes exceeds the frame maximum " + settings.tuning().maxFramePayload()));
        }
        return store.append(peer, bytes).thenApply(seq -> {
            poke(peer);
            return seq;
        });
    }

    /** Tells the session to {@code peer} (if up) that holding has new messages for it. */
    public void poke(String peer) {
        Session s = sessions.get(peer);
        if (s != null) {
            s.wake();
        }
    }

    /** The port the listener is bound to (useful with listen port 0). */
    public int port() {
        return server.getLocalPort();
    }

    public String name() {
        return settings.nodeName();
    }

    /** The UDP port discovery listens on, or 0 when discovery is off. */
    public int discoveryPort() {
        return discovery == null ? 0 : discovery.port();
    }

    public LinkRegistry links() {
        return links;
    }

    public MeshStats stats() {
        return stats;
    }

    public void addListener(SessionListener l) {
        listeners.add(l);
    }

    /** Every known peer (linked, discovered or connected), sorted by name. */
    public List<PeerView> peers() {
        TreeSet<String> names = new TreeSet<>(sessions.keySet());
        links.all().forEach(l -> names.add(l.peer()));
        List<PeerView> out = new ArrayList<>();
        for (String p : names) {
            Session s = sessions.get(p);
            Link l = links.get(p).orElse(new Link(p, null, 0, true, Link.Source.INBOUND));
            out.add(new PeerView(p, s != null ? PeerView.State.UP : PeerView.State.DOWN, since.getOrDefault(p, 0L),
                    store.pending(p, 0, DEPTH_CAP).size(), s != null ? s.connection().remote() : l.address(),
                    l.inheritState(), l.source()));
        }
        return out;
    }

    /** The peers with a live session. */
    public List<PeerView> sessions() {
        return peers().stream().filter(p -> p.state() == PeerView.State.UP).toList();
    }

    /** The host (IP address) a live session with {@code peer} runs to, if there is one. */
    java.util.Optional<String> sessionHost(String peer) {
        Session live = sessions.get(peer);
        return live == null ? java.util.Optional.empty() : java.util.Optional.of(live.connection().socket().getInetAddress().getHostAddress());
    }

    /** Adds a listener that hears every refused connection from now on. */
    public void addRefusalListener(RefusalListener l) {
        refusalListeners.add(l);
    }

    /** The most recent refused connections, oldest first. */
    public List<Refusal> refusals() {
        synchronized (refusals) {
            return List.copyOf(refusals);
        }
    }

    /** Ends every session with CLOSE(SHUTDOWN) and stops listening; held messages stay held. */
    @Override
    public void close() {
        shutdown(true);
    }

    /** Dies abruptly, as on power loss: sockets are reset, no CLOSE is sent. For tests. */
    void kill() {
        shutdown(false);
    }

    private void shutdown(boolean graceful) {
        if (closed) {
            return;
        }
        closed = true;
        if (discovery != null) {
            discovery.close();
        }
        Connector.closeQuietly(server);
        for (Session s : sessions.values()) {
            if (graceful) {
                s.stop(CloseReason.SHUTDOWN, settings.nodeName() + " is shutting down");
            } else {
                FrameOut.cut(s.connection().socket());
            }
        }
        threads.forEach(Thread::interrupt);
        signal();
        for (Thread t : threads) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Which node dialled the live session with {@code peer}, or null. For tests of the tie-break. */
    String dialerOf(String peer) {
        Session s = sessions.get(peer);
        return s == null ? null : s.connection().dialer();
    }

    /** While true, every frame in or out is silently lost, as with a hung peer or a partition. */
    void blackhole(boolean on) {
        blackholed = on;
    }

    boolean blackholed() {
        return blackholed;
    }

    /** Tells the listeners that {@code m} went out to {@code peer}; a failing listener never hurts the session. */
    void sent(String peer, MeshMessage m) {
        for (SessionListener l : listeners) {
            try {
                l.onSent(peer, m);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, settings.nodeName() + ": session listener failed on a sent message: " + e);
            }
        }
    }

    /** Tells the listeners that {@code m} arrived from {@code peer}. */
    void received(String peer, MeshMessage m) {
        for (SessionListener l : listeners) {
            try {
                l.onReceived(peer, m);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, settings.nodeName() + ": session listener failed on a received message: " + e);
            }
        }
    }

    MeshSettings settings() {
        return settings;
    }

    LinkStore store() {
        return store;
    }

    Clock clock() {
        return clock;
    }

    MessageHandler handler() {
        return handler;
    }

    Object inboundLock(String peer) {
        return inboundLocks.computeIfAbsent(peer, p -> new Object());
    }

    private void spawn(String name, Runnable r) {
        Thread t = Thread.ofVirtual().name(name).unstarted(r);
        threads.add(t);
        t.start();
    }

    private void acceptLoop() {
        for (long n = 0; n < Long.MAX_VALUE && !closed; n++) {
            SSLSocket s;
            try {
                s = (SSLSocket) server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.ERROR, settings.nodeName() + ": accept failed: " + e);
                }
                return;
            }
            InetAddress source = s.getInetAddress();
            if (!takeSourceSlot(source)) {
                refused(s.getRemoteSocketAddress().toString(), "handshake_slots",
                        "too many handshakes in progress from " + source.getHostAddress() + " (at most " + MAX_HANDSHAKES_PER_SOURCE + ")");
                Connector.closeQuietly(s);
                continue;
            }
            if (!handshakes.tryAcquire()) {
                releaseSourceSlot(source);
                refused(s.getRemoteSocketAddress().toString(), "handshake_slots", "too many handshakes in progress");
                Connector.closeQuietly(s);
                continue;
            }
            Thread.ofVirtual().name("mesh-handshake-" + settings.nodeName()).start(() -> {
                try {
                    switch (connector.accept(s)) {
                        case Connector.Outcome.Connected c -> register(c.connection());
                        case Connector.Outcome.Refused r -> refused(s.getRemoteSocketAddress().toString(), r.kind(), r.reason() + ": " + r.detail());
                    }
                } finally {
                    handshakes.release();
                    releaseSourceSlot(source);
                }
            });
        }
    }

    void ensureDialer(String peer) {
        if (closed || !links.get(peer).map(Link::dialable).orElse(false)) {
            return;
        }
        dialers.computeIfAbsent(peer, p -> {
            Thread t = Thread.ofVirtual().name("mesh-dial-" + settings.nodeName() + "-" + p).unstarted(() -> dialLoop(p));
            threads.add(t);
            t.start();
            return t;
        });
        signal();
    }

    private void dialLoop(String peer) {
        Backoff backoff = new Backoff(settings.tuning().backoffMin(), settings.tuning().backoffMax(), ThreadLocalRandom.current());
        for (long attempt = 0; attempt < Long.MAX_VALUE && !closed; attempt++) {
            if (sessions.containsKey(peer)) {
                backoff.reset();
                await(TimeUnit.SECONDS.toNanos(1));
                continue;
            }
            Link link = links.get(peer).orElseThrow();
            switch (connector.dial(link)) {
                case Connector.Outcome.Connected c -> {
                    if (register(c.connection())) {
                        backoff.reset();
                        continue;
                    }
                }
                case Connector.Outcome.Refused r -> {
                    if (r.reason() == CloseReason.CONNECTION_LOST) {
                        LOG.log(Level.DEBUG, settings.nodeName() + ": " + r.detail());
                    } else {
                        refused(link.address(), r.kind(), r.reason() + ": " + r.detail());
                    }
                }
            }
            await(backoff.next());
        }
    }

    private void await(long nanos) {
        lock.lock();
        try {
            if (!closed) {
                changed.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes a connection the session for its peer. Of two live connections between the same
     * nodes, both sides keep the one dialled by the lexically smaller name; among equals, the newer.
     */
    private boolean register(Connection c) {
        String peer = c.peer();
        String preferredDialer = settings.nodeName().compareTo(peer) < 0 ? settings.nodeName() : peer;
        Session fresh;
        boolean replaced;
        lock.lock();
        try {
            Session existing = sessions.get(peer);
            boolean keepNew = closed ? false : existing == null || existing.ended()
                    || c.dialer().equals(preferredDialer) || !existing.connection().dialer().equals(preferredDialer);
            if (!keepNew) {
                Close why = closed ? new Close(CloseReason.SHUTDOWN, settings.nodeName() + " is shutting down")
                        : new Close(CloseReason.DUPLICATE_SESSION, "a session with " + settings.nodeName() + " exists");
                try {
                    c.out().write(MessageCodec.encode(why));
                } catch (IOException e) {
                    LOG.log(Level.DEBUG, "duplicate connection already gone: " + e);
                }
                Connector.closeQuietly(c.socket());
                stats.add(closed ? "sessions_refused_shutdown" : "sessions_duplicate");
                return false;
            }
            replaced = existing != null && !existing.ended();
            if (replaced) {
                existing.stop(CloseReason.DUPLICATE_SESSION, "replaced by a connection dialled by " + c.dialer());
            }
            FrameOut out = c.out();
            if (settings.faults().any()) {
                try {
                    out = new FaultyFrameOut(c.socket(), settings.faults(), (settings.nodeName() + peer).hashCode() * 31L + stats.get("sessions_up"), stats);
                } catch (IOException e) {
                    Connector.closeQuietly(c.socket());
                    return false;
                }
            }
            fresh = new Session(c, this, out);
            sessions.put(peer, fresh);
            if (!replaced) {
                since.put(peer, clock.wallMillis());
            }
            stats.add("sessions_up");
        } finally {
            lock.unlock();
        }
        if (c.theirs().listenPort() > 0) {
            links.learn(new Link(peer, c.socket().getInetAddress().getHostAddress(), c.theirs().listenPort(), true, Link.Source.INBOUND));
        }
        spawn("mesh-session-" + settings.nodeName() + "-" + peer, fresh);
        LOG.log(Level.INFO, settings.nodeName() + ": session up with " + peer + " (" + c.remote() + ", dialled by " + c.dialer() + ")");
        if (!replaced) {
            listeners.forEach(l -> l.onSessionUp(peer));
        }
        return true;
    }

    void onSessionEnded(Session s, String reason) {
        boolean removed;
        lock.lock();
        try {
            removed = sessions.remove(s.peer(), s);
            if (removed) {
                since.put(s.peer(), clock.wallMillis());
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        threads.remove(Thread.currentThread());
        LOG.log(Level.INFO, settings.nodeName() + ": session with " + s.peer() + " ended: " + reason);
        if (removed) {
            stats.add("sessions_down");
            listeners.forEach(l -> l.onSessionDown(s.peer(), reason));
        }
    }

    /**
     * Counts (in total and under {@code refused.KIND}), logs, keeps and announces one refusal. The
     * log gets at most one line per kind a second (a flood must not fill the SD card with log
     * lines); the next line says how many were left out. Counts and listeners see every one.
     */
    void refused(String remote, String kind, String reason) {
        long now = clock.nanoTime();
        long[] window = refusalLog.computeIfAbsent(kind, k -> new long[] {now - LOG_INTERVAL_NANOS, 0});
        String line = null;
        synchronized (window) {
            if (now - window[0] >= LOG_INTERVAL_NANOS) {
                line = settings.nodeName() + ": refused connection " + remote + " (" + kind + "): " + reason
                        + (window[1] > 0 ? " (and " + window[1] + " more " + kind + " refusals not logged)" : "");
                window[0] = now;
                window[1] = 0;
            } else {
                window[1]++;
            }
        }
        if (line != null) {
            LOG.log(Level.WARNING, line);
        }
        Refusal r = new Refusal(clock.wallMillis(), remote, reason, kind);
        synchronized (refusals) {
            if (refusals.size() >= MAX_REFUSALS_KEPT) {
                refusals.removeFirst();
            }
            refusals.addLast(r);
        }
        // Counted after it is kept, so whoever sees the count also finds the refusal.
        stats.add("refused");
        stats.add("refused." + kind);
        refusalListeners.forEach(l -> l.onRefused(r));
    }

    private boolean takeSourceSlot(InetAddress source) {
        boolean[] taken = {false};
        handshakesBySource.compute(source, (a, n) -> {
            int now = n == null ? 0 : n;
            if (now >= MAX_HANDSHAKES_PER_SOURCE) {
                return n;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    private void releaseSourceSlot(InetAddress source) {
        handshakesBySource.computeIfPresent(source, (a, n) -> n <= 1 ? null : n - 1);
    }
}
