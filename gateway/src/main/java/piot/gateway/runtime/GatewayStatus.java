package piot.gateway.runtime;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import piot.drivers.SensorFault;
import piot.gateway.holding.Health;
import piot.gateway.holding.HoldingStats;
import piot.gateway.holding.NodeStore;
import piot.gateway.mesh.Link;
import piot.gateway.mesh.MeshNode;
import piot.gateway.mesh.Refusal;
import piot.gateway.router.Directory;
import piot.gateway.router.PendingCalls;
import piot.gateway.router.Router;
import piot.gateway.router.RouterMessage;
import piot.gateway.router.RoutingTable;
import piot.gateway.status.ActionHistory;
import piot.gateway.status.ActionInfo;
import piot.gateway.status.ActionRequest;
import piot.gateway.status.ActionStatus;
import piot.gateway.status.ActionSubmission;
import piot.gateway.status.Counter;
import piot.gateway.status.ErrorInfo;
import piot.gateway.status.KeyValue;
import piot.gateway.status.LiveEvent;
import piot.gateway.status.Metrics;
import piot.gateway.status.NodeInfo;
import piot.gateway.status.PeerInfo;
import piot.gateway.status.PiotMetrics;
import piot.gateway.status.StatusModel;
import piot.gateway.status.ThingInfo;
import piot.gateway.uplink.MqttBridge;
import piot.time.Clock;

/**
 * The running gateway as the HTTP API sees it ({@link StatusModel}), and the router's
 * {@link Router.LocalSink}: action histories of actions requested here, live events, recent
 * errors and metrics. Reads answer from snapshots (directory, routes, holding stats).
 */
final class GatewayStatus implements StatusModel, Router.LocalSink {
    private static final System.Logger LOG = System.getLogger(GatewayStatus.class.getName());
    private static final int MAX_ERRORS = 100;
    private static final int MAX_HISTORIES = 10_000;
    private static final long MQTT_GRACE_NANOS = 30_000_000_000L;

    private final String self;
    private final String network;
    private final String version;
    private final Clock clock;
    private final long startNanos;
    private final long startWall;
    private final Directory directory;
    private final NodeStore store;
    private final Metrics metrics = new Metrics();
    private final PiotMetrics m = PiotMetrics.register(metrics);
    private static final long REFUSAL_ERROR_NANOS = 10_000_000_000L;
    private final Map<String, long[]> lastRefusalError = new ConcurrentHashMap<>();
    private final Counter meshRefused = metrics.counter("piot_mesh_refused_total",
            "Mesh connections refused (no or bad certificate, bad handshake, over the handshake limit), by reason.", "reason");
    private final Counter routerDropped = metrics.counter("piot_router_dropped_total",
            "Routed messages dropped on arrival: duplicate (already seen from its source: a replay, another path) or malformed (a body that does not decode).",
            "reason");
    private final MeshMetrics meshMetrics;
    /** Counts that only grow (holding's durable drops, the core's drops) as last seen, so their counters grow by the difference. */
    private final Map<String, Long> countsSeen = new ConcurrentHashMap<>();
    private final Map<String, Long> submittedNanos = new ConcurrentHashMap<>();
    private final Map<String, RouterMessage.ActionRequest> requests = new ConcurrentHashMap<>();
    private final Map<String, ActionHistory> histories = new ConcurrentHashMap<>();
    private final List<Consumer<LiveEvent>> listeners = new CopyOnWriteArrayList<>();
    private final ArrayDeque<ErrorInfo> errors = new ArrayDeque<>();
    private final Map<String, String> failingSensors = new ConcurrentHashMap<>();
    private volatile NodeCore core;
    private volatile MeshNode mesh;
    private volatile MqttBridge bridge;

    GatewayStatus(String self, String network, String version, Clock clock, Directory directory, NodeStore store) {
        this.self = self;
        this.network = network;
        this.version = version;
        this.clock = clock;
        this.startNanos = clock.nanoTime();
        this.startWall = clock.wallMillis();
        this.directory = directory;
        this.store = store;
        this.meshMetrics = new MeshMetrics(m, clock);
    }

