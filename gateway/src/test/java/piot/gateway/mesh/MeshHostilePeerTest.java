package piot.gateway.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static piot.gateway.mesh.TestNetwork.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import piot.gateway.mesh.codec.Advert;
import piot.gateway.mesh.codec.AdvertCodec;
import piot.gateway.mesh.codec.FrameType;
import piot.gateway.mesh.codec.Handshake;
import piot.gateway.mesh.codec.MessageCodec;
import piot.gateway.mesh.pki.Credentials;
import piot.gateway.mesh.pki.DenyList;
import piot.gateway.mesh.pki.Identity;
import piot.gateway.mesh.pki.NetworkCa;
import piot.gateway.mesh.pki.TlsContexts;

/**
 * Hostile peers against alpha's mesh port and discovery socket. Each attack is refused, logged
 * (a {@link Refusal} with a reason), counted under its kind ({@code refused.KIND}, exported as
 * {@code piot_mesh_refused_total{reason}}), and bravo's unrelated session keeps delivering every
 * message in order, none twice.
 */
class MeshHostilePeerTest {
    /** An address on the loopback net other than 127.0.0.1, so "another host" can be played on one machine. */
    static final String OTHER_HOST = "127.0.0.2";

    final TestNetwork net = new TestNetwork("home");
    final Identity revoked = net.identity("rita");
    AlphaUnderAttack scene;
    MeshNode alpha;
    TestNetwork.Recorder atAlpha;

    @BeforeEach
    void startAlphaAndAStreamFromBravo() throws Exception {
        // The serial as `openssl x509 -text` prints it: upper-case byte pairs joined by colons.
        String serial = HexFormat.ofDelimiter(":").withUpperCase().formatHex(revoked.certificate().getSerialNumber().toByteArray());
        DiscoverySettings discovery = new DiscoverySettings(true, "127.0.0.1", 0, Duration.ofSeconds(10), List.of(), 20);
        scene = new AlphaUnderAttack(net, net.settings("alpha").withDeny(DenyList.of(List.of(serial))).withDiscovery(discovery));
        alpha = scene.alpha;
        atAlpha = scene.atAlpha;
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (scene != null) {
            scene.close();
        }
    }

    /** Runs the attack, then asserts alpha refused and counted it as {@code kind} and bravo kept delivering. */
    void refusedWhileBravoDelivers(String kind, Runnable attack) {
        long countedBefore = alpha.stats().get("refused." + kind);
        attack.run();
        await("alpha to refuse as " + kind + ": " + alpha.refusals(), Duration.ofSeconds(10),
                () -> alpha.stats().get("refused." + kind) > countedBefore);
        assertTrue(alpha.refusals().stream().anyMatch(r -> r.kind().equals(kind) && !r.reason().isBlank()), "logged with a reason");
        bravoStillDelivers();
    }

    void bravoStillDelivers() {
        int before = atAlpha.count("bravo");
        await("bravo still delivering", Duration.ofSeconds(10), () -> atAlpha.count("bravo") > before + 20);
        scene.assertOnlyBravoInOrder();
    }

    @Test
    void aClientWithoutACertificateIsRefused() {
        refusedWhileBravoDelivers("no_certificate", () -> {
            try (SSLSocket s = (SSLSocket) trustingContext().getSocketFactory().createSocket("127.0.0.1", alpha.port())) {
                s.setSoTimeout(5_000);
                s.startHandshake();
                drain(s.getInputStream());
            } catch (IOException e) {
                // alpha hanging up on us is the expected outcome.
            }
        });
    }

    @Test
    void aCertificateOfAnotherCaIsRefused() {
        Identity foreign = new TestNetwork("home").identity("mallory");
        Identity mallory = new Identity(net.ca.certificate(), foreign.certificate(), foreign.key());
        refusedWhileBravoDelivers("untrusted", () -> scene.startQuietly(scene.attacker("mallory", mallory)));
    }

