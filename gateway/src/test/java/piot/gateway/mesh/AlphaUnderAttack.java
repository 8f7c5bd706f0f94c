package piot.gateway.mesh;

import static piot.gateway.mesh.TestNetwork.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import piot.gateway.mesh.pki.Identity;
import piot.time.Clock;

/**
 * The scene the mesh attack tests share: alpha listening, bravo linked to it and streaming numbered
 * messages (every 2 ms) that alpha records, so a test can attack alpha and then check that bravo, the
 * bystander, kept delivering. Attackers started through {@link #start} are closed with the scene.
 */
final class AlphaUnderAttack implements AutoCloseable {
    final TestNetwork net;
    final TestNetwork.Recorder atAlpha = new TestNetwork.Recorder();
    final MeshNode alpha;
    final MeshNode bravo;
    private final List<MeshNode> nodes = new ArrayList<>();
    private final AtomicBoolean sending = new AtomicBoolean(true);
    private Thread producer;

    /** Starts alpha with {@code alphaSettings} and bravo's stream, and waits until alpha has received some of it. */
    AlphaUnderAttack(TestNetwork net, MeshSettings alphaSettings) throws Exception {
        this.net = net;
        try {
            alpha = start(alphaSettings, atAlpha);
            bravo = start(net.settings("bravo").withLinks(List.of(TestNetwork.linkTo(alpha))), d -> { });
            producer = Thread.ofVirtual().start(() -> {
                for (long i = 1; i < 1_000_000 && sending.get(); i++) {
                    bravo.send("alpha", TestNetwork.message("bravo", "alpha", i));
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
                }
            });
            await("bravo delivering to alpha", Duration.ofSeconds(10), () -> atAlpha.count("bravo") > 10);
        } catch (Exception | AssertionError e) {
            close();
            throw e;
        }
    }

    MeshNode start(MeshSettings s, MessageHandler h) throws Exception {
        MeshNode n = MeshNode.start(s, new InMemoryLinkStore(), Clock.system(), h);
        nodes.add(n);
        return n;
    }

    /** Settings for {@code name} holding {@code id}, linked to alpha. */
    MeshSettings attacker(String name, Identity id) {
        return net.settings(name, id).withLinks(List.of(TestNetwork.linkTo(alpha)));
    }

    /** Starts an attacker whose messages must never be delivered to it. */
    void startQuietly(MeshSettings s) {
        try {
            start(s, d -> { throw new AssertionError("an attacker's message was delivered"); });
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Asserts bravo is alpha's only session and alpha got bravo's messages in order, none lost or repeated. */
    void assertOnlyBravoInOrder() {
        if (!alpha.sessions().stream().allMatch(p -> p.peer().equals("bravo"))) {
            throw new AssertionError("only bravo has a session: " + alpha.sessions());
        }
        List<Long> got = atAlpha.from("bravo");
        for (int i = 0; i < got.size(); i++) {
            if (got.get(i) != i + 1) {
                throw new AssertionError("bravo's messages out of order, lost or repeated at " + i + ": " + got.get(i));
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        sending.set(false);
        if (producer != null) {
            producer.join();
        }
        nodes.forEach(MeshNode::close);
    }
}