    /** The session listener that feeds the mesh metrics and the peers' round trips. */
    MeshMetrics meshMetrics() {
        return meshMetrics;
    }

    void attach(NodeCore c, MeshNode meshNode) {
        this.core = c;
        this.mesh = meshNode;
    }

    void attachBridge(MqttBridge b) {
        this.bridge = b;
    }

    PiotMetrics handles() {
        return m;
    }

    @Override
    public NodeInfo node() {
        List<String> problems = new ArrayList<>();
        if (store.health() instanceof Health.Degraded d) {
            problems.add("storage: " + d.reason());
        }
        failingSensors.forEach((id, why) -> problems.add("sensor " + why));
        MqttBridge b = bridge;
        // A grace period: connecting takes a moment after start.
        if (b != null && !b.connected() && clock.nanoTime() - startNanos >= MQTT_GRACE_NANOS) {
            problems.add("mqtt: not connected to the broker, " + b.backlog() + " messages held for it");
        }
        return new NodeInfo(self, network, version, Duration.ofNanos(clock.nanoTime() - startNanos),
                problems.isEmpty() ? NodeInfo.Health.OK : NodeInfo.Health.DEGRADED, problems);
    }

    @Override
    public List<PeerInfo> peers() {
        NodeCore c = core;
        MeshNode mn = mesh;
        if (c == null || mn == null) {
            return List.of();
        }
        HoldingStats stats = store.stats();
        Map<String, RoutingTable.Route> routes = c.routes();
        TreeSet<String> names = new TreeSet<>(c.sessionsUp());
        mn.links().all().forEach(l -> names.add(l.peer()));
        routes.values().stream().filter(RoutingTable.Route::reachable).forEach(r -> names.add(r.destination()));
        names.remove(self);
        List<PeerInfo> out = new ArrayList<>();
        for (String p : names) {
            Optional<Link> link = mn.links().get(p);
            RoutingTable.Route r = routes.get(p);
            boolean direct = c.sessionsUp().contains(p) || link.isPresent();
            boolean up = c.sessionsUp().contains(p) || (!direct && r != null && r.reachable());
            String via = r != null && r.reachable() && !r.nextHop().equals(p) ? r.nextHop() : null;
            // A node only ever reached through a relay has no session changes: its state holds since we started.
            long since = c.sinceWall().getOrDefault(p, startWall);
            double rtt = meshMetrics.lastRttMillis(p);
            out.add(new PeerInfo(p, link.filter(Link::dialable).map(Link::address).orElse(null),
                    up ? PeerInfo.State.UP : PeerInfo.State.DOWN, Instant.ofEpochMilli(since), stats.peer(p).depth(),
                    c.sessionsUp().contains(p) && !Double.isNaN(rtt) ? Duration.ofNanos(Math.round(rtt * 1e6)) : null,
                    c.sessionsUp().contains(p) ? null : via));
        }
        return out;
    }

    @Override
    public List<ThingInfo> things() {
        List<ThingInfo> out = new ArrayList<>();
        for (Directory.ThingView v : directory.snapshot()) {
            List<KeyValue> keys = new ArrayList<>();
            for (piot.gateway.router.ThingInfo.Key k : v.info().keys()) {
                Directory.Latest l = v.values().get(k.key());
                keys.add(l == null ? new KeyValue(k.key(), null, k.unit(), null, false)
                        : new KeyValue(k.key(), Double.isNaN(l.value()) ? null : l.value(), l.unit(), Instant.ofEpochMilli(l.tsWallMillis()), false));
            }
            List<ActionInfo> actions = v.info().actions().stream().map(a -> a.name().equals("switch")
                    ? new ActionInfo(a.name(), true, List.of("on", "off")) : new ActionInfo(a.name(), true, List.of())).toList();
            out.add(new ThingInfo(v.info().node(), v.info().id(), v.info().type(), keys, actions));
        }
        return out;
    }