    @Test
    void anExpiredCertificateIsRefused() {
        Instant now = Instant.now();
        Credentials c = NetworkCa.issue(net.ca, "oldie", now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)));
        refusedWhileBravoDelivers("expired", () -> scene.startQuietly(scene.attacker("oldie", new Identity(net.ca.certificate(), c.certificate(), c.key()))));
    }

    @Test
    void aCertificateRevokedByItsColonSeparatedSerialIsRefused() {
        refusedWhileBravoDelivers("revoked", () -> scene.startQuietly(scene.attacker("rita", revoked)));
    }

    @Test
    void aHandshakeClaimingAnotherNameThanTheCertificateIsRefused() {
        refusedWhileBravoDelivers("name_mismatch", () -> scene.startQuietly(scene.attacker("charlie", net.identity("eve"))));
    }

    @Test
    void aReplayedTlsHandshakeIsRefused() throws Exception {
        // Record what a real node sends on its way in, then play the same bytes again.
        byte[] recorded = recordClientBytes(net.identity("eve"));
        assertTrue(recorded.length > 100, "recorded a TLS handshake");
        refusedWhileBravoDelivers("tls", () -> {
            try (Socket s = new Socket("127.0.0.1", alpha.port())) {
                s.setSoTimeout(5_000);
                s.getOutputStream().write(recorded);
                s.getOutputStream().flush();
                drain(s.getInputStream());
            } catch (IOException e) {
                // alpha hanging up on us is the expected outcome.
            }
        });
    }

    @Test
    void aTruncatedHandshakeFrameIsRefused() {
        byte[] frame = MessageCodec.encode(new Handshake(1, 1, "eve", "home", 1, List.of(), true, 0, 0));
        byte[] half = java.util.Arrays.copyOf(frame, frame.length / 2);
        refusedWhileBravoDelivers("connection_lost", () -> rawTls(net.identity("eve"), half, true));
    }

    @Test
    void aGigabyteLengthPrefixIsRefusedFromTheHeaderWithoutBuffering() {
        int gib = 1 << 30;
        byte[] header = {0x50, 0x4D, 1, (byte) FrameType.HANDSHAKE, (byte) (gib >>> 24), 0, 0, 0};
        refusedWhileBravoDelivers("frame_too_large", () -> rawTls(net.identity("eve"), header, false));
    }

    @Test
    void aThousandConnectionsFromOneHostAreCappedAndAnotherPeerStillGetsIn() throws Exception {
        List<Socket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < 1_000; i++) {
                Socket s = new Socket();
                s.bind(new InetSocketAddress(OTHER_HOST, 0));
                s.connect(new InetSocketAddress("127.0.0.1", alpha.port()), 5_000);
                flood.add(s);
            }
            // Connections beyond the host's slots are refused at once; those holding a slot are cut at
            // the handshake deadline, which frees the slot for the next in the flood.
            await("all 1000 refused: " + alpha.stats().snapshot(), Duration.ofSeconds(30),
                    () -> alpha.stats().get("refused.handshake_slots") + alpha.stats().get("refused.handshake_timeout") >= 1_000);
            assertTrue(alpha.stats().get("refused.handshake_slots") >= 1_000 / 2, "most refused at once, without a handshake");
            MeshNode charlie = scene.start(net.settings("charlie").withLinks(List.of(TestNetwork.linkTo(alpha))), d -> { });
            await("charlie to get a session during the flood", Duration.ofSeconds(10),
                    () -> alpha.sessions().stream().anyMatch(p -> p.peer().equals("charlie")));
            charlie.close();
        } finally {
            for (Socket s : flood) {
                s.close();
            }
        }
        assertEquals(1_000, flood.size());
        await("charlie's session gone", Duration.ofSeconds(10), () -> alpha.sessions().stream().noneMatch(p -> p.peer().equals("charlie")));
        bravoStillDelivers();
    }

    @Test
    void aSlowLorisDrippingBytesInsideEachReadTimeoutIsCutAtTheHandshakeDeadline() {
        long[] cutAfterBytes = {-1};
        refusedWhileBravoDelivers("handshake_timeout", () -> {
            // A TLS record header announcing 16 kB, then one byte every 300 ms: each read sees
            // data well inside the 2 s read timeout, so only a deadline on the whole handshake ends it.
            byte[] header = {0x16, 0x03, 0x01, 0x40, 0x00};
            try (Socket s = new Socket("127.0.0.1", alpha.port())) {
                OutputStream out = s.getOutputStream();
                out.write(header);
                for (int i = 0; i < 40; i++) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));
                    out.write(1);
                    out.flush();
                    if (alpha.stats().get("refused.handshake_timeout") > 0) {
                        cutAfterBytes[0] = i;
                        break;
                    }
                }
            } catch (IOException e) {
                cutAfterBytes[0] = 0;
            }
        });
        assertTrue(cutAfterBytes[0] >= 0, "alpha cut the connection before 40 drips (12 s)");
    }

    @Test
    void aSpoofedAdvertDoesNotMoveThePeerWithALiveSession() throws Exception {
        Link before = alpha.links().get("bravo").orElseThrow();
        byte[] spoof = AdvertCodec.encode(new Advert("home", "bravo", 9, 1));
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(OTHER_HOST, 0))) {
            s.send(new DatagramPacket(spoof, spoof.length, InetAddress.getByName("127.0.0.1"), alpha.discoveryPort()));
        }
        await("the spoof counted", Duration.ofSeconds(5), () -> alpha.stats().get("adverts_spoofed") == 1);
        assertEquals(before, alpha.links().get("bravo").orElseThrow(), "bravo's link is where its authenticated session is");
        bravoStillDelivers();
    }

    /** A TLS session as {@code id}, then {@code bytes}; {@code hangUp} closes right after (a peer that dies mid-frame). */
    void rawTls(Identity id, byte[] bytes, boolean hangUp) {
        try (SSLSocket s = (SSLSocket) TlsContexts.create(id, DenyList.NONE).getSocketFactory().createSocket("127.0.0.1", alpha.port())) {
            s.startHandshake();
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            out.flush();
            if (!hangUp) {
                s.setSoTimeout(5_000);
                drain(s.getInputStream());
            }
        } catch (IOException e) {
            // alpha hanging up on us is the expected outcome.
        }
    }

    /** The bytes a TLS client sends to alpha through a recording relay until alpha hangs up. */
    byte[] recordClientBytes(Identity id) throws Exception {
        ByteArrayOutputStream recorded = new ByteArrayOutputStream();
        try (ServerSocket relay = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Thread t = Thread.ofVirtual().start(() -> {
                try (Socket in = relay.accept(); Socket up = new Socket("127.0.0.1", alpha.port())) {
                    Thread back = Thread.ofVirtual().start(() -> copy(up, in, null));
                    copy(in, up, recorded);
                    back.join(5_000);
                } catch (IOException | InterruptedException e) {
                    // the relay ends with either side
                }
            });
            try (SSLSocket s = (SSLSocket) TlsContexts.create(id, DenyList.NONE).getSocketFactory().createSocket("127.0.0.1", relay.getLocalPort())) {
                s.startHandshake();
                s.getOutputStream().write(MessageCodec.encode(new Handshake(1, 1, "eve", "elsewhere", 1, List.of(), true, 0, 0)));
                s.getOutputStream().flush();
                s.setSoTimeout(5_000);
                drain(s.getInputStream());
            } catch (IOException e) {
                // alpha refuses eve for the wrong network and hangs up.
            }
            t.join(10_000);
        }
        synchronized (recorded) {
            return recorded.toByteArray();
        }
    }

    static void copy(Socket from, Socket to, ByteArrayOutputStream record) {
        byte[] buf = new byte[4096];
        try {
            InputStream in = from.getInputStream();
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                if (record != null) {
                    synchronized (record) {
                        record.write(buf, 0, n);
                    }
                }
                to.getOutputStream().write(buf, 0, n);
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed
        }
    }

    static void drain(InputStream in) throws IOException {
        for (int i = 0; i < 100_000 && in.read() >= 0; i++) {
            // read what alpha sends until it hangs up
        }
    }

    static SSLContext trustingContext() {
        try {
            SSLContext c = SSLContext.getInstance(TlsContexts.PROTOCOL);
            c.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) { }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) { }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return c;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
