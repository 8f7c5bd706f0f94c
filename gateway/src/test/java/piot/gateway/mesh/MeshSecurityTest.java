package piot.gateway.mesh;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static piot.gateway.mesh.TestNetwork.await;

import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import piot.gateway.mesh.codec.Envelope;
import piot.gateway.mesh.codec.FrameCodec;
import piot.gateway.mesh.codec.FrameType;
import piot.gateway.mesh.pki.Credentials;
import piot.gateway.mesh.pki.DenyList;
import piot.gateway.mesh.pki.Identity;
import piot.gateway.mesh.pki.NetworkCa;
import piot.gateway.mesh.pki.TlsContexts;

/**
 * Each attack on alpha's listener is refused with a logged reason while bravo's session with
 * alpha keeps delivering.
 */
class MeshSecurityTest {
    final TestNetwork net = new TestNetwork("home");
    AlphaUnderAttack scene;
    MeshNode alpha;
    TestNetwork.Recorder atAlpha;

    @BeforeEach
    void startAlphaAndAStreamFromBravo() throws Exception {
        scene = new AlphaUnderAttack(net, net.settings("alpha").withDeny(DenyList.of(List.of("dave"))));
        alpha = scene.alpha;
        atAlpha = scene.atAlpha;
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (scene != null) {
            scene.close();
        }
    }

    /** Runs the attack, then asserts alpha refused it for {@code reason} and bravo kept delivering. */
    void refusedWhileBravoDelivers(String reason, Runnable attack) {
        int before = atAlpha.count("bravo");
        int refusalsBefore = alpha.refusals().size();
        attack.run();
        await("alpha to refuse: " + reason, Duration.ofSeconds(10), () -> alpha.refusals().stream()
                .skip(refusalsBefore).anyMatch(r -> r.reason().contains(reason)));
        await("bravo still delivering", Duration.ofSeconds(5), () -> atAlpha.count("bravo") > before + 20);
        scene.assertOnlyBravoInOrder();
    }

    @Test
    void aCertificateFromAnotherCaIsRefused() {
        // Mallory trusts alpha's CA (so alpha, not mallory, is the one to refuse) but holds a certificate of another CA.
        Identity foreign = new TestNetwork("home").identity("mallory");
        Identity mallory = new Identity(net.ca.certificate(), foreign.certificate(), foreign.key());
        refusedWhileBravoDelivers("PKIX path validation failed", () -> scene.startQuietly(scene.attacker("mallory", mallory)));
    }

