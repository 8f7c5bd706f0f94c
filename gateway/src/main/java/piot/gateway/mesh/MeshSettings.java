package piot.gateway.mesh;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import piot.gateway.mesh.pki.DenyList;
import piot.gateway.mesh.pki.Identity;

/**
 * Everything a {@link MeshNode} needs. Build with {@link #of} and adjust with the {@code with*}
 * methods. {@code listenPort} 0 binds a free port ({@link MeshNode#port()} tells which).
 *
 * @param heartbeat HELLO interval (config allows 500ms..2s; tests go lower)
 * @param heartbeatMisses silent intervals after which the peer is declared down
 * @param faults frame-level fault injection on this node's outgoing frames; {@link FaultPlan#NONE} in production
 */
public record MeshSettings(String nodeName, String network, String listenHost, int listenPort, Identity identity,
                           DenyList deny, Duration heartbeat, int heartbeatMisses, List<Link> links,
                           DiscoverySettings discovery, Tuning tuning, FaultPlan faults) {
    public MeshSettings {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(identity, "identity");
        links = List.copyOf(links);
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("heartbeat must be positive");
        }
        if (heartbeatMisses < 1) {
            throw new IllegalArgumentException("heartbeat misses must be at least 1");
        }
        if (!identity.nodeName().equals(nodeName)) {
            // Kept as a warning-level fact, not an error: a test builds such a node to impersonate.
            System.getLogger(MeshSettings.class.getName()).log(System.Logger.Level.WARNING,
                    "node " + nodeName + " runs with a certificate for " + identity.nodeName());
        }
    }

    /** Retransmission, windows and reconnect timing. */
    public record Tuning(Duration retransmit, int window, Duration backoffMin, Duration backoffMax,
                         Duration handshakeTimeout, int maxFramePayload) {
        public static final Tuning DEFAULT = new Tuning(Duration.ofMillis(500), 1024, Duration.ofMillis(200),
                Duration.ofSeconds(30), Duration.ofSeconds(5), piot.gateway.mesh.codec.FrameCodec.DEFAULT_MAX_PAYLOAD);
    }

    public static MeshSettings of(String nodeName, String network, Identity identity) {
        return new MeshSettings(nodeName, network, "0.0.0.0", 7420, identity, DenyList.NONE, Duration.ofSeconds(1), 3,
                List.of(), DiscoverySettings.DISABLED, Tuning.DEFAULT, FaultPlan.NONE);
    }

    public MeshSettings withListen(String host, int port) {
        return new MeshSettings(nodeName, network, host, port, identity, deny, heartbeat, heartbeatMisses, links, discovery, tuning, faults);
    }

    public MeshSettings withDeny(DenyList d) {
        return new MeshSettings(nodeName, network, listenHost, listenPort, identity, d, heartbeat, heartbeatMisses, links, discovery, tuning, faults);
    }

    public MeshSettings withHeartbeat(Duration interval, int misses) {
        return new MeshSettings(nodeName, network, listenHost, listenPort, identity, deny, interval, misses, links, discovery, tuning, faults);
    }

    public MeshSettings withLinks(List<Link> l) {
        return new MeshSettings(nodeName, network, listenHost, listenPort, identity, deny, heartbeat, heartbeatMisses, l, discovery, tuning, faults);
    }

    public MeshSettings withDiscovery(DiscoverySettings d) {
        return new MeshSettings(nodeName, network, listenHost, listenPort, identity, deny, heartbeat, heartbeatMisses, links, d, tuning, faults);
    }

    public MeshSettings withTuning(Tuning t) {
        return new MeshSettings(nodeName, network, listenHost, listenPort, identity, deny, heartbeat, heartbeatMisses, links, discovery, t, faults);
    }

    public MeshSettings withFaults(FaultPlan f) {
        return new MeshSettings(nodeName, network, listenHost, listenPort, identity, deny, heartbeat, heartbeatMisses, links, discovery, tuning, f);
    }
}
