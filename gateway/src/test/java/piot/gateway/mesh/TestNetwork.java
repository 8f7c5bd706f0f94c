package piot.gateway.mesh;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import piot.gateway.mesh.codec.Envelope;
import piot.gateway.mesh.pki.Credentials;
import piot.gateway.mesh.pki.Identity;
import piot.gateway.mesh.pki.NetworkCa;

/** A test network: one CA, identities on demand, loopback settings with short timers. */
final class TestNetwork {
    final String network;
    final Credentials ca;

    TestNetwork(String network) {
        this.network = network;
        Instant now = Instant.now();
        this.ca = NetworkCa.create(network, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
    }

    Identity identity(String node) {
        Instant now = Instant.now();
        Credentials c = NetworkCa.issue(ca, node, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
        return new Identity(ca.certificate(), c.certificate(), c.key());
    }

    MeshSettings settings(String node) {
        return settings(node, identity(node));
    }

    MeshSettings settings(String node, Identity id) {
        return new MeshSettings(node, network, "127.0.0.1", 0, id, piot.gateway.mesh.pki.DenyList.NONE,
                Duration.ofMillis(100), 5, List.of(), DiscoverySettings.DISABLED,
                new MeshSettings.Tuning(Duration.ofMillis(150), 64, Duration.ofMillis(50), Duration.ofMillis(500),
                        Duration.ofSeconds(2), piot.gateway.mesh.codec.FrameCodec.DEFAULT_MAX_PAYLOAD),
                FaultPlan.NONE);
    }

    static Link linkTo(MeshNode node) {
        return new Link(node.name(), "127.0.0.1", node.port(), true, Link.Source.CONFIG);
    }

    static Envelope message(String from, String to, long n) {
        return new Envelope(new UUID(from.hashCode(), n), "event", from, to, 8, 1_000 + n, 0, n, ("m" + n).getBytes());
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /** Records what a node's application received, per sending neighbour. */
    static final class Recorder implements MessageHandler {
        final Map<String, List<Long>> bySource = new ConcurrentHashMap<>();

        @Override
        public void onMessage(Delivery d) {
            bySource.computeIfAbsent(d.peer(), p -> java.util.Collections.synchronizedList(new ArrayList<>()))
                    .add(d.envelope().sourceSeq());
        }

        List<Long> from(String peer) {
            List<Long> l = bySource.get(peer);
            if (l == null) {
                return List.of();
            }
            synchronized (l) {
                return List.copyOf(l);
            }
        }

        int count(String peer) {
            List<Long> l = bySource.get(peer);
            return l == null ? 0 : l.size();
        }
    }
}