    @Override
    public ActionSubmission submit(ActionRequest req) {
        NodeCore c = core;
        Optional<ThingInfo> thing = thing(req.node(), req.thing());
        boolean nodeKnown = directory.nodes().contains(req.node());
        boolean linked = mesh != null && mesh.links().get(req.node()).isPresent();
        if (thing.isEmpty() && (nodeKnown || !linked)) {
            return new ActionSubmission.Refused(ActionSubmission.Reason.UNKNOWN_THING, "no thing " + req.node() + "/" + req.thing() + " is known");
        }
        // A linked node whose things are not known yet (never seen since start) is trusted: it judges the request itself.
        if (thing.isPresent() && thing.get().actions().stream().noneMatch(a -> a.name().equals(req.action()))) {
            return new ActionSubmission.Refused(ActionSubmission.Reason.UNKNOWN_ACTION, req.node() + "/" + req.thing() + " has no action "
                    + req.action() + "; it accepts " + thing.get().actions().stream().map(ActionInfo::name).toList());
        }
        Optional<String> bad = checkValue(req.action(), req.value());
        if (bad.isPresent()) {
            return new ActionSubmission.Refused(ActionSubmission.Reason.BAD_VALUE, bad.get());
        }
        if (c == null) {
            return new ActionSubmission.Refused(ActionSubmission.Reason.UNAVAILABLE, self + " is not running");
        }
        long wall = clock.wallMillis();
        String id = UUID.randomUUID().toString();
        RouterMessage.ActionRequest a = new RouterMessage.ActionRequest(id, self, req.node(), req.thing(), req.action(),
                req.value() == null ? "" : String.valueOf(req.value()), wall + req.expiry().toMillis());
        requests.put(id, a);
        submittedNanos.put(id, clock.nanoTime());
        try {
            c.submit((r, n, w) -> r.requestAction(a, n, w)).get(10, TimeUnit.SECONDS);
            DeliveryLedger.get().requested(a);
            return new ActionSubmission.Accepted(id);
        } catch (Exception e) {
            LOG.log(Level.ERROR, "action " + id + " could not be held: " + e);
            return new ActionSubmission.Refused(ActionSubmission.Reason.UNAVAILABLE, "could not hold the request: " + e.getMessage());
        }
    }

    private static Optional<String> checkValue(String action, Object value) {
        String v = value == null ? "" : String.valueOf(value);
        return switch (action) {
            case "switch" -> List.of("on", "off", "true", "false", "1", "0").contains(v) ? Optional.empty()
                    : Optional.of("switch takes on or off, not '" + v + "'");
            case "duty" -> {
                try {
                    double d = Double.parseDouble(v);
                    yield d >= 0 && d <= 1 ? Optional.empty() : Optional.of("duty must be 0..1, not " + v);
                } catch (NumberFormatException e) {
                    yield Optional.of("duty takes a number 0..1, not '" + v + "'");
                }
            }
            default -> Optional.empty();
        };
    }

    @Override
    public Optional<ActionHistory> action(String id) {
        return Optional.ofNullable(histories.get(id));
    }

    @Override
    public Subscription subscribe(Consumer<LiveEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void emit(LiveEvent e) {
        for (Consumer<LiveEvent> l : listeners) {
            try {
                l.accept(e);
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "live event listener failed: " + ex);
            }
        }
    }

    @Override
    public List<ErrorInfo> recentErrors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    void error(String source, String message) {
        ErrorInfo e = new ErrorInfo(Instant.ofEpochMilli(clock.wallMillis()), source, message);
        synchronized (errors) {
            errors.addLast(e);
            while (errors.size() > MAX_ERRORS) {
                errors.removeFirst();
            }
        }
        emit(new LiveEvent.Error(e));
    }

    /**
     * A refused mesh connection: counted by kind, and shown as an error at most once per kind in
     * {@link #REFUSAL_ERROR_NANOS}, so a flood of refusals cannot push sensor and storage errors
     * out of the recent-errors list.
     */
    void meshRefused(Refusal r) {
        meshRefused.labels(r.kind()).inc();
        long now = clock.nanoTime();
        long[] last = lastRefusalError.computeIfAbsent(r.kind(), k -> new long[] {now - REFUSAL_ERROR_NANOS});
        synchronized (last) {
            if (now - last[0] < REFUSAL_ERROR_NANOS) {
                return;
            }
            last[0] = now;
        }
        error("mesh", "refused connection " + r.remote() + ": " + r.reason());
    }

