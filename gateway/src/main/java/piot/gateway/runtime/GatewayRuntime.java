package piot.gateway.runtime;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import piot.drivers.Hardware;
import piot.drivers.HardwareSpec;
import piot.drivers.sim.Simulator;
import piot.gateway.config.ActuatorConfig;
import piot.gateway.config.DeviceConfig;
import piot.gateway.config.SensorConfig;
import piot.gateway.fleet.Fleet;
import piot.gateway.holding.NodeStore;
import piot.gateway.holding.OpenOptions;
import piot.gateway.mesh.MeshNode;
import piot.gateway.mesh.MeshSettings;
import piot.gateway.mesh.SessionListener;
import piot.gateway.router.ActionGate;
import piot.gateway.router.ActionTracker;
import piot.gateway.router.Authorizer;
import piot.gateway.router.Directory;
import piot.gateway.router.Interests;
import piot.gateway.router.LoggingMiddleware;
import piot.gateway.router.MiddlewareChain;
import piot.gateway.router.PendingCalls;
import piot.gateway.router.RateLimiter;
import piot.gateway.router.Router;
import piot.gateway.router.RoutingTable;
import piot.gateway.router.RpcDispatcher;
import piot.gateway.router.SubscriptionTable;
import piot.gateway.router.TopicPattern;
import piot.gateway.status.StatusModel;
import piot.gateway.uplink.MqttBridge;
import piot.gateway.uplink.MqttSettings;
import piot.gateway.status.StatusServer;
import piot.time.Clock;

/**
 * The started parts of one gateway and their wiring (see docs/architecture.md): node store,
 * router thread, local hardware, mesh (when the node has an identity, links or discovery) and the
 * HTTP server, and the MQTT bridge when the config has {@code mqtt:}. Every gateway subscribes to
 * everything ({@code #}) its reachable nodes publish, so
 * each directory shows the whole mesh.
 */
