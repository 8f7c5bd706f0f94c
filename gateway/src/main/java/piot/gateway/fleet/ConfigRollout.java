package piot.gateway.fleet;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import piot.gateway.config.ConfigLoader;
import piot.gateway.config.DeviceConfig;
import piot.gateway.config.LoadResult;

/**
 * Applies a new device file to a running gateway: validate, restart in process with it, check
 * health, and restore the previous file when the node is not healthy within the deadline.
 *
 * <p>Healthy means: every peer that had a session before the change has one again, and every
 * sensor of the new file has delivered a fresh numeric reading since the restart. Refused without
 * change: a file that does not validate, or that changes the node's name, network or data
 * directory (holding would be left behind). On success the file replaces the one the gateway was
 * started with ({@code FILE}, the old one kept as {@code FILE.previous}), so a reboot keeps it.
 * One change at a time (serialised).
 */
public final class ConfigRollout {
    private static final System.Logger LOG = System.getLogger(ConfigRollout.class.getName());

    /** The result of one change. */
    public record Outcome(FleetMessage.State state, String detail) {}

    private final Reloadable gateway;
    private final Path home;
    private final Duration deadline;
    private final LongSupplier wallMillis;

    /** {@code home}: the device file the gateway runs from, rewritten after a healthy change. */
    public ConfigRollout(Reloadable gateway, Path home, Duration deadline, LongSupplier wallMillis) {
        this.gateway = gateway;
        this.home = home;
        this.deadline = deadline;
        this.wallMillis = wallMillis;
    }

    /** Applies the config bundle {@code file} and reports the outcome to its sender. */
    public void apply(Fleet fleet, FileReceiver.Complete file) {
        Outcome o;
        try {
            o = apply(file.file(), Files.readString(file.file(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            o = new Outcome(FleetMessage.State.REFUSED, "cannot read the received file: " + e.getMessage());
        }
        fleet.report(file, o.state(), o.detail());
    }

    /** Applies the bundle {@code text} ({@code where} names it in problems); also what SIGHUP runs. */
    public synchronized Outcome apply(Path where, String text) {
        DeviceConfig old = gateway.config();
        String self = old.node().name();
        String mine;
        DeviceConfig next;
        switch (ConfigBundle.pick(text, self)) {
            case ConfigBundle.Pick.Problem p -> {
                return refused(p.reason());
            }
            case ConfigBundle.Pick.Found f -> {
                mine = f.text();
                switch (ConfigLoader.parse(where, f.paddedText().getBytes(StandardCharsets.UTF_8))) {
                    case LoadResult.Invalid bad -> {
                        return refused("invalid config: " + String.join("; ", bad.problems().stream().limit(3).map(Object::toString).toList()));
                    }
                    case LoadResult.Loaded ok -> next = ok.config();
                }
            }
        }
        if (!next.node().network().equals(old.node().network()) || !next.node().dataDir().equals(old.node().dataDir())) {
            return refused("a config may not change node.network or node.data_dir (held messages would be left behind)");
        }
        Set<String> before = new TreeSet<>(gateway.sessionsUp());
        long since = wallMillis.getAsLong();
        try {
            gateway.restart(next);
        } catch (RuntimeException e) {
            return rollBack(old, "the new config did not start: " + e.getMessage());
        }
        String unhealthy = awaitHealthy(next, before, since);
        if (unhealthy != null) {
            return rollBack(old, "not healthy within " + deadline.toSeconds() + " s: " + unhealthy);
        }
        try {
            persist(mine);
        } catch (IOException e) {
            return new Outcome(FleetMessage.State.APPLIED, "running, but " + home + " could not be rewritten (a reboot returns to the old file): " + e.getMessage());
        }
        return new Outcome(FleetMessage.State.APPLIED, "running and healthy: " + before.size() + " sessions back, "
                + next.sensors().size() + " sensors reading");
    }

    private Outcome refused(String reason) {
        LOG.log(Level.WARNING, "config refused: {0}", reason);
        return new Outcome(FleetMessage.State.REFUSED, reason);
    }

    private Outcome rollBack(DeviceConfig old, String why) {
        LOG.log(Level.WARNING, "rolling back to the previous config: {0}", why);
        try {
            gateway.restart(old);
            return new Outcome(FleetMessage.State.ROLLED_BACK, why + "; previous config restored");
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the previous config did not start again either", e);
            return new Outcome(FleetMessage.State.FAILED, why + "; and the previous config did not start again: " + e.getMessage());
        }
    }

    /** Polls health until the deadline; null when healthy, else what is wrong. */
    private String awaitHealthy(DeviceConfig next, Set<String> before, long since) {
        long end = System.nanoTime() + deadline.toNanos();
        String problem;
        do {
            problem = problem(next, before, since);
            if (problem == null) {
                return null;
            }
            LockSupport.parkNanos(200_000_000L); // health poll interval
        } while (System.nanoTime() - end < 0);
        return problem;
    }

    private String problem(DeviceConfig next, Set<String> before, long since) {
        return Health.problem(gateway, next, before, since);
    }

    private void persist(String text) throws IOException {
        if (Files.exists(home)) {
            Files.copy(home, home.resolveSibling(home.getFileName() + ".previous"), StandardCopyOption.REPLACE_EXISTING);
        }
        Path tmp = home.resolveSibling(home.getFileName() + ".new");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, home, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