    @Test
    void anExpiredCertificateIsRefused() {
        Instant now = Instant.now();
        Credentials c = NetworkCa.issue(net.ca, "oldie", now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)));
        Identity expired = new Identity(net.ca.certificate(), c.certificate(), c.key());
        refusedWhileBravoDelivers("validity check failed", () -> scene.startQuietly(scene.attacker("oldie", expired)));
    }

    @Test
    void aDeniedNodeIsRefusedWithTheDenyListAsReason() {
        refusedWhileBravoDelivers("deny list", () -> scene.startQuietly(scene.attacker("dave", net.identity("dave"))));
    }

    @Test
    void aNodeClaimingAnotherNameIsRefused() {
        refusedWhileBravoDelivers("NAME_MISMATCH", () -> scene.startQuietly(scene.attacker("charlie", net.identity("mallory"))));
        assertFalse(alpha.peers().stream().anyMatch(p -> p.peer().equals("charlie")), "no link learned for the impostor");
    }

    @Test
    void plainTcpWithoutTlsIsRefused() {
        refusedWhileBravoDelivers("Unsupported or unrecognized SSL message", () -> {
            try (Socket s = new Socket("127.0.0.1", alpha.port())) {
                s.getOutputStream().write(FrameCodec.encode(FrameType.HELLO, new byte[8]));
                s.getOutputStream().flush();
                s.getInputStream().read();
            } catch (java.io.IOException e) {
                // alpha hanging up on us is the expected outcome.
            }
        });
    }

    @Test
    void aConnectionThatNeverHandshakesIsDroppedAfterTheTimeout() {
        refusedWhileBravoDelivers("HANDSHAKE_TIMEOUT", () -> {
            try (Socket s = new Socket("127.0.0.1", alpha.port())) {
                s.setSoTimeout(10_000);
                s.getInputStream().read();
            } catch (java.io.IOException e) {
                // alpha hanging up on us is the expected outcome.
            }
        });
    }

    @Test
    void aGarbageHandshakeIsRefused() {
        refusedWhileBravoDelivers("PROTOCOL_ERROR", () -> rawTls(net.identity("eve"), "this is not a handshake".getBytes()));
    }

    @Test
    void anOversizedFrameIsRefusedFromItsHeader() {
        byte[] header = {0x50, 0x4D, 1, (byte) FrameType.HANDSHAKE, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        refusedWhileBravoDelivers("FRAME_TOO_LARGE", () -> rawTls(net.identity("eve"), header));
    }

    /**
     * Eve is a member of the network, allowed frames of 4 MiB; alpha allows 1 MiB. Her message of
     * 1 MiB + 1 byte inside an authenticated session ends that session with FRAME_TOO_LARGE (the header
     * alone decides; the payload is never buffered) while bravo's session keeps delivering.
     */
    @Test
    void anOversizedFrameInsideAnAuthenticatedSessionEndsOnlyThatSession() throws Exception {
        List<String> downs = new CopyOnWriteArrayList<>();
        alpha.addListener(new SessionListener() {
            @Override
            public void onSessionUp(String peer) {
            }

            @Override
            public void onSessionDown(String peer, String reason) {
                downs.add(peer + " " + reason);
            }
        });
        MeshSettings base = scene.attacker("eve", net.identity("eve"));
        MeshSettings.Tuning t = base.tuning();
        MeshNode eve = scene.start(base.withTuning(new MeshSettings.Tuning(t.retransmit(), t.window(), t.backoffMin(), t.backoffMax(),
                t.handshakeTimeout(), 4 << 20)), d -> { });
        await("eve's session with alpha", Duration.ofSeconds(10), () -> alpha.sessions().stream().anyMatch(p -> p.peer().equals("eve")));
        int before = atAlpha.count("bravo");
        eve.send("alpha", new Envelope(new UUID(1, 1), "event", "eve", "alpha", 8, 1_000, 0, 1, new byte[(1 << 20) + 1]));
        await("alpha to end eve's session for its frame size", Duration.ofSeconds(10),
                () -> downs.stream().anyMatch(d -> d.startsWith("eve FRAME_TOO_LARGE")));
        await("bravo still delivering", Duration.ofSeconds(5), () -> atAlpha.count("bravo") > before + 20);
        assertTrue(alpha.sessions().stream().anyMatch(p -> p.peer().equals("bravo")), "bravo's session survived: " + alpha.sessions());
        assertTrue(atAlpha.from("eve").isEmpty(), "nothing of eve's oversized message was delivered");
        List<Long> got = atAlpha.from("bravo");
        assertTrue(java.util.stream.IntStream.range(0, got.size()).allMatch(i -> got.get(i) == i + 1), "bravo's messages in order, once");
    }

    void rawTls(Identity id, byte[] bytes) {
        try (SSLSocket s = (SSLSocket) TlsContexts.create(id, DenyList.NONE).getSocketFactory().createSocket("127.0.0.1", alpha.port())) {
            s.startHandshake();
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            out.flush();
            s.setSoTimeout(5_000);
            for (int i = 0; i < 100_000 && s.getInputStream().read() >= 0; i++) {
                // drain alpha's handshake and CLOSE until it hangs up
            }
        } catch (java.io.IOException e) {
            // alpha hanging up on us is the expected outcome.
        }
    }
}