public final class GatewayRuntime implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(GatewayRuntime.class.getName());
    private static final long SEC = 1_000_000_000L;
    /**
     * Rate limiter burst of actions and RPC calls per source (events are never limited: see
     * RateLimiter). Larger than the router's proposed 100: after an outage a requester's held
     * actions arrive at once, and those were accepted (acknowledged) long ago.
     */
    private static final int BURST = 2000;
    private static final long REFRESH_NANOS = 15 * SEC;

    private NodeStore store;
    private NodeCore core;
    private Hardware hardware;
    private MeshNode mesh;
    private StatusServer http;
    private GatewayStatus status;
    private LocalThings things;
    private MqttUplink uplink;
    private MqttBridge bridge;
    private boolean closed;
    private Fleet fleet;

    private GatewayRuntime() {}

    /**
     * Opens and starts everything; on failure closes what was started and rethrows.
     *
     * @throws IllegalArgumentException for a certificate that is not this node's, unreadable PEM files or bad HTTP settings
     */
    public static GatewayRuntime start(DeviceConfig config, boolean sim, boolean moveCorruptAside, String version) {
        return start(config, sim, moveCorruptAside, version, null);
    }

    /** As {@link #start(DeviceConfig, boolean, boolean, String)}, taking part in file transfers through {@code fleet} (may be null). */
    public static GatewayRuntime start(DeviceConfig config, boolean sim, boolean moveCorruptAside, String version, Fleet fleet) {
        GatewayRuntime r = new GatewayRuntime();
        r.fleet = fleet;
        try {
            r.open(config, sim, moveCorruptAside, version);
            return r;
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    private void open(DeviceConfig config, boolean sim, boolean moveCorruptAside, String version) {
        Clock clock = Clock.system();
        String self = config.node().name();
        Optional<MeshSettings> meshSettings = meshSettings(config, sim);
        var httpSettings = ConfigMapping.httpSettings(config);
        HardwareSpec hwSpec = ConfigMapping.hardwareSpec(config, sim);

        DeliveryLedger.openFromProperty(self, clock);
        store = NodeStore.open(config.node().dataDir(), ConfigMapping.holdingConfig(config), clock,
                new OpenOptions(moveCorruptAside, 0));
        Directory directory = new Directory();
        RoutingTable routes = new RoutingTable(self, 30 * SEC, 60 * SEC);
        Set<String> sessionsUp = ConcurrentHashMap.newKeySet();
        Map<String, SensorConfig.Hold> holds = new HashMap<>();
        config.sensors().forEach(s -> holds.put(s.id(), s.hold()));
        // An actuator's state matters as its newest value only.
        config.actuators().forEach(a -> holds.put(a.id(), SensorConfig.Hold.LATEST));
        SourceSequence seq = new SourceSequence(store.linkStore(), clock);
        Outbox outbox = new Outbox(self, routes, store.linkStore(), seq, clock, holds, sessionsUp);
        core = new NodeCore(self, clock, store.linkStore(), routes, outbox, sessionsUp);
        status = new GatewayStatus(self, config.node().network(), version, clock, directory, store);
        Optional<MqttSettings> mqttSettings = ConfigMapping.mqttSettings(config);
        uplink = mqttSettings.map(ms -> new MqttUplink(self, status, holds)).orElse(null);
        Router.LocalSink sink = uplink == null ? status : uplink;
        if (uplink != null) {
            // Before the router starts, so the start-up states reach the broker too; commands queue for the router thread.
            bridge = MqttBridge.start(mqttSettings.get(), store.linkStore(), clock, uplink.submitter());
            uplink.attach(bridge, core);
            status.attachBridge(bridge);
        }
        things = new LocalThings(self, config.actuators(), core, store.state(), clock, status);

        Map<String, Set<String>> allow = new HashMap<>();
        for (ActuatorConfig a : config.actuators()) {
            a.allow().ifPresent(list -> allow.put(a.id(), new HashSet<>(list)));
        }
        ActionTracker tracker = new ActionTracker(5 * SEC, 600 * SEC, new DurableActionJournal(store.state()));
        // Actions requested before a restart: their late statuses still land, their expiry still fires.
        tracker.resume(clock.nanoTime(), clock.wallMillis()).forEach(o -> status.resumed(o.request(), o.history()));
        Router.Parts parts = new Router.Parts(
                new MiddlewareChain(List.of(new LoggingMiddleware(), new RateLimiter(self, 50, BURST),
                        new Authorizer(self, allow, Optional.empty()))),
                routes, new SubscriptionTable(), new Interests(self), directory,
                new ActionGate(new DurableExecutedActions(store.state())), tracker,
                new RpcDispatcher(self, directory, () -> new ArrayList<>(sessionsUp)), new PendingCalls());
        Router router = new Router(self, parts, things, sink, 10 * SEC);
        long[] nextGauge = {0};
        long[] nextRefresh = {clock.nanoTime() + REFRESH_NANOS};
        core.start(router, (now, wall) -> {
            things.tick(now, sessionsUp);
            if (uplink != null) {
                uplink.syncThings(directory);
            }
            if (now - nextRefresh[0] >= 0) {
                nextRefresh[0] = now + REFRESH_NANOS;
                refreshQuietValues(directory, self, wall);
            }
            if (now - nextGauge[0] >= 0) {
                nextGauge[0] = now + SEC;
                status.refreshGauges();
            }
        }, new SessionListener() {
            @Override
            public void onSessionUp(String peer) {
                LOG.log(Level.INFO, "session to {0} up", peer);
                status.handles().sessionStarts().labels(peer).inc();
                status.peerChanged(peer);
                if (uplink != null) {
                    uplink.nodeStatus(peer, true);
                }
            }

            @Override
            public void onSessionDown(String peer, String reason) {
                LOG.log(Level.WARNING, "session to {0} down: {1}", peer, reason);
                status.handles().sessionEnds().labels(peer, "down").inc();
                status.peerChanged(peer);
                if (uplink != null) {
                    uplink.nodeStatus(peer, false);
                }
            }
        });

        hardware = Hardware.open(hwSpec, clock, things);
        things.attach(hardware);
        core.submit((r, n, w) -> {
            List<piot.gateway.router.Outgoing> out = new ArrayList<>(r.announceThings(things.things(hardware)));
            out.addAll(r.subscribe(TopicPattern.ALL));
            // The actuators' states at start (set by Hardware.open before anyone listened).
            for (var d : hardware.actuators()) {
                String unit = d.keys().isEmpty() ? "" : d.keys().getFirst().unit();
                hardware.actuator(d.id()).ifPresent(act -> out.addAll(r.publish(new piot.gateway.router.RouterMessage.EventMessage(
                        d.id(), "state", act.state(), unit, w, false, Optional.empty()))));
            }
            return out;
        });

        if (fleet != null) {
            core.fleet(fleet);
            NodeCore c = core;
            fleet.attach(new piot.gateway.fleet.FleetPort() {
                @Override
                public void send(List<piot.gateway.fleet.Outbound> out) {
                    c.sendFleet(out);
                }

                @Override
                public boolean reachable(String node) {
                    RoutingTable.Route r = c.routes().get(node);
                    return c.sessionsUp().contains(node) || (r != null && r.reachable());
                }
            });
        }
        if (meshSettings.isPresent()) {
            try {
                mesh = MeshNode.start(meshSettings.get(), store.linkStore(), clock, core);
            } catch (IOException e) {
                throw new IllegalStateException("cannot listen for the mesh on " + config.node().listen() + ": " + e.getMessage(), e);
            }
            mesh.addListener(core);
            mesh.addRefusalListener(status::meshRefused);
            mesh.addListener(status.meshMetrics());
            outbox.attach(mesh);
            // Sessions that came up before the listener was added.
            mesh.sessions().forEach(p -> core.onSessionUp(p.peer()));
        }
        status.attach(core, mesh);
        try {
            http = fleet == null ? StatusServer.start(status, httpSettings) : StatusServer.start(status, httpSettings,
                    Map.of("/api/fleet/", new piot.gateway.fleet.FleetApi(fleet, httpSettings,
                            () -> status.peers().stream().map(piot.gateway.status.PeerInfo::name).toList())));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serve HTTP on " + config.http().listen() + ": " + e.getMessage(), e);
        }
        LOG.log(Level.INFO, "{0} running: http {1}, {2}, source epoch {3}", self, http.uri(),
                mesh == null ? "no mesh (no security, links or discovery)" : "mesh port " + mesh.port(), seq.epoch());
    }

    /**
     * Subscriptions are soft state: a subscriber that joined after a reading missed it, and
     * actuator states and gpio inputs change rarely. So values unchanged for a refresh period are
     * published again (held as latest only), and every subscriber learns them within one period.
     */
    private void refreshQuietValues(Directory directory, String self, long wall) {
        long quietMillis = REFRESH_NANOS / 2_000_000; // half a period: the first refresh after start includes start-up values
        for (Directory.Reading r : directory.read(new TopicPattern(self + "/#"))) {
            Directory.Latest l = r.latest();
            if (l.error().isEmpty() && !Double.isNaN(l.value()) && wall - l.tsWallMillis() >= quietMillis) {
                var e = new piot.gateway.router.RouterMessage.EventMessage(r.thing(), r.key(), l.value(), l.unit(), l.tsWallMillis(),
                        false, Optional.empty());
                core.submit((rt, n, w) -> rt.publish(e));
            }
        }
    }

    private static Optional<MeshSettings> meshSettings(DeviceConfig config, boolean sim) {
        try {
            return ConfigMapping.meshSettings(config);
        } catch (IllegalArgumentException e) {
            boolean missingFiles = e.getMessage().startsWith("security: cannot read");
            if (sim && missingFiles) {
                // A first run of an example on a laptop: show the readings rather than nothing.
                LOG.log(Level.WARNING, e.getMessage() + ". Running WITHOUT the mesh (allowed with --sim only).");
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The status model the HTTP server serves. */
    public StatusModel status() {
        return status;
    }

    /** Base URI of the HTTP API. */
    public URI httpUri() {
        return http.uri();
    }

    /** The bound mesh port, 0 without the mesh. */
    public int meshPort() {
        return mesh == null ? 0 : mesh.port();
    }

    /** The simulator of simulated hardware (recorded outputs, fault injection). */
    public Optional<Simulator> simulator() {
        return hardware == null ? Optional.empty() : hardware.simulator();
    }

    /** Peers with a live session now. */
    public Set<String> sessionsUp() {
        return core == null ? Set.of() : Set.copyOf(core.sessionsUp());
    }

    /** Stops HTTP, the mesh, the router thread, the hardware (actuators safe), the MQTT bridge and the store, in that order. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(http, "http");
        closeQuietly(mesh, "mesh");
        closeQuietly(core, "router");
        closeQuietly(hardware, "hardware");
        if (things != null) {
            things.flush();
        }
        // Before the store: the bridge's outbox is the store's queue.
        closeQuietly(bridge, "mqtt bridge");
        closeQuietly(store, "store");
    }

    private static void closeQuietly(AutoCloseable c, String what) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.log(Level.ERROR, "closing the " + what + " failed: " + e);
        }
    }
}
