package piot.gateway.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static piot.gateway.mesh.TestNetwork.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import piot.gateway.mesh.codec.Advert;
import piot.gateway.mesh.codec.AdvertCodec;
import piot.time.Clock;

class MeshDiscoveryTest {
    final TestNetwork net = new TestNetwork("home");
    final List<MeshNode> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(MeshNode::close);
    }

    static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static DiscoverySettings discovery(int own, int target) {
        return new DiscoverySettings(true, "127.0.0.1", own, Duration.ofMillis(100),
                List.of(new InetSocketAddress("127.0.0.1", target)), 20);
    }

    MeshNode start(MeshSettings s, MessageHandler h) throws Exception {
        MeshNode n = MeshNode.start(s, new InMemoryLinkStore(), Clock.system(), h);
        nodes.add(n);
        return n;
    }

    @Test
    void twoNodesWithoutLinksFindEachOtherAndExchangeMessages() throws Exception {
        int pa = freeUdpPort();
        int pb = freeUdpPort();
        var atBravo = new TestNetwork.Recorder();
        MeshNode alpha = start(net.settings("alpha").withDiscovery(discovery(pa, pb)), d -> { });
        MeshNode bravo = start(net.settings("bravo").withDiscovery(discovery(pb, pa)), atBravo);
        await("a session from discovery", Duration.ofSeconds(10), () -> alpha.sessions().size() == 1 && bravo.sessions().size() == 1);
        assertEquals(Link.Source.DISCOVERY, alpha.links().get("bravo").orElseThrow().source());
        alpha.send("bravo", TestNetwork.message("alpha", "bravo", 1));
        await("delivery", Duration.ofSeconds(5), () -> atBravo.count("alpha") == 1);
    }

    @Test
    void malformedForeignAndFloodingAdvertsAreDroppedAndCounted() throws Exception {
        int pa = freeUdpPort();
        MeshNode alpha = start(net.settings("alpha").withDiscovery(discovery(pa, freeUdpPort())), d -> { });
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", pa);
        try (DatagramSocket s = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            byte[] garbage = "PIAD\u0001garbage".getBytes();
            s.send(new DatagramPacket(garbage, garbage.length, target));
            byte[] foreign = AdvertCodec.encode(new Advert("elsewhere", "zulu", 9, 1));
            s.send(new DatagramPacket(foreign, foreign.length, target));
            await("malformed and foreign counted", Duration.ofSeconds(5),
                    () -> alpha.stats().get("adverts_malformed") == 1 && alpha.stats().get("adverts_foreign") == 1);
            byte[] advert = AdvertCodec.encode(new Advert("home", "yankee", 9, 1));
            for (int i = 0; i < 200; i++) {
                s.send(new DatagramPacket(advert, advert.length, target));
            }
        }
        await("flood rate-limited", Duration.ofSeconds(5), () -> alpha.stats().get("adverts_rate_limited") > 0);
        assertTrue(alpha.stats().get("adverts_accepted") <= 40, "at most the budget of 2 seconds: " + alpha.stats().get("adverts_accepted"));
        assertTrue(alpha.links().get("zulu").isEmpty(), "a foreign network's advert adds no link");
        assertEquals(9, alpha.links().get("yankee").orElseThrow().port(), "an advert is a hint: a link to try, not a session");
        assertTrue(alpha.sessions().isEmpty());
    }
}
