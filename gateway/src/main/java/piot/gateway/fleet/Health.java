package piot.gateway.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import piot.gateway.config.DeviceConfig;
import piot.gateway.config.SensorConfig;
import piot.gateway.status.KeyValue;

/**
 * "Came back healthy" after a config change or a release update: every peer that had a session
 * before has one again, and every sensor of {@code config} has delivered a fresh numeric reading
 * since {@code sinceWallMillis}.
 */
final class Health {
    private Health() {}

    /** Null when healthy, else what is wrong, in words for the operator. */
    static String problem(Reloadable gateway, DeviceConfig config, Set<String> before, long sinceWallMillis) {
        List<String> wrong = new ArrayList<>();
        Set<String> missing = new TreeSet<>(before);
        missing.removeAll(gateway.sessionsUp());
        if (!missing.isEmpty()) {
            wrong.add("no session to " + String.join(", ", missing));
        }
        String self = config.node().name();
        List<String> silent = new ArrayList<>();
        for (SensorConfig s : config.sensors()) {
            boolean fresh;
            try {
                fresh = gateway.status().thing(self, s.id()).map(t -> t.keys().stream().anyMatch(k -> fresh(k, sinceWallMillis))).orElse(false);
            } catch (IllegalStateException notRunning) {
                fresh = false;
            }
            if (!fresh) {
                silent.add(s.id());
            }
        }
        if (!silent.isEmpty()) {
            wrong.add("sensors not reading: " + String.join(", ", silent));
        }
        return wrong.isEmpty() ? null : String.join("; ", wrong);
    }

    /** Polls {@link #problem} every 200 ms until healthy or {@code deadlineNanos} (System.nanoTime) passes. */
    static String await(Reloadable gateway, Set<String> before, long sinceWallMillis, long deadlineNanos) {
        String problem;
        do {
            problem = problem(gateway, gateway.config(), before, sinceWallMillis);
            if (problem == null) {
                return null;
            }
            LockSupport.parkNanos(200_000_000L); // health poll interval
        } while (System.nanoTime() - deadlineNanos < 0);
        return problem;
    }

    private static boolean fresh(KeyValue k, long since) {
        return k.value() instanceof Number n && !Double.isNaN(n.doubleValue()) && !k.historical() && k.ts() != null
                && k.ts().toEpochMilli() >= since;
    }
}
