package piot.gateway.fleet;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Installs a pushed, verified piot release on this node and rolls back to the previous one when
 * the node does not come back healthy ({@link Health}) within the deadline.
 *
 * <p>Installing restarts piot, so the outcome is decided by the process that starts next: before
 * installing, {@link #begin} writes {@code DIR/releases/pending} (transfer, origin, versions,
 * sessions up, phase); {@link #resume}, run by every gateway start, reads it. Running the new
 * version and healthy: applied. Running the new version and unhealthy: phase {@code rolling-back},
 * install the previous package (kept as {@code DIR/releases/piot_VERSION.deb}). Running the
 * previous version in phase {@code rolling-back}: rolled back. Only one release at a time. The new
 * version first sets phase {@code checking}: the root helper waits for that after installing and
 * restores the previous package itself when it does not come (a release that cannot start).
 */
public final class ReleaseUpdate {
    private static final System.Logger LOG = System.getLogger(ReleaseUpdate.class.getName());

    private final Path releases;
    private final Installer installer;
    private final Supplier<String> runningVersion;
    private final Reloadable gateway;
    private final Duration deadline;
    private final LongSupplier wallMillis;

    public ReleaseUpdate(Path dir, Installer installer, Supplier<String> runningVersion, Reloadable gateway, Duration deadline,
                         LongSupplier wallMillis) {
        this.releases = dir.resolve("releases");
        this.installer = installer;
        this.runningVersion = runningVersion;
        this.gateway = gateway;
        this.deadline = deadline;
        this.wallMillis = wallMillis;
    }

    /** Starts installing {@code file}; refusals and installer failures are reported at once, the rest by {@link #resume}. */
    public synchronized void begin(Fleet fleet, FileReceiver.Complete file) {
        String running = runningVersion.get();
        String version;
        try {
            version = installer.version(file.file());
        } catch (IOException e) {
            fleet.report(file, FleetMessage.State.REFUSED, e.getMessage());
            return;
        }
        if (version.equals(running)) {
            fleet.report(file, FleetMessage.State.APPLIED, "version " + version + " is already running");
            return;
        }
        Path previous = releases.resolve(debName(running));
        if (!Files.exists(previous)) {
            fleet.report(file, FleetMessage.State.REFUSED, "no package of the running version " + running + " at " + previous
                    + " to roll back to; put it there (the image builder does) and push again");
            return;
        }
        Path next = releases.resolve(debName(version));
        Map<String, String> pending = new LinkedHashMap<>();
        pending.put("transfer", file.transfer());
        pending.put("origin", file.origin());
        pending.put("name", file.name());
        pending.put("signer", file.signer());
        pending.put("from", running);
        pending.put("to", version);
        pending.put("sessions", String.join(",", gateway.sessionsUp()));
        pending.put("phase", "installing");
        try {
            Files.copy(file.file(), next, StandardCopyOption.REPLACE_EXISTING);
            write(pending);
            LOG.log(Level.INFO, "installing piot {0} (running {1})", version, running);
            installer.install(next);
        } catch (IOException e) {
            delete();
            fleet.report(file, FleetMessage.State.FAILED, "the installer failed, " + running + " still running: " + e.getMessage());
        }
    }

    /** Finishes a release begun before this start, if any: health check, report, or rollback. */
    public synchronized void resume(Fleet fleet) {
        Map<String, String> p = read();
        if (p.isEmpty()) {
            return;
        }
        for (String key : new String[] {"transfer", "origin", "name", "signer", "from", "to", "sessions", "phase"}) {
            if (!p.containsKey(key)) {
                LOG.log(Level.ERROR, "the pending release marker lacks {0}; discarded (the pushing node sees no final state)", key);
                delete();
                return;
            }
        }
        long since = wallMillis.getAsLong();
        String running = runningVersion.get();
        FileReceiver.Complete file = new FileReceiver.Complete(p.get("transfer"), p.get("origin"), FleetMessage.Kind.RELEASE,
                p.get("name"), releases.resolve(debName(p.get("to"))), p.get("signer"));
        boolean mine = p.get("phase").equals("installing") || p.get("phase").equals("checking");
        if (mine && running.equals(p.get("to"))) {
            // Tells the installer (which waits for this after dpkg) that the new version started:
            // from now on this process, not the installer, decides about a rollback.
            p.put("phase", "checking");
            try {
                write(p);
            } catch (IOException e) {
                LOG.log(Level.ERROR, "cannot mark the release as started: " + e.getMessage());
            }
            Set<String> before = new TreeSet<>(Arrays.asList(p.get("sessions").split(",")));
            before.remove("");
            String problem = Health.await(gateway, before, since, System.nanoTime() + deadline.toNanos());
            if (problem == null) {
                delete();
                fleet.report(file, FleetMessage.State.APPLIED, "piot " + running + " running and healthy (was " + p.get("from") + ")");
                return;
            }
            p.put("phase", "rolling-back");
            p.put("reason", "piot " + running + " not healthy within " + deadline.toSeconds() + " s: " + problem);
            try {
                write(p);
                LOG.log(Level.WARNING, "{0}; reinstalling {1}", p.get("reason"), p.get("from"));
                installer.install(releases.resolve(debName(p.get("from"))));
            } catch (IOException e) {
                delete();
                fleet.report(file, FleetMessage.State.FAILED, p.get("reason") + "; and reinstalling " + p.get("from") + " failed: " + e.getMessage());
            }
            return;
        }
        delete();
        if (running.equals(p.get("from"))) {
            String why = p.getOrDefault("reason", "the new version " + p.get("to") + " did not stay installed (the helper restored " + running + ")");
            fleet.report(file, FleetMessage.State.ROLLED_BACK, why + "; piot " + running + " running again");
        } else {
            fleet.report(file, FleetMessage.State.FAILED, "expected piot " + p.get("from") + " or " + p.get("to") + ", found " + running);
        }
    }

    static String debName(String version) {
        return "piot_" + version.replaceAll("[^A-Za-z0-9.+~-]", "_") + ".deb";
    }

    private void write(Map<String, String> p) throws IOException {
        Files.createDirectories(releases);
        StringBuilder b = new StringBuilder();
        p.forEach((k, v) -> b.append(k).append('=').append(v.replace('\n', ' ')).append('\n'));
        Path tmp = releases.resolve("pending.tmp");
        Files.writeString(tmp, b, StandardCharsets.UTF_8);
        Files.move(tmp, releases.resolve("pending"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Map<String, String> read() {
        Map<String, String> p = new LinkedHashMap<>();
        try {
            Path f = releases.resolve("pending");
            if (Files.exists(f)) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    int eq = line.indexOf('=');
                    if (eq > 0) p.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot read the pending release: " + e.getMessage());
        }
        return p;
    }

    private void delete() {
        try {
            Files.deleteIfExists(releases.resolve("pending"));
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot delete the pending release marker: " + e.getMessage());
        }
    }
}
