package piot.gateway.app;

import java.net.URI;
import java.util.Objects;
import piot.gateway.config.DeviceConfig;
import piot.gateway.fleet.CommandInstaller;
import piot.gateway.fleet.ConfigRollout;
import piot.gateway.fleet.Installer;
import piot.gateway.fleet.ReleaseUpdate;
import java.util.function.Supplier;
import piot.gateway.fleet.Fleet;
import piot.gateway.fleet.FleetMessage;
import piot.gateway.fleet.Reloadable;
import piot.gateway.mesh.pki.Pem;
import piot.gateway.runtime.GatewayRuntime;
import piot.gateway.status.StatusModel;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * One running gateway built from a validated {@link DeviceConfig}. {@link #create} only wires
 * objects; {@link #start} opens storage, hardware, the mesh and the HTTP server; {@link #close}
 * stops them in the reverse order, leaving actuators in their safe state. Closing is idempotent.
 *
 * <pre>{@code
 * try (Gateway g = Gateway.create(config, true)) {
 *     g.start();
 *     System.out.println(g.httpUri() + " mesh port " + g.meshPort());
 * }
 * }</pre>
 */
public final class Gateway implements AutoCloseable, Reloadable {
    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());

    private volatile DeviceConfig config;
    private final boolean sim;
    private final boolean moveCorruptAside;
    private volatile GatewayRuntime runtime;
    private volatile boolean started;
    private volatile boolean closed;
    private Fleet fleet;
    private ConfigRollout rollout;
    private Duration healthDeadline = Duration.ofSeconds(60);
    private Installer installer; // null: fleet.install_command of the config
    private Supplier<String> runningVersion = VersionProvider::version;
    private ReleaseUpdate release;

    private Gateway(DeviceConfig config, boolean sim, boolean moveCorruptAside) {
        this.config = config;
        this.sim = sim;
        this.moveCorruptAside = moveCorruptAside;
    }

    /**
     * A gateway for {@code config}; {@code sim} forces simulated hardware whatever
     * {@code hardware.provider} says. Starts nothing.
     */
    public static Gateway create(DeviceConfig config, boolean sim) {
        return create(config, sim, false);
    }

    /** As {@link #create(DeviceConfig, boolean)}; {@code moveCorruptAside} starts empty when node.db is corrupt. */
    public static Gateway create(DeviceConfig config, boolean sim, boolean moveCorruptAside) {
        return new Gateway(Objects.requireNonNull(config, "config"), sim, moveCorruptAside);
    }

    /**
     * Starts every part of the gateway.
     *
     * @throws IllegalStateException when already closed
     * @throws RuntimeException when a part cannot start (the message says which and why); whatever
     *     had started is closed again
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("gateway already closed");
        }
        if (started) {
            return;
        }
        LOG.log(System.Logger.Level.INFO, "node {0} of network {1}: listening on {2}, {3} hardware, {4} sensors, {5} actuators, {6} links, http {7}{8}",
                config.node().name(), config.node().network(), config.node().listen(), simulated() ? "simulated" : "Pi4J",
                config.sensors().size(), config.actuators().size(), config.links().size(), config.http().listen(),
                config.mqtt().map(m -> ", mqtt " + m.url() + " (the MQTT bridge is not wired yet)").orElse(""));
        fleet = new Fleet(config.node().name(), config.node().dataDir().resolve("fleet"), networkCa(config), System::currentTimeMillis);
        rollout = new ConfigRollout(this, config.source(), healthDeadline, System::currentTimeMillis);
        fleet.applier(file -> {
            switch (file.kind()) {
                case CONFIG -> rollout.apply(fleet, file);
                case RELEASE -> release.begin(fleet, file);
                case FILE -> fleet.report(file, FleetMessage.State.RECEIVED, "stored");
            }
        });
        Installer inst = installer != null ? installer : new CommandInstaller(config.fleet().installCommand());
        release = new ReleaseUpdate(config.node().dataDir().resolve("fleet"), inst, runningVersion, this, healthDeadline,
                System::currentTimeMillis);
        runtime = GatewayRuntime.start(config, sim, moveCorruptAside, VersionProvider.version(), fleet);
        started = true;
        Thread.ofVirtual().name("release-resume").start(this::resumeRelease);
    }

    /** Uses {@code i} to install releases and {@code version} as the running version; before {@link #start} (tests: a fake). */
    public synchronized Gateway installer(Installer i, Supplier<String> version) {
        this.installer = i;
        this.runningVersion = version;
        return this;
    }

    /** Finishes a release update that was being installed when this gateway (process) started; see {@link ReleaseUpdate}. */
    public void resumeRelease() {
        try {
            release.resume(fleet);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "finishing the pending release update failed", e);
        }
    }

    /** How long a changed config has to come back healthy before it is rolled back (default 60 s); before {@link #start}. */
    public synchronized Gateway healthDeadline(Duration d) {
        this.healthDeadline = d;
        return this;
    }

    /** The fleet part (file transfers, config roll-out); after {@link #start}. */
    public Fleet fleet() {
        if (fleet == null) {
            throw new IllegalStateException("gateway " + name() + " is not started");
        }
        return fleet;
    }

    /** Applies a changed device file here, as a pushed config would be (what SIGHUP runs). */
    public ConfigRollout.Outcome reload(java.nio.file.Path file) throws java.io.IOException {
        return rollout.apply(file, java.nio.file.Files.readString(file));
    }

    @Override
    public DeviceConfig config() {
        return config;
    }

    @Override
    public synchronized void restart(DeviceConfig next) {
        if (closed) {
            throw new IllegalStateException("gateway already closed");
        }
        GatewayRuntime r = runtime;
        runtime = null;
        if (r != null) {
            r.close();
        }
        LOG.log(System.Logger.Level.INFO, "node {0}: restarting in process with {1}", next.node().name(), next.source());
        runtime = GatewayRuntime.start(next, sim, false, VersionProvider.version(), fleet);
        config = next;
    }

    @Override
    public Set<String> sessionsUp() {
        GatewayRuntime r = runtime;
        return r == null ? Set.of() : r.sessionsUp();
    }

    @Override
    public StatusModel status() {
        return runtime().status();
    }

    private static Optional<X509Certificate> networkCa(DeviceConfig config) {
        return config.security().flatMap(s -> {
            try {
                return Optional.of(Pem.readCertificate(s.ca()));
            } catch (java.io.IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot read the network CA {0}: {1}; pushed files will be refused", s.ca(), e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** Whether {@link #start} has run and {@link #close} has not. */
    public boolean isRunning() {
        return started && !closed;
    }

    /** Whether simulated hardware is used. */
    public boolean simulated() {
        return sim || config.hardware().provider() == DeviceConfig.HardwareConfig.Provider.SIM;
    }

    /** The node name. */
    public String name() {
        return config.node().name();
    }

    /** The parts of the running gateway (router thread, status, hardware); throws before {@link #start}. */
    public GatewayRuntime runtime() {
        GatewayRuntime r = runtime;
        if (r == null) {
            throw new IllegalStateException("gateway " + name() + " is not started");
        }
        return r;
    }

    /** The base URI of the HTTP API and status page, e.g. {@code http://127.0.0.1:8080/}. */
    public URI httpUri() {
        return runtime().httpUri();
    }

    /** The bound mesh (TLS) port, or 0 when this gateway runs without the mesh. */
    public int meshPort() {
        return runtime().meshPort();
    }

    /** Closes HTTP, mesh, router thread, hardware (actuators safe) and storage, in that order. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        GatewayRuntime r = runtime;
        if (r != null) {
            r.close();
        }
        LOG.log(System.Logger.Level.INFO, "node {0} stopped", config.node().name());
    }
}
