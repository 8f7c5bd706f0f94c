package piot.gateway.app;

import java.util.Objects;
import piot.gateway.config.DeviceConfig;

/**
 * One running gateway built from a validated {@link DeviceConfig}. {@link #create} only wires
 * objects; {@link #start} opens hardware, storage and sockets; {@link #close} puts actuators into
 * their safe state and releases everything. Closing is idempotent.
 */
public final class Gateway implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());

    private final DeviceConfig config;
    private final boolean sim;
    private volatile boolean started;
    private volatile boolean closed;

    private Gateway(DeviceConfig config, boolean sim) {
        this.config = config;
        this.sim = sim;
    }

    /**
     * A gateway for {@code config}; {@code sim} forces simulated hardware whatever
     * {@code hardware.provider} says. Starts nothing.
     */
    public static Gateway create(DeviceConfig config, boolean sim) {
        return new Gateway(Objects.requireNonNull(config, "config"), sim);
    }

    /** Starts every part of the gateway. */
    public void start() {
        if (closed) {
            throw new IllegalStateException("gateway already closed");
        }
        boolean simulated = sim || config.hardware().provider() == DeviceConfig.HardwareConfig.Provider.SIM;
        LOG.log(System.Logger.Level.INFO, "node {0} of network {1}: listening on {2}, {3} hardware, {4} sensors, {5} actuators, {6} links, http {7}{8}",
                config.node().name(), config.node().network(), config.node().listen(), simulated ? "simulated" : "Pi4J",
                config.sensors().size(), config.actuators().size(), config.links().size(), config.http().listen(),
                config.mqtt().map(m -> ", mqtt " + m.url()).orElse(""));
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

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.log(System.Logger.Level.INFO, "node {0} stopped", config.node().name());
    }
}