    void sensorFault(SensorFault f) {
        m.sensorReadErrors().labels(f.sensorId(), "read").inc();
        failingSensors.put(f.sensorId(), f.describe());
        error("sensor " + f.sensorId(), f.describe());
    }

    void sensorRecovered(String id) {
        failingSensors.remove(id);
    }

    void peerChanged(String peer) {
        peers().stream().filter(p -> p.name().equals(peer)).findFirst().ifPresent(p -> emit(new LiveEvent.Peer(p)));
    }

    @Override
    public Metrics metrics() {
        return metrics;
    }

    @Override
    public void onEvent(String node, RouterMessage.EventMessage e) {
        Object value = Double.isNaN(e.value()) ? null : e.value();
        if (!node.equals(self) && !e.historical()) {
            // Wall clocks of two nodes: a skew shows here, and a negative one is not a latency.
            m.eventLatency().observe(Math.max(0, clock.wallMillis() - e.tsWallMillis()) / 1000.0);
        }
        emit(new LiveEvent.Reading(node, e.thing(), new KeyValue(e.key(), value, e.unit(), Instant.ofEpochMilli(e.tsWallMillis()), e.historical())));
    }

    /** An action requested before a restart and still open: its history becomes visible again. */
    void resumed(RouterMessage.ActionRequest request, List<RouterMessage.ActionStatus> history) {
        requests.put(request.requestId(), request);
        history.forEach(this::onActionStatus);
    }

    @Override
    public void onActionStatus(RouterMessage.ActionStatus s) {
        RouterMessage.ActionRequest a = requests.get(s.requestId());
        if (a == null) {
            return;
        }
        ActionHistory.Update u = new ActionHistory.Update(ActionStatus.valueOf(s.status().name()), Instant.ofEpochMilli(s.tsWallMillis()), s.detail());
        ActionHistory h = histories.compute(s.requestId(), (id, old) -> {
            List<ActionHistory.Update> updates = new ArrayList<>(old == null ? List.of() : old.updates());
            updates.add(u);
            return new ActionHistory(id, a.node(), a.thing(), a.action(), a.value().isEmpty() ? null : a.value(),
                    Instant.ofEpochMilli(a.expiryWallMillis()), updates);
        });
        if (s.status().isFinal()) {
            DeliveryLedger.get().finalStatus(s);
            m.actions().labels(s.status().wire()).inc();
            Long at = submittedNanos.remove(s.requestId());
            if (at != null) {
                m.actionLatency().observe((clock.nanoTime() - at) / 1e9);
            }
            LOG.log(Level.INFO, "action {0} {1}/{2}/{3} {4}: {5}{6}", s.requestId(), a.node(), a.thing(), a.action(), a.value(),
                    s.status().wire(), s.detail().isEmpty() ? "" : " (" + s.detail() + ")");
            if (histories.size() > MAX_HISTORIES) {
                requests.remove(s.requestId());
            }
        }
        emit(new LiveEvent.ActionUpdate(h));
    }

    @Override
    public void onRpcAnswer(PendingCalls.Answer answer) {
        LOG.log(Level.DEBUG, "rpc answer from {0}: {1}", answer.node(), answer.reply());
    }

    /** Every second or so: gauges fed from holding and the sessions. */
    void refreshGauges() {
        NodeCore c = core;
        if (c != null) {
            m.sessionsUp().set(c.sessionsUp().size());
            grow(routerDropped, c.duplicates(), "duplicate");
            grow(routerDropped, c.malformed(), "malformed");
        }
        store.stats().peers().forEach((peer, s) -> {
            if (!peer.startsWith("!")) {
                m.holdingDepth().labels(peer).set(s.depth());
                s.dropped().forEach((reason, n) ->
                        grow(m.holdingDropped(), n, peer, reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')));
            }
        });
    }

    /** Adds to {@code counter{labels}} what the count {@code now} grew by since it was last seen. */
    private void grow(Counter counter, long now, String... labels) {
        Long before = countsSeen.put(counter.name() + "\u0000" + String.join("\u0000", labels), now);
        long was = before == null ? 0 : before;
        if (now > was) {
            counter.labels(labels).inc(now - was);
        }
    }
}
