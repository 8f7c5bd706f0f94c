package piot.gateway.app;

import java.net.URI;
import java.util.Objects;
import piot.gateway.config.DeviceConfig;
import piot.gateway.runtime.GatewayRuntime;

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
public final class Gateway implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());

    private final DeviceConfig config;
    private final boolean sim;
    private final boolean moveCorruptAside;
    private volatile GatewayRuntime runtime;
    private volatile boolean started;
    private volatile boolean closed;

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
        runtime = GatewayRuntime.start(config, sim, moveCorruptAside, VersionProvider.version());
        started = true;
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
