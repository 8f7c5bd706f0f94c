package piot.gateway.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import piot.gateway.holding.HoldingConfig;
import piot.gateway.holding.NodeStore;
import piot.gateway.mesh.DiscoverySettings;
import piot.gateway.mesh.FaultPlan;
import piot.gateway.mesh.Link;
import piot.gateway.mesh.MeshNode;
import piot.gateway.mesh.MeshSettings;
import piot.gateway.mesh.codec.Envelope;
import piot.gateway.mesh.codec.FrameCodec;
import piot.gateway.mesh.pki.Credentials;
import piot.gateway.mesh.pki.DenyList;
import piot.gateway.mesh.pki.Identity;
import piot.gateway.mesh.pki.NetworkCa;
import piot.time.Clock;

/**
 * Two mesh nodes in this JVM on loopback, "alpha" sending to "bravo" over mutual TLS 1.3, each with
 * a real SQLite {@link NodeStore} in its own data directory. Production timers (1 s heartbeat,
 * window 1024 (the default), 500 ms retransmit) except a 1 s reconnect backoff cap so an outage ends promptly.
 */
final class MeshPair implements AutoCloseable {
    static final String SENDER = "alpha";
    static final String RECEIVER = "bravo";

    private final HoldingConfig holding;
    private final Path senderDir;
    private final Path receiverDir;
    private final Identity senderId;
    private final Identity receiverId;
    final NodeStore senderStore;
    NodeStore receiverStore;
    MeshNode receiver;
    final MeshNode sender;
    CustodyReceiver app;
    private final int receiverPort;

    MeshPair(Path root, HoldingConfig holding) throws IOException {
        this.holding = holding;
        Instant now = Instant.now();
        Credentials ca = NetworkCa.create("bench", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)));
        senderId = identity(ca, SENDER, now);
        receiverId = identity(ca, RECEIVER, now);
        senderDir = Temp.dir(root, "alpha-");
        receiverDir = Temp.dir(root, "bravo-");
        senderStore = NodeStore.open(senderDir, holding, Clock.system());
        startReceiver(0);
        receiverPort = receiver.port();
        sender = MeshNode.start(settings(SENDER, senderId, 0)
                        .withLinks(List.of(new Link(RECEIVER, "127.0.0.1", receiverPort, true, Link.Source.CONFIG))),
                senderStore.linkStore(), Clock.system(), (d) -> { });
    }

    private static Identity identity(Credentials ca, String node, Instant now) {
        Credentials c = NetworkCa.issue(ca, node, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)));
        return new Identity(ca.certificate(), c.certificate(), c.key());
    }

    private static MeshSettings settings(String node, Identity id, int port) {
        return new MeshSettings(node, "bench", "127.0.0.1", port, id, DenyList.NONE, Duration.ofSeconds(1), 3, List.of(),
                DiscoverySettings.DISABLED, new MeshSettings.Tuning(Duration.ofMillis(500), MeshSettings.Tuning.DEFAULT.window(), Duration.ofMillis(200),
                        Duration.ofSeconds(1), Duration.ofSeconds(5), FrameCodec.DEFAULT_MAX_PAYLOAD), FaultPlan.NONE);
    }

    private void startReceiver(int port) throws IOException {
        if (receiverStore == null) {
            receiverStore = NodeStore.open(receiverDir, holding, Clock.system());
        }
        if (app == null) { // kept across a restart so one tally spans the outage
            app = new CustodyReceiver(receiverStore.linkStore());
        }
        receiver = MeshNode.start(settings(RECEIVER, receiverId, port), receiverStore.linkStore(), Clock.system(), app);
    }

    /** Cuts the link: the receiving node shuts down (its store stays open, as the data would). */
    void stopReceiver() {
        receiver.close();
    }

    /** Restores the link: the receiving node starts again on the same port and store. */
    void restartReceiver() throws IOException {
        startReceiver(receiverPort);
    }

    /** Holds event {@code n} for the receiver; completes when it is on the sender's disk. */
    CompletableFuture<Long> send(long n, byte[] body) {
        return sender.send(RECEIVER, new Envelope(new UUID(0, n), "event", SENDER, RECEIVER, 8,
                System.currentTimeMillis(), 0, n, body));
    }

    long heldAtSender() {
        var s = senderStore.stats().peers().get(RECEIVER);
        return s == null ? 0 : s.depth();
    }

    @Override
    public void close() {
        sender.close();
        receiver.close();
        senderStore.close();
        receiverStore.close();
    }
}
