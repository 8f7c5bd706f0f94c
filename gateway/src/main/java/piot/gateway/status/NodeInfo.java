package piot.gateway.status;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * This gateway as the API shows it.
 *
 * @param name     node name, unique in its network
 * @param network  network id
 * @param version  piot version string
 * @param uptime   time since the gateway started
 * @param health   overall health
 * @param problems short human-readable reasons when health is not {@link Health#OK}
 */
public record NodeInfo(String name, String network, String version, Duration uptime, Health health, List<String> problems) {
    public NodeInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(uptime, "uptime");
        Objects.requireNonNull(health, "health");
        problems = List.copyOf(problems);
    }

    /** Overall health: ok, degraded (running with faults, e.g. a sensor failing), or failing. */
    public enum Health { OK, DEGRADED, FAILING }
}
