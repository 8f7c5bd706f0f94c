package piot.gateway.mesh;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * UDP discovery. Adverts are sent every {@code interval} to each of {@code targets} (production:
 * the LAN broadcast address and {@code port}; tests: loopback addresses only) and received on
 * {@code port} (0 = a free port). {@code maxPerSourcePerSecond} limits what one source address may
 * make us process.
 */
public record DiscoverySettings(boolean enabled, String bindHost, int port, Duration interval,
                                List<InetSocketAddress> targets, int maxPerSourcePerSecond) {
    public static final DiscoverySettings DISABLED = new DiscoverySettings(false, "0.0.0.0", 7421, Duration.ofSeconds(2), List.of(), 10);

    public DiscoverySettings {
        targets = List.copyOf(targets);
    }

    /** The production shape: bind {@code port} on all interfaces and broadcast to 255.255.255.255:{@code port}. */
    public static DiscoverySettings broadcast(int port, Duration interval) {
        return broadcast("255.255.255.255", port, interval);
    }

    /**
     * Bind {@code port} on all interfaces (shared with other gateways on the host) and send adverts
     * to {@code address}:{@code port}: a broadcast address reaches every gateway listening on that
     * port of the segment, this host's included.
     */
    public static DiscoverySettings broadcast(String address, int port, Duration interval) {
        return new DiscoverySettings(true, "0.0.0.0", port, interval, List.of(new InetSocketAddress(address, port)), 10);
    }
}
